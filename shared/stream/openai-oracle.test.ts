// ORACLE: every chat-completion chunk stream in the shared corpus is also fed to the official
// openai-node accumulator (ChatCompletionStream); our state must equal its snapshot after every
// chunk, and our final state must equal its finalChatCompletion().
//
// What the SDK cannot judge, and why:
// - `delta.reasoning` / `reasoning_content` are not SDK fields: ChatCompletionStream copies
//   unknown delta keys with Object.assign, i.e. *overwrites* them per chunk, so its snapshot
//   only holds the last fragment. Reasoning is checked against a plain concatenation instead.
// - usage: the SDK copies every chunk's top-level fields over the snapshot, so a chunk with
//   `usage: null` after a usage chunk would reset it; we keep the last known usage. We compare
//   whenever the SDK's snapshot has a usage (in this corpus usage comes in the last chunk, or in
//   every chunk for the Databricks stream, so this covers every usage value).
// - finalChatCompletion() throws when a choice has no finish_reason or no role, or when tool
//   call indexes leave a gap (sparse array -> TypeError). Such streams are still compared chunk
//   by chunk. No corpus stream hits this (EXPECTED_FINAL_FAILURES is empty); the synthetic
//   'tool index gap' stream does.
// The corpus has no multi-choice, refusal or late-name streams, so SYNTHETIC adds those.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ChatCompletionStream } from 'openai/lib/ChatCompletionStream';
import { describe, expect, it } from 'vitest';
import { buildTimeline, finalState, stateAt, type StreamState, type Timeline } from './index';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpusRoot = path.resolve(repoRoot, '../shared/corpus');

/** Files (relative to corpus/) whose finalChatCompletion() is expected to throw, with the reason. */
const EXPECTED_FINAL_FAILURES: Record<string, string> = {};

function listJson(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? listJson(p) : e.name.endsWith('.json') ? [p] : [];
  });
}

interface ChunkStream {
  readonly rel: string;
  readonly record: { response: { body: { __data__: unknown }[] } };
}

function chatChunkStreams(): ChunkStream[] {
  return listJson(corpusRoot).flatMap((file) => {
    const record = JSON.parse(fs.readFileSync(file, 'utf8'));
    const body: unknown = record?.response?.body;
    const isChunks =
      Array.isArray(body) &&
      body.length > 0 &&
      body.every((x) => typeof x?.__type__ === 'string' && x.__type__.endsWith('.ChatCompletionChunk'));
    return isChunks ? [{ rel: path.relative(corpusRoot, file), record }] : [];
  });
}

// ---- normalisation of both sides into one comparable shape ----

interface Norm {
  index: number;
  content: string;
  refusal: string;
  finishReason: string | null;
  toolCalls: { index: number; id: string | null; name: string | null; arguments: string }[];
}

function normSdkChoices(snapshot: any): Norm[] {
  const out: Norm[] = [];
  (snapshot?.choices ?? []).forEach((c: any, index: number) => {
    if (!c) return;
    const m = c.message ?? {};
    const toolCalls: Norm['toolCalls'] = [];
    (m.tool_calls ?? []).forEach((tc: any, i: number) => {
      if (tc) toolCalls.push({ index: i, id: tc.id || null, name: tc.function?.name || null, arguments: tc.function?.arguments ?? '' });
    });
    out.push({ index, content: m.content ?? '', refusal: m.refusal ?? '', finishReason: c.finish_reason ?? null, toolCalls });
  });
  return out;
}

function normOurs(t: Timeline, s: StreamState): Norm[] {
  // The SDK only knows choices it has seen; ours lists all, so drop the not-yet-started ones.
  return s.choices
    .filter((c) => (t.tracks.choices.find((tc) => tc.index === c.index)?.from ?? Infinity) <= s.position)
    .map((c) => ({
      index: c.index,
      content: c.content,
      refusal: c.refusal,
      finishReason: c.finishReason,
      toolCalls: c.toolCalls.map(({ index, id, name, arguments: args }) => ({ index, id, name, arguments: args })),
    }));
}

interface SdkRun {
  readonly snapshots: unknown[];
  readonly final?: unknown;
  readonly finalError?: string;
}

async function runSdk(chunks: readonly unknown[]): Promise<SdkRun> {
  // fromReadableStream reads newline-delimited JSON (openai/core/streaming Stream.fromReadableStream).
  const enc = new TextEncoder();
  const readable = new ReadableStream<Uint8Array>({
    start(c) {
      for (const ch of chunks) c.enqueue(enc.encode(`${JSON.stringify(ch)}\n`));
      c.close();
    },
  });
  const stream = ChatCompletionStream.fromReadableStream(readable);
  const snapshots: unknown[] = [];
  stream.on('chunk', (_chunk, snapshot) => snapshots.push(structuredClone(snapshot)));
  try {
    return { snapshots, final: await stream.finalChatCompletion() };
  } catch (e) {
    return { snapshots, finalError: e instanceof Error ? e.message : String(e) };
  }
}

const chunk = (choices: unknown[], usage: unknown = null) => ({ id: 'rec-syn', object: 'chat.completion.chunk', created: 0, model: 'm', choices, usage });
const tc = (index: number, id: string | null, name: string | null, args: string) => ({ index, id, type: id ? 'function' : null, function: { name, arguments: args } });

/** Shapes the corpus does not contain, still judged by the SDK. */
const SYNTHETIC: Record<string, unknown[]> = {
  'several choices with refusal': [
    chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }, { index: 1, delta: { role: 'assistant' }, finish_reason: null }]),
    chunk([{ index: 1, delta: { refusal: "I can't" }, finish_reason: null }]),
    chunk([{ index: 0, delta: { content: 'Sure' }, finish_reason: null }, { index: 1, delta: { refusal: ' help.' }, finish_reason: null }]),
    chunk([{ index: 0, delta: {}, finish_reason: 'stop' }, { index: 1, delta: {}, finish_reason: 'stop' }]),
    chunk([], { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 }),
  ],
  'name arriving late, id/name repeated': [
    chunk([{ index: 0, delta: { role: 'assistant', content: 'Let me look.' }, finish_reason: null }]),
    chunk([{ index: 0, delta: { tool_calls: [tc(0, 'call_a', null, '{"q"')] }, finish_reason: null }]),
    chunk([{ index: 0, delta: { tool_calls: [tc(0, 'call_a', 'search', ': 1}'), tc(1, 'call_b', 'now', '')] }, finish_reason: null }]),
    chunk([{ index: 0, delta: { tool_calls: [tc(1, null, 'now', '{}')] }, finish_reason: null }]),
    chunk([{ index: 0, delta: {}, finish_reason: 'tool_calls' }]),
  ],
  // Tool indexes 0 and 2: the SDK snapshot is a sparse array and finalChatCompletion() throws
  // on the hole (TypeError), so only the per-chunk snapshots are compared.
  'tool index gap': [
    chunk([{ index: 0, delta: { role: 'assistant', tool_calls: [tc(2, 'call_c', 'f', '{}')] }, finish_reason: null }]),
    chunk([{ index: 0, delta: { tool_calls: [tc(0, 'call_a', 'g', '[1]')] }, finish_reason: 'tool_calls' }]),
  ],
};
const SYNTHETIC_FINAL_FAILURES = new Set(['tool index gap']);

describe('openai-node ChatCompletionStream oracle', () => {
  it.each(Object.entries(SYNTHETIC))('synthetic: %s', async (label, chunks) => {
    const t = buildTimeline({ request: {}, response: { body: chunks.map((c) => ({ __type__: 'openai.types.chat.chat_completion_chunk.ChatCompletionChunk', __data__: c })), is_streaming: true } });
    const sdk = await runSdk(chunks);
    expect(sdk.snapshots).toHaveLength(chunks.length);
    sdk.snapshots.forEach((snap, k) => expect(normOurs(t, stateAt(t, k)), `${label} @${k}`).toEqual(normSdkChoices(snap)));
    if (SYNTHETIC_FINAL_FAILURES.has(label)) return void expect(sdk.finalError).toBeDefined();
    expect(sdk.finalError, label).toBeUndefined();
    expect(normOurs(t, finalState(t))).toEqual(normSdkChoices(sdk.final));
  });

  const streams = chatChunkStreams();

  it('finds the corpus chat-chunk streams', () => {
    expect(streams.length).toBeGreaterThanOrEqual(150);
  });

  it('matches the SDK after every chunk and at the end', async () => {
    let comparedFinal = 0;
    let comparedSteps = 0;
    const finalFailures: Record<string, string> = {};
    for (const { rel, record } of streams) {
      const chunks = record.response.body.map((x) => x.__data__);
      const t = buildTimeline(record);
      const sdk = await runSdk(chunks);
      expect(sdk.snapshots.length, rel).toBe(chunks.length);
      expect(t.steps.length, rel).toBe(chunks.length);

      sdk.snapshots.forEach((snap, k) => {
        const ours = stateAt(t, k);
        expect(normOurs(t, ours), `${rel} @${k}`).toEqual(normSdkChoices(snap));
        const sdkUsage = (snap as { usage?: unknown }).usage;
        if (sdkUsage) expect(ours.usage, `${rel} usage @${k}`).toEqual(sdkUsage);
        comparedSteps++;
      });

      // Reasoning: independent plain fold (see header).
      const reasoning = new Map<number, string>();
      for (const ch of chunks as { choices?: { index: number; delta?: { reasoning?: unknown; reasoning_content?: unknown } }[] }[])
        for (const c of ch.choices ?? []) {
          const r = c.delta?.reasoning || c.delta?.reasoning_content;
          if (typeof r === 'string') reasoning.set(c.index, (reasoning.get(c.index) ?? '') + r);
        }
      for (const c of finalState(t).choices) expect(c.reasoning, `${rel} reasoning`).toBe(reasoning.get(c.index) ?? '');

      if (sdk.finalError !== undefined) {
        finalFailures[rel] = sdk.finalError.split('\n')[0] ?? '';
        continue;
      }
      const fin = finalState(t);
      expect(normOurs(t, fin), `${rel} final`).toEqual(normSdkChoices(sdk.final));
      const finalUsage = (sdk.final as { usage?: unknown }).usage;
      if (finalUsage) expect(fin.usage, `${rel} final usage`).toEqual(finalUsage);
      comparedFinal++;
    }
    expect(finalFailures).toEqual(EXPECTED_FINAL_FAILURES);
    expect(comparedFinal).toBeGreaterThanOrEqual(streams.length - Object.keys(EXPECTED_FINAL_FAILURES).length);
    expect(comparedSteps).toBe(streams.reduce((n, s) => n + s.record.response.body.length, 0));
  });
});
