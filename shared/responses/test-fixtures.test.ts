// Fixture builders shared by the Responses tests (a .test.ts file so that it may use node:fs and
// stays out of the shared build). Its one smoke test registers only when this file itself is the
// test file, so importing it does not add tests to the importer.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ChainInput } from './chains';

export const CORPUS = fileURLToPath(new URL('../../../shared/corpus', import.meta.url));

function listJson(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? listJson(p) : e.name.endsWith('.json') ? [p] : [];
  });
}

let cache: ChainInput[] | undefined;

/** Every corpus recording as a chain input (path relative to the corpus root, with its text). */
export function corpusInputs(): ChainInput[] {
  cache ??= listJson(CORPUS)
    .sort()
    .map((file) => {
      const text = fs.readFileSync(file, 'utf8');
      return { path: path.relative(CORPUS, file).split(path.sep).join('/'), record: JSON.parse(text) as unknown, text };
    });
  return cache;
}

/** The 2025-10 tree is judged with the hash algorithm in force at that commit (MANIFEST). */
export const corpusProfile = (p: string) =>
  p.startsWith('llama-stack-2025-10/') ? ('floats-2025-10' as const) : ('head-2026-04' as const);

export const pathOf = (prefix: string): string => {
  const hit = corpusInputs().find((i) => path.basename(i.path).startsWith(prefix));
  if (!hit) throw new Error(`no corpus file ${prefix}`);
  return hit.path;
};

// ---- hand-made recordings ----

type Msg = Record<string, unknown>;

export const chunk = (delta: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  __type__: 'openai.types.chat.chat_completion_chunk.ChatCompletionChunk',
  __data__: {
    id: 'rec-x',
    object: 'chat.completion.chunk',
    created: 0,
    model: 'm',
    choices: [{ index: 0, delta, finish_reason: null, logprobs: null }],
    usage: null,
    ...extra,
  },
});
export const finishChunk = (reason: string) => ({
  __type__: 'openai.types.chat.chat_completion_chunk.ChatCompletionChunk',
  __data__: {
    id: 'rec-x',
    object: 'chat.completion.chunk',
    created: 0,
    model: 'm',
    choices: [{ index: 0, delta: {}, finish_reason: reason, logprobs: null }],
    usage: null,
  },
});
export const usageChunk = (p: number, c: number) => ({
  __type__: 'openai.types.chat.chat_completion_chunk.ChatCompletionChunk',
  __data__: {
    id: 'rec-x',
    object: 'chat.completion.chunk',
    created: 0,
    model: 'm',
    choices: [],
    usage: { prompt_tokens: p, completion_tokens: c, total_tokens: p + c },
  },
});
/** Streamed text, one chunk per piece, then finish and usage. */
export const textChunks = (pieces: string[], reason = 'stop') => [
  chunk({ role: 'assistant', content: '' }),
  ...pieces.map((t) => chunk({ content: t })),
  finishChunk(reason),
  usageChunk(10, pieces.length),
];
/** One streamed tool call: name first, arguments in pieces. */
export const callChunks = (id: string, name: string, argPieces: string[], index = 0) => [
  chunk({ role: 'assistant', content: null, tool_calls: [{ index, id, type: 'function', function: { name, arguments: '' } }] }),
  ...argPieces.map((a) => chunk({ tool_calls: [{ index, id: null, type: null, function: { name: null, arguments: a } }] })),
];

export const fnTool = (name: string) => ({
  type: 'function',
  function: { type: 'function', name, description: name, parameters: { type: 'object' }, strict: null },
});
export const mcpTool = (name: string) => ({
  type: 'function',
  function: { name, description: name, parameters: { type: 'object' } },
});
export const searchTool = (name = 'file_search') => ({
  type: 'function',
  function: { name, description: 'Search files', parameters: { type: 'object' } },
});

export function recording(
  testId: string | null,
  messages: Msg[],
  body: unknown[],
  tools: unknown[] = [],
  extra: Record<string, unknown> = {},
) {
  return {
    test_id: testId,
    request: {
      method: 'POST',
      url: 'https://api.openai.com/v1/v1/chat/completions',
      headers: {},
      body: {
        model: 'gpt-4o',
        messages,
        stream: true,
        stream_options: { include_usage: true },
        ...(tools.length ? { tools } : {}),
        ...extra,
      },
      endpoint: '/v1/chat/completions',
      model: 'gpt-4o',
    },
    response: { body, is_streaming: true },
    id_normalization_mapping: {},
  };
}

export const user = (content: string): Msg => ({ role: 'user', content });
export const assistantCalls = (calls: { id: string; name: string; args: string }[]): Msg => ({
  role: 'assistant',
  content: '',
  tool_calls: calls.map((c, index) => ({ index, id: c.id, type: 'function', function: { name: c.name, arguments: c.args } })),
});
export const toolMsg = (id: string, content: unknown): Msg => ({ role: 'tool', tool_call_id: id, content });

/** A file-search tool message in HEAD form. */
export function searchResult(
  query: string,
  chunks: { id: string; filename: string; text: string }[],
): { type: string; text: string }[] {
  return [
    { type: 'text', text: `file_search tool found ${chunks.length} chunks:\nBEGIN of file_search tool results.\n` },
    ...chunks.map((c, i) => ({
      type: 'text',
      text: `[${i + 1}] document_id: ${c.id}, score: 0.${9 - i}, attributes: {'filename': '${c.filename}', 'document_id': '${c.id}', 'date': 1672531200.0} cite as <|${c.id}|>\n${c.text}\n`,
    })),
    { type: 'text', text: 'END of file_search tool results.\n' },
    {
      type: 'text',
      text: `The above results were retrieved to help answer the user's query: "${query}". Use them as supporting information only in answering this query. \n`,
    },
  ];
}

if (expect.getState().testPath === fileURLToPath(import.meta.url)) {
  describe('test fixtures', () => {
    it('load the corpus', () => {
      expect(corpusInputs().length).toBe(265);
    });
  });
}
