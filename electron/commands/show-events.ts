/**
 * The Responses part of `show --json`: the events the server would have sent for the turn chain a
 * file belongs to, and the annotations of its final answer. The CLI has no folder index, so the
 * other turns are looked for next to the file: every *.json under the nearest `recordings` folder
 * above it (the suite's recordings), or the file's own folder, with the same test_id.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FileCitationAnnotation, ResponsesStreamEvent, Version } from '../../shared/responses/index';
import { buildChains, chainFor, deriveEvents, type ChainInput } from '../../shared/responses/index';
import { walkJsonFiles } from '../services/walk';

/** Siblings read at most (a suite holds a few thousand recordings). */
const MAX_SIBLINGS = 20_000;
const MAX_TURN_BYTES = 64 * 1024 * 1024;

export interface ShowResponses {
  /** Null when the file is a turn of no chain (e.g. a non-streaming chat completion). */
  chain: { id: string; version: Version; turn: number | null; turns: string[]; complete: boolean } | null;
  /** The emitted events of the chain, in wire order (item ids are placeholders). */
  events: ResponsesStreamEvent[];
  /** `file_citation` annotations of the final answer, as the server computes them. */
  annotations: FileCitationAnnotation[];
}

export function parseVersion(value: string | undefined): Version | null {
  if (value === undefined) return 'HEAD';
  const v = value.trim().toLowerCase();
  if (v === 'head' || v === 'current') return 'HEAD';
  if (v === 'v2510' || v === '2025-10' || v === '2510') return 'V2510';
  return null;
}

/** The folder to search for the other turns of `file`. */
export function siblingRoot(file: string): string {
  let dir = path.dirname(file);
  for (let d = dir; ; ) {
    if (path.basename(d) === 'recordings') return d;
    const up = path.dirname(d);
    if (up === d) break;
    d = up;
  }
  return dir;
}

async function readInput(absolute: string, shown: string, testId: string): Promise<ChainInput | null> {
  const info = await stat(absolute).catch(() => null);
  if (!info?.isFile() || info.size > MAX_TURN_BYTES) return null;
  const text = await readFile(absolute, 'utf8').catch(() => null);
  // cheap filter before parsing: the test id must be written in the file
  if (text === null || !text.includes(JSON.stringify(testId).slice(1, -1))) return null;
  try {
    const record = JSON.parse(text) as { test_id?: unknown };
    return record?.test_id === testId ? { path: shown, record, text } : null;
  } catch {
    return null;
  }
}

/**
 * `file` is absolute, `shownPath` how the user named it; `record` the file's parsed JSON. Paths of
 * other turns are named like `shownPath` (relative to the same directory, or absolute).
 */
export async function showResponses(file: string, shownPath: string, record: unknown, text: string, version: Version): Promise<ShowResponses> {
  const testId = typeof (record as { test_id?: unknown })?.test_id === 'string' ? (record as { test_id: string }).test_id : null;
  const inputs: ChainInput[] = [{ path: shownPath, record, text }];
  if (testId !== null) {
    const root = siblingRoot(file);
    // other turns are named the way the user named this file (relative stays relative)
    const shownOf = (absolute: string) =>
      path.isAbsolute(shownPath) ? absolute : path.join(path.dirname(shownPath), path.relative(path.dirname(file), absolute));
    let seen = 0;
    const pending: Promise<ChainInput | null>[] = [];
    for await (const rel of walkJsonFiles(root, () => undefined)) {
      const absolute = path.join(root, rel);
      if (absolute === file) continue;
      if (++seen > MAX_SIBLINGS) break;
      pending.push(readInput(absolute, shownOf(absolute), testId));
      if (pending.length >= 64) inputs.push(...(await Promise.all(pending.splice(0))).filter((x): x is ChainInput => x !== null));
    }
    inputs.push(...(await Promise.all(pending)).filter((x): x is ChainInput => x !== null));
  }
  const chain = chainFor(shownPath, buildChains(inputs));
  if (!chain) return { chain: null, events: [], annotations: [] };
  const stream = deriveEvents(chain, { version });
  return {
    chain: {
      id: chain.id,
      version,
      turn: chain.turns.find((t) => t.path === shownPath)?.index ?? null,
      turns: chain.turns.map((t) => t.path),
      complete: chain.complete,
    },
    events: stream.events.map((e) => e.event),
    annotations: [...(stream.citations?.annotations ?? [])],
  };
}
