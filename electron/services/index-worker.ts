/** Worker thread entry: summarises batches of files so parsing never blocks the host's event loop. */
import { parentPort } from 'node:worker_threads';
import type { RecordingRow } from '../../shared/host-api';
import type { StatKey } from './index-cache';
import { TermNumbers } from './search-index';
import { indexFileSync } from './summarize-file';

export interface WorkerRequest {
  id: number;
  root: string;
  paths: string[];
  /** Also collect each file's search terms (see search-index.ts). */
  terms?: boolean;
  /** Per path, the stat key the index cache holds (null: not cached); unchanged files are not read. */
  known?: Array<StatKey | null>;
}

/**
 * Search terms travel as numbers: each worker numbers the terms it meets (0, 1, 2… for its lifetime) and
 * sends a term's text only the first time. The host keeps one table per worker and so adds postings
 * without cutting, hashing and comparing millions of term strings on its own thread.
 */
export interface WorkerResponse {
  id: number;
  /** Per path, its row; null when the file is unchanged since it was cached (`known`). */
  rows: Array<RecordingRow | null>;
  /** Term numbers of every file of the batch, one after the other. */
  termIds: Uint32Array;
  /** Per file, where its term numbers end in `termIds`. */
  termEnds: Uint32Array;
  /** Texts of the terms numbered for the first time in this batch, in number order. */
  newTerms: string[];
  /** Per row, the file's stat key (null when it could not be read). */
  keys: Array<StatKey | null>;
}

const numbers = new TermNumbers();

parentPort?.on('message', (request: WorkerRequest) => {
  const rows: Array<RecordingRow | null> = [];
  const keys: Array<StatKey | null> = [];
  const ids: number[] = [];
  const termEnds = new Uint32Array(request.paths.length);
  request.paths.forEach((relPath, i) => {
    numbers.startFile();
    const file = indexFileSync(request.root, relPath, request.terms === true ? numbers : null, request.known?.[i]);
    rows.push('unchanged' in file ? null : file.row);
    for (const n of numbers.ids) ids.push(n);
    termEnds[i] = ids.length;
    keys.push(file.key ?? null);
  });
  const response: WorkerResponse = { id: request.id, rows, termIds: Uint32Array.from(ids), termEnds, newTerms: numbers.takeNewTerms(), keys };
  parentPort?.postMessage(response);
});
