// Sequence numbers, placeholder ids and the guardrail buffer of one derived response (§4.1,
// §4.2). The counter starts at 0; every event except `created` (and `completed` at V2510) first
// adds 1 and then stamps itself. A "gap" consumes a number without an event (HEAD, one per
// built-in or MCP call). Buffered events keep the number they got when created, so dropping them
// leaves gaps, as the server's guardrail batching does.
import type { EmittedEvent, EventSource, ResponsesStreamEvent } from './event-types';

type Unstamped<E> = E extends { sequence_number?: number } ? Omit<E, 'sequence_number'> : never;
export type EventBody = Unstamped<ResponsesStreamEvent>;

export class Emitter {
  seq = 0;
  readonly events: EmittedEvent[] = [];
  private buffer: EmittedEvent[] | null = null;
  private readonly counters = new Map<string, number>();

  /** Deterministic stand-in for the server's random ids: `msg_placeholder_1`, `fc_placeholder_2`… */
  id(prefix: string): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return `${prefix}_placeholder_${n}`;
  }

  /** Stamp with the next number and append (text/reasoning output is held while buffering). Returns the event index, -1 when held. */
  emit(body: EventBody, source: EventSource): number {
    this.seq += 1;
    return this.push({ event: { ...body, sequence_number: this.seq } as ResponsesStreamEvent, source });
  }

  /** Append without a sequence number (V2510 created/completed). */
  emitUnnumbered(body: EventBody, source: EventSource): number {
    return this.push({ event: body as ResponsesStreamEvent, source });
  }

  /** Append with an explicit number (HEAD created = 0). */
  emitAt(body: EventBody, seq: number, source: EventSource): number {
    return this.push({ event: { ...body, sequence_number: seq } as ResponsesStreamEvent, source });
  }

  gap(): void {
    this.seq += 1;
  }

  startBuffer(): void {
    this.buffer ??= [];
  }

  get buffering(): boolean {
    return this.buffer !== null;
  }

  /** Emit buffered events, sent after chunk `at`; buffering stays on. */
  flush(at?: number): void {
    if (!this.buffer) return;
    for (const e of this.buffer) {
      this.events.push(at !== undefined && at !== e.source.step ? { ...e, source: { ...e.source, emittedAt: at } } : e);
    }
    this.buffer = [];
  }

  /** Drop buffered events (their numbers become gaps). Returns how many were dropped. */
  drop(): number {
    const n = this.buffer?.length ?? 0;
    if (this.buffer) this.buffer = [];
    return n;
  }

  stopBuffer(): void {
    this.flush();
    this.buffer = null;
  }

  private push(e: EmittedEvent): number {
    if (this.buffer && isBufferedKind(e.event)) {
      this.buffer.push(e);
      return -1;
    }
    this.events.push(e);
    return this.events.length - 1;
  }
}

/** Events that go through the guardrail buffer: text and reasoning output (§3.1 item 7). */
export function isBufferedKind(body: ResponsesStreamEvent): boolean {
  switch (body.type) {
    case 'response.output_text.delta':
    case 'response.reasoning_text.delta':
      return true;
    case 'response.content_part.added':
      return body.content_index !== 2;
    case 'response.output_item.added':
      return body.item.type === 'message';
    default:
      return false;
  }
}
