/**
 * Turns one file on disk into a table row. Runs inside the index workers (and inline in tests).
 * Every failure becomes a row that says what is wrong; nothing here throws for bad content.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { RecordingRow } from '../../shared/host-api';
import { summarizeRecording, suiteOf, type Problem, type RecordingKind } from '../../shared/recording-model';
import { describeJsonError } from './json-errors';
import { verifyRecording } from './hash-info';
import './native-hash';
import { collectFileTerms, type TermSink } from './search-index';
import { sameKey, type StatKey } from './index-cache';

/** A row plus the file's search terms (see search-index.ts); none when not asked for. */
export interface IndexedFile {
  row: RecordingRow;
  terms: readonly string[];
  /** What the index cache keys the row by; absent when the file could not be read. */
  key?: StatKey;
}

const NO_TERMS: readonly string[] = Object.freeze([]);

/** Files above this are listed but not parsed by the indexer (memory stays bounded). */
export const MAX_INDEX_BYTES = 64 * 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function row(relPath: string, size: number, mtimeMs: number, kind: RecordingKind, fields: Partial<RecordingRow>, problems: Problem[]): RecordingRow {
  const base: RecordingRow = {
    path: relPath,
    suite: suiteOf(relPath),
    name: path.posix.basename(relPath),
    testId: null,
    kind,
    endpoint: '',
    model: '',
    streaming: false,
    chunks: null,
    size,
    mtimeMs,
    hash: null,
    problems,
    search: '',
    ...fields,
  };
  base.search = [base.path, base.testId ?? '', base.model, base.endpoint].join('\n').toLowerCase();
  return base;
}

function broken(relPath: string, size: number, mtimeMs: number, code: string, message: string): RecordingRow {
  return row(relPath, size, mtimeMs, 'broken', {}, [{ code, severity: 'error', message }]);
}

/** Summarise bytes already read (used by the indexer and by the watcher). */
export function summarizeBytes(relPath: string, bytes: Uint8Array, size: number, mtimeMs: number): RecordingRow {
  return indexBytes(relPath, bytes, size, mtimeMs, null);
}

/**
 * Summarise bytes; with `terms`, the file's search terms go there, from the same decoded text and parsed
 * value. `bytes` is not kept (the workers pass a buffer they reuse).
 */
export function indexBytes(relPath: string, bytes: Uint8Array, size: number, mtimeMs: number, terms: TermSink | null): RecordingRow {
  if (bytes.length === 0) return broken(relPath, size, mtimeMs, 'empty', 'The file is empty (0 bytes).');
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    const binary = bytes.subarray(0, 4096).includes(0);
    return broken(relPath, size, mtimeMs, binary ? 'binary' : 'invalid-utf8',
      binary ? 'The file is binary, not JSON text.' : 'The file is not valid UTF-8 text.');
  }
  if (text.trim() === '') return broken(relPath, size, mtimeMs, 'empty', 'The file holds only white space.');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    if (terms) collectFileTerms(undefined, text, terms);
    return broken(relPath, size, mtimeMs, 'invalid-json', describeJsonError(text, error));
  }
  const summary = summarizeRecording(value);
  // A recording gets the full checks (they include the model's structural ones); anything else keeps
  // the model's explanation of why it is not a recording.
  const verdict = summary.kind === 'not-a-recording' ? { hash: null, problems: summary.problems } : verifyRecording(relPath, text, value as Record<string, unknown>);
  const problems = verdict.problems;
  const hash = verdict.hash;
  const summarized = row(relPath, size, mtimeMs, summary.kind, {
    testId: summary.testId,
    endpoint: summary.endpoint,
    model: summary.model,
    streaming: summary.streaming,
    chunks: summary.chunks,
    hash,
  }, problems);
  if (terms) collectFileTerms(value, text, terms);
  return summarized;
}

/** Read, summarise and (when `withTerms`) collect the search terms of one file. */
export async function indexFile(root: string, relPath: string, withTerms: boolean): Promise<IndexedFile> {
  const absolute = path.join(root, ...relPath.split('/'));
  let size = 0;
  let mtimeMs = 0;
  try {
    const info = await stat(absolute);
    size = info.size;
    mtimeMs = info.mtimeMs;
    const key = statKey(info);
    const early = unreadable(relPath, info);
    if (early) return { row: early, terms: NO_TERMS, key };
    const terms = withTerms ? new Set<string>() : null;
    const row = indexBytes(relPath, await readFile(absolute), size, mtimeMs, terms);
    return { row, terms: terms ? [...terms] : NO_TERMS, key };
  } catch (error) {
    return { row: readError(relPath, size, mtimeMs, error), terms: NO_TERMS };
  }
}

/**
 * The same with blocking reads, for the index workers: a worker thread has nothing else to do, and every
 * asynchronous stat/open/read/close is a round trip through the process-wide libuv thread pool. The size
 * is known from the stat, so the file is read into a buffer the thread reuses. Terms go to `terms`.
 * With `known` (the stat key the index cache holds for this file), a file whose key is unchanged is not read.
 */
export function indexFileSync(root: string, relPath: string, terms: TermSink | null, known?: StatKey | null): { row: RecordingRow; key?: StatKey } | { unchanged: true; key: StatKey } {
  const absolute = path.join(root, ...relPath.split('/'));
  let size = 0;
  let mtimeMs = 0;
  try {
    const info = statSync(absolute);
    size = info.size;
    mtimeMs = info.mtimeMs;
    const key = statKey(info);
    if (known && sameKey(known, key)) return { unchanged: true, key };
    const early = unreadable(relPath, info);
    if (early) return { row: early, key };
    const bytes = readSized(absolute, size);
    // It grew past the limit since the stat: listed, not read.
    if ('grownTo' in bytes) return { row: unreadable(relPath, { size: bytes.grownTo, mtimeMs, isFile: () => true })! };
    return { row: indexBytes(relPath, bytes, size, mtimeMs, terms), key };
  } catch (error) {
    return { row: readError(relPath, size, mtimeMs, error) };
  }
}

/** The reused read buffer grows up to this; larger files get a buffer of their own. */
const MAX_SCRATCH_BYTES = 8 * 1024 * 1024;
let scratch = Buffer.alloc(1 << 20);

/**
 * The file's bytes, read into the thread's scratch buffer (valid until the next call) when it has `size`
 * bytes. If it grew since its stat it is read as it is now, unless it is now above MAX_INDEX_BYTES.
 */
export function readSized(absolute: string, size: number): Uint8Array | { grownTo: number } {
  if (size + 1 > MAX_SCRATCH_BYTES) {
    const now = statSync(absolute).size;
    return now > MAX_INDEX_BYTES ? { grownTo: now } : readFileSync(absolute);
  }
  if (scratch.length < size + 1) scratch = Buffer.alloc(Math.min(MAX_SCRATCH_BYTES, Math.max(size + 1, scratch.length * 2)));
  const fd = openSync(absolute, 'r');
  let n = 0;
  try {
    for (;;) {
      const got = readSync(fd, scratch, n, size + 1 - n, null);
      if (got === 0) break;
      n += got;
      // One byte more than the stat said: the file grew since; read it as it is now, within the limit.
      if (n > size) {
        const now = fstatSync(fd).size;
        return now > MAX_INDEX_BYTES ? { grownTo: now } : readFileSync(absolute);
      }
    }
  } finally {
    closeSync(fd);
  }
  return scratch.subarray(0, n);
}

export function statKey(info: { size: number; mtimeMs: number; ctimeMs: number; ino: number }): StatKey {
  return { size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs, ino: info.ino };
}

/** A row for a file that is not read at all (not a regular file, too large); null when it can be read. */
function unreadable(relPath: string, info: { size: number; mtimeMs: number; isFile(): boolean }): RecordingRow | null {
  if (!info.isFile()) return broken(relPath, info.size, info.mtimeMs, 'not-a-file', 'Not a regular file.');
  if (info.size > MAX_INDEX_BYTES) {
    return row(relPath, info.size, info.mtimeMs, 'broken', {}, [{
      code: 'too-large', severity: 'warning',
      message: `The file is ${(info.size / 1048576).toFixed(1)} MB, above the ${MAX_INDEX_BYTES / 1048576} MB the indexer parses; it is listed but not summarised.`,
    }]);
  }
  return null;
}

function readError(relPath: string, size: number, mtimeMs: number, error: unknown): RecordingRow {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return broken(relPath, size, mtimeMs, 'vanished', 'The file disappeared while it was being read.');
  if (e.code === 'EACCES' || e.code === 'EPERM') return broken(relPath, size, mtimeMs, 'no-permission', 'No permission to read this file.');
  if (e.code === 'ELOOP') return broken(relPath, size, mtimeMs, 'symlink-loop', 'The file is a symbolic link loop.');
  return broken(relPath, size, mtimeMs, 'io', `Cannot read the file: ${e.message}`);
}
