// One turn's chunks → events, as `_process_streaming_chunks` does (spec §3.1). Per chunk: usage,
// then per choice text → finish reason → reasoning → refusal → tool-call fragments; after the
// last chunk the `done` events. The stream timeline supplies the chunks (steps) and the merged
// deltas; the raw chunk is read only for what the timeline folds away (V2510's
// `reasoning_content`, each fragment's own tool name for the MCP naming quirk, logprobs).
import type { Delta, Timeline } from '../stream/types';
import { unwrap } from '../stream/json-util';
import type { Emitter } from './emitter';
import type { EventSource, Logprob, OutputItem } from './event-types';
import { asArray, asRecord, asString, nonEmptyString } from './recording';
import type { UsageAccumulator } from './response-object';
import type { Features } from './versions';

export interface TurnToolCall {
  readonly index: number;
  readonly itemId: string;
  id: string | null;
  name: string | null;
  args: string;
  /** Step of the first fragment. */
  readonly step: number;
}

export interface TextDelta {
  readonly text: string;
  readonly step: number;
}

export interface TurnStreamResult {
  readonly msgId: string;
  readonly messageOutputIndex: number;
  readonly text: string;
  readonly reasoning: string;
  readonly refusal: string;
  readonly textDeltas: TextDelta[];
  readonly logprobs: Logprob[];
  readonly calls: TurnToolCall[];
  readonly finishReason: string;
  readonly messageAnnounced: boolean;
  /** Events index of `content_part.done` (ci 0), for the synthetic `output_text.done`. */
  readonly textPartDoneIndex: number;
  /** Set when a guardrail verdict cut the stream at this step. */
  readonly cutAt: number | null;
}

export interface TurnStreamContext {
  readonly emitter: Emitter;
  readonly features: Features;
  readonly turn: number;
  readonly responseId: string;
  readonly outputLength: () => number;
  readonly usage: UsageAccumulator;
  /** Reasoning is read for this turn (HEAD: reasoning.effort and a wrapping provider). */
  readonly reasoningEnabled: boolean;
  readonly isMcpName: (name: string) => boolean;
  readonly isAnnouncedAsFunction: (name: string | null) => boolean;
  /** Guardrail hook, called after each chunk with the text so far: 'flush', 'cut' or nothing. */
  readonly afterChunk?: (textSoFar: string, step: number) => 'flush' | 'cut' | null;
}

function logprobsOf(choice: Record<string, unknown> | undefined): Logprob[] {
  const content = asArray(asRecord(choice?.logprobs)?.content);
  if (!content) return [];
  const out: Logprob[] = [];
  for (const c of content) {
    const r = asRecord(c);
    if (!r) continue;
    const tops = (asArray(r.top_logprobs) ?? []).flatMap((t) => {
      const tr = asRecord(t);
      return tr && typeof tr.token === 'string' && typeof tr.logprob === 'number'
        ? [{ token: tr.token, logprob: tr.logprob, bytes: (asArray(tr.bytes) as number[] | undefined) ?? null }]
        : [];
    });
    if (typeof r.token === 'string' && typeof r.logprob === 'number') {
      out.push({
        token: r.token,
        logprob: r.logprob,
        bytes: (asArray(r.bytes) as number[] | undefined) ?? null,
        top_logprobs: tops,
      });
    }
  }
  return out;
}

/** Deltas of one step grouped by choice, in order of first appearance. */
function byChoice(added: readonly Delta[]): Map<number, Delta[]> {
  const m = new Map<number, Delta[]>();
  for (const d of added) {
    if (d.choice < 0) continue;
    const list = m.get(d.choice);
    if (list) list.push(d);
    else m.set(d.choice, [d]);
  }
  return m;
}

export function processTurnChunks(ctx: TurnStreamContext, timeline: Timeline): TurnStreamResult {
  const { emitter: em, features: f, turn } = ctx;
  const msgId = em.id('msg');
  const moi = ctx.outputLength();
  const logprobsOn = f.logprobs;
  let text = '';
  let reasoning = '';
  let refusal = '';
  let textStarted = false;
  let reasoningStarted = false;
  let refusalStarted = false;
  let finish: string = f.finishReasonDefault;
  const textDeltas: TextDelta[] = [];
  const allLogprobs: Logprob[] = [];
  const calls = new Map<number, TurnToolCall>();
  let cutAt: number | null = null;

  const partLogprobs = logprobsOn ? [] : null;
  const src = (step: number): EventSource => ({ turn, step, phase: 'chunk' });

  for (const step of timeline.steps) {
    if (step.kind === 'exception') continue; // synthetic error step, not a chunk
    const k = step.index;
    const data = asRecord(unwrap(step.raw).data);
    const rawChoices = asArray(data?.choices) ?? [];
    // 1. usage
    if (data && data.usage !== null && data.usage !== undefined) ctx.usage.add(data.usage);
    const grouped = byChoice(step.added);
    // choices present only in the raw chunk (e.g. V2510 reasoning_content-only deltas)
    rawChoices.forEach((c, i) => {
      const ci = typeof asRecord(c)?.index === 'number' ? (asRecord(c)!.index as number) : i;
      if (!grouped.has(ci)) grouped.set(ci, []);
    });
    for (const [ci, deltas] of grouped) {
      const rawChoice = asRecord(
        rawChoices.find((c, i) => (typeof asRecord(c)?.index === 'number' ? asRecord(c)!.index === ci : i === ci)),
      );
      const rawDelta = asRecord(rawChoice?.delta);
      // 2. text
      for (const d of deltas) {
        if (d.field !== 'content') continue;
        if (!textStarted) {
          textStarted = true;
          if (f.messageItemEvents) {
            const item: OutputItem = { type: 'message', id: msgId, role: 'assistant', status: 'in_progress', content: [] };
            em.emit({ type: 'response.output_item.added', response_id: ctx.responseId, item, output_index: moi }, src(k));
          }
          em.emit(
            {
              type: 'response.content_part.added',
              response_id: ctx.responseId,
              item_id: msgId,
              output_index: moi,
              content_index: 0,
              part: { type: 'output_text', text: '', annotations: [], logprobs: partLogprobs },
            },
            src(k),
          );
        }
        text += d.text;
        const lp = logprobsOn ? logprobsOf(rawChoice) : [];
        allLogprobs.push(...lp);
        const body = {
          type: 'response.output_text.delta' as const,
          item_id: msgId,
          output_index: moi,
          content_index: 0,
          delta: d.text,
        };
        em.emit(logprobsOn ? { ...body, logprobs: lp } : body, src(k));
        textDeltas.push({ text: d.text, step: k });
      }
      // 3. finish reason
      for (const d of deltas) if (d.field === 'finish') finish = d.text;
      // 4. reasoning
      let reasoningText: string | undefined;
      if (f.reasoning === 'reasoning_content') reasoningText = nonEmptyString(rawDelta?.reasoning_content);
      else if (ctx.reasoningEnabled)
        reasoningText =
          deltas
            .filter((d) => d.field === 'reasoning')
            .map((d) => d.text)
            .join('') || undefined;
      if (reasoningText !== undefined) {
        if (!reasoningStarted) {
          reasoningStarted = true;
          em.emit(
            {
              type: 'response.content_part.added',
              response_id: ctx.responseId,
              item_id: msgId,
              output_index: moi,
              content_index: 1,
              part: { type: 'reasoning_text', text: '' },
            },
            src(k),
          );
        }
        reasoning += reasoningText;
        em.emit(
          { type: 'response.reasoning_text.delta', item_id: msgId, output_index: moi, content_index: 1, delta: reasoningText },
          src(k),
        );
      }
      // 5. refusal
      for (const d of deltas) {
        if (d.field !== 'refusal') continue;
        if (!refusalStarted) {
          refusalStarted = true;
          em.emit(
            {
              type: 'response.content_part.added',
              response_id: ctx.responseId,
              item_id: msgId,
              output_index: moi,
              content_index: 2,
              part: { type: 'refusal', refusal: '' },
            },
            src(k),
          );
        }
        refusal += d.text;
        em.emit({ type: 'response.refusal.delta', item_id: msgId, output_index: moi, content_index: 2, delta: d.text }, src(k));
      }
      // 6. tool-call fragments (raw: the MCP check uses this fragment's own name)
      const fragments = asArray(rawDelta?.tool_calls) ?? [];
      fragments.forEach((fragRaw, j) => {
        const frag = asRecord(fragRaw);
        if (!frag) return;
        const fn = asRecord(frag.function);
        const index = typeof frag.index === 'number' && Number.isSafeInteger(frag.index) ? frag.index : j;
        const fragName = nonEmptyString(fn?.name) ?? null;
        let call = calls.get(index);
        if (!call) {
          call = { index, itemId: em.id('fc'), id: nonEmptyString(frag.id) ?? null, name: fragName, args: '', step: k };
          calls.set(index, call);
          if (f.builtinAnnounce === 'function_call' || ctx.isAnnouncedAsFunction(fragName)) {
            const item: OutputItem = {
              type: 'function_call',
              id: call.itemId,
              call_id: call.id ?? '',
              name: fragName ?? '',
              arguments: '',
              status: 'in_progress',
            };
            em.emit(
              { type: 'response.output_item.added', response_id: ctx.responseId, item, output_index: ctx.outputLength() },
              src(k),
            );
          } else em.gap();
        } else {
          call.id ??= nonEmptyString(frag.id) ?? null;
          call.name ??= fragName;
        }
        const args = asString(fn?.arguments);
        if (args !== undefined && args !== '') {
          call.args += args;
          const isMcp = fragName !== null && ctx.isMcpName(fragName);
          em.emit(
            {
              type: isMcp ? 'response.mcp_call.arguments.delta' : 'response.function_call_arguments.delta',
              item_id: call.itemId,
              output_index: ctx.outputLength(),
              delta: args,
            },
            src(k),
          );
        }
      });
    }
    if (ctx.afterChunk) {
      const verdict = ctx.afterChunk(text, k);
      if (verdict === 'flush') em.flush(k);
      if (verdict === 'cut') {
        cutAt = k;
        break;
      }
    }
  }

  const sorted = [...calls.values()].sort((a, b) => a.index - b.index);
  const lastStep = timeline.chunkCount - 1;
  let textPartDoneIndex = -1;
  if (cutAt === null) {
    const after: EventSource = { turn, step: null, phase: 'after-chunks' };
    for (const c of sorted) {
      const isMcp = c.name !== null && ctx.isMcpName(c.name);
      em.emit(
        {
          type: isMcp ? 'response.mcp_call.arguments.done' : 'response.function_call_arguments.done',
          item_id: c.itemId,
          output_index: ctx.outputLength(),
          arguments: c.args === '' ? '{}' : c.args,
        },
        after,
      );
    }
    em.flush(lastStep); // nothing held by the guardrail buffer may follow the done events
    if (textStarted) {
      textPartDoneIndex = em.emit(
        {
          type: 'response.content_part.done',
          response_id: ctx.responseId,
          item_id: msgId,
          output_index: moi,
          content_index: 0,
          part: { type: 'output_text', text, annotations: [], logprobs: partLogprobs },
        },
        after,
      );
    }
    if (reasoningStarted) {
      em.emit(
        { type: 'response.reasoning_text.done', item_id: msgId, output_index: moi, content_index: 1, text: reasoning },
        after,
      );
      em.emit(
        {
          type: 'response.content_part.done',
          response_id: ctx.responseId,
          item_id: msgId,
          output_index: moi,
          content_index: 1,
          part: { type: 'reasoning_text', text: reasoning },
        },
        after,
      );
    }
    if (refusalStarted) {
      em.emit({ type: 'response.refusal.done', item_id: msgId, output_index: moi, content_index: 2, refusal }, after);
      em.emit(
        {
          type: 'response.content_part.done',
          response_id: ctx.responseId,
          item_id: msgId,
          output_index: moi,
          content_index: 2,
          part: { type: 'refusal', refusal },
        },
        after,
      );
    }
    // HEAD: the announced message is closed only when the turn has no tool calls (§3.1 item 13).
    if (f.messageItemEvents && textStarted && sorted.length === 0) {
      const item: OutputItem = {
        type: 'message',
        id: msgId,
        role: 'assistant',
        status: 'completed',
        content: [{ type: 'output_text', text, annotations: [], logprobs: logprobsOn ? allLogprobs : null }],
      };
      em.emit({ type: 'response.output_item.done', response_id: ctx.responseId, item, output_index: moi }, after);
    }
  }
  return {
    msgId,
    messageOutputIndex: moi,
    text,
    reasoning,
    refusal,
    textDeltas,
    logprobs: allLogprobs,
    calls: sorted,
    finishReason: finish,
    messageAnnounced: textStarted && f.messageItemEvents,
    textPartDoneIndex,
    cutAt,
  };
}
