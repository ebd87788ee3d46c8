/**
 * `show <file>... [--json]`: a machine-readable summary of recordings: kind, request summary, hash
 * status, problems and the reconstructed stream. One JSON object per line for several files.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { summarizeRecording, isObject } from '../../shared/recording-model';
import { buildTimeline, streamSummary } from '../../shared/stream';
import { summarizeBytes } from '../services/summarize-file';
import { parseVersion, showResponses } from './show-events';
import type { Version } from '../../shared/responses/index';
import type { Command } from './registry';

function requestSummary(record: unknown): Record<string, unknown> {
  const request = isObject(record) && isObject(record.request) ? record.request : {};
  const body = isObject(request.body) ? request.body : isObject(request.payload) ? request.payload : {};
  const messages = Array.isArray(body.messages) ? body.messages : null;
  const tools = Array.isArray(body.tools) ? body.tools : null;
  return {
    method: request.method ?? null,
    url: request.url ?? null,
    ...(messages ? { messages: messages.length, roles: messages.map((m) => (isObject(m) ? m.role : null)) } : {}),
    ...(tools ? { tools: tools.map((t) => (isObject(t) && isObject(t.function) ? t.function.name : isObject(t) ? t.name ?? t.type : null)) } : {}),
    ...(typeof body.stream === 'boolean' ? { stream: body.stream } : {}),
    ...(request.tool_name ? { provider: request.provider, tool: request.tool_name, kwargs: request.kwargs } : {}),
  };
}

export async function showFile(file: string, shownPath: string, version: Version = 'HEAD'): Promise<Record<string, unknown>> {
  const info = await stat(file);
  const bytes = await readFile(file);
  // The directory part matters for the folder check, so classify with the path as given.
  const row = summarizeBytes(shownPath.split(path.sep).join('/'), bytes, info.size, info.mtimeMs);
  const base = {
    path: shownPath, kind: row.kind, streaming: row.streaming, chunks: row.chunks, testId: row.testId, endpoint: row.endpoint, model: row.model,
    hash: row.hash ? { status: row.hash.status, expectedName: row.hash.expectedName, algorithm: row.hash.algorithm ?? null, explanation: row.hash.explanation } : null,
    problems: row.problems,
  };
  if (row.kind === 'broken' || row.kind === 'not-a-recording') return base;
  const text = new TextDecoder().decode(bytes);
  const record: unknown = JSON.parse(text);
  const summary = summarizeRecording(record);
  // Chat turns: the Responses events of the chain the file belongs to, and the final annotations.
  const responses = row.kind === 'chat' || row.kind === 'exception' ? await showResponses(file, shownPath, record, text, version) : null;
  return {
    ...base,
    request: requestSummary(record),
    ...(summary.exception ? { exception: summary.exception } : {}),
    stream: streamSummary(buildTimeline(record)),
    ...(responses ?? {}),
  };
}

export const showCommand: Command = {
  name: 'show',
  usage: 'show <file>... [--json] [--server-version HEAD|2025-10]\n' +
    `${' '.repeat(52)}summary, hash status, stream; Responses events and annotations of its turn chain`,
  async run(argv, io) {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean' }, 'server-version': { type: 'string' } } });
    if (positionals.length === 0) {
      io.err('show: give one or more recording files\n');
      return 2;
    }
    const version = parseVersion(values['server-version']);
    if (version === null) {
      io.err(`show: --server-version must be HEAD (current) or 2025-10, not "${values['server-version']}"\n`);
      return 2;
    }
    let failed = 0;
    for (const positional of positionals) {
      const file = path.resolve(io.cwd, positional);
      let result: Record<string, unknown>;
      try {
        result = await showFile(file, positional, version);
      } catch (error) {
        failed++;
        result = { path: positional, error: (error as Error).message };
      }
      if (values.json) io.out(`${JSON.stringify(result)}\n`);
      else io.out(`${JSON.stringify(result, null, 2)}\n`);
    }
    return failed > 0 ? 1 : 0;
  },
};
