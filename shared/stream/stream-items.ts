// Streamed bodies: a list of typed chunks / genai dicts (one step per item) or a list of SSE
// lines (one step per event). Each item is classified on its own, so an odd item in the middle
// of a stream becomes a noted step instead of derailing the rest.
import { anthropicEvents, isAnthropicEvent } from './anthropic';
import type { TimelineBuilder } from './builder';
import { emitChatPayload } from './chat-chunks';
import { emitGenai, isGenaiShape } from './genai';
import { interactionEvents, isInteractionEvent } from './interactions';
import { describeValue, isRecord, unwrap } from './json-util';
import { emitOllama, isOllamaShape } from './ollama';
import { parseSseLines } from './sse';

type ItemKind = 'chat' | 'completion' | 'ollama' | 'genai' | 'unknown';

const STREAM_VARIANT: Record<ItemKind, string> = {
  chat: 'chat-completion-chunks',
  completion: 'completion-chunks',
  ollama: 'ollama-stream',
  genai: 'genai-stream',
  unknown: 'unknown-stream',
};

function classify(cls: string | undefined, data: unknown): ItemKind {
  if (!isRecord(data)) return 'unknown';
  if (cls === 'ChatCompletionChunk' || cls === 'ChatCompletion' || data.object === 'chat.completion.chunk') return 'chat';
  if (cls === 'Completion' || data.object === 'text_completion') return 'completion';
  if (cls === 'GenerateResponse' || cls === 'ChatResponse' || isOllamaShape(data)) return 'ollama';
  if (isGenaiShape(data)) return 'genai';
  if (Array.isArray(data.choices)) return 'chat';
  return 'unknown';
}

/** Variant of a stream = the kind most of its items have. */
function majority(counts: Map<string, number>, fallback: string): string {
  let best = fallback;
  let n = 0;
  for (const [k, c] of counts) if (c > n) [best, n] = [k, c];
  return best;
}

export function buildItemStream(items: readonly unknown[], b: TimelineBuilder): string {
  if (items.length === 0) return 'empty-stream';
  const counts = new Map<string, number>();
  for (const item of items) {
    const { cls, data } = unwrap(item);
    const kind = classify(cls, data);
    if (kind !== 'unknown') counts.set(kind, (counts.get(kind) ?? 0) + 1);
    b.step(cls ?? (typeof item === 'string' ? 'sse-line' : describeValue(item)), item, (e) => {
      if (!isRecord(data)) e.note(`not an object: ${describeValue(data)}`);
      else if (kind === 'chat' || kind === 'completion') emitChatPayload(data, e);
      else if (kind === 'ollama') emitOllama(data, e);
      else if (kind === 'genai') emitGenai(data, e);
      else e.note(`unrecognised chunk${cls ? ` ${cls}` : ''}`);
    });
  }
  return STREAM_VARIANT[majority(counts, 'unknown') as ItemKind];
}

export function buildSseStream(lines: readonly unknown[], b: TimelineBuilder): string {
  const anthropic = anthropicEvents();
  const interactions = interactionEvents();
  const counts = new Map<string, number>();
  for (const ev of parseSseLines(lines)) {
    let data: unknown = ev.data;
    let parsed = false;
    if (ev.data !== undefined && ev.data !== '[DONE]') {
      try {
        data = JSON.parse(ev.data);
        parsed = true;
      } catch {
        /* kept as text, noted below */
      }
    }
    const raw = { event: ev.event ?? null, data, lines: lines.slice(ev.start, ev.end) };
    const kind = ev.event ?? (isRecord(data) && typeof data.type === 'string' ? data.type : 'message');
    b.step(
      kind,
      raw,
      (e) => {
        if (ev.junk) e.note(`${ev.junk} non-string line(s)`);
        if (ev.data === '[DONE]') return e.note('end of stream');
        if (ev.data === undefined) return e.note('event without data');
        if (!parsed) return e.note('data is not JSON');
        if (!isRecord(data)) return e.note(`data is ${describeValue(data)}`);
        let flavour: string;
        if (isAnthropicEvent(data) && anthropic(data, e)) flavour = 'anthropic-messages';
        else if (isInteractionEvent(data, ev.event) && interactions(data, ev.event, e)) flavour = 'gemini-interactions';
        else if (Array.isArray(data.choices)) {
          emitChatPayload(data, e);
          flavour = 'openai-chat';
        } else return e.note('unrecognised event');
        counts.set(flavour, (counts.get(flavour) ?? 0) + 1);
      },
      { lines: [ev.start, ev.end] },
    );
  }
  return `sse:${majority(counts, 'unknown')}`;
}
