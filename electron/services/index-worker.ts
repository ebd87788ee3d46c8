/** Worker thread entry: summarises batches of files so parsing never blocks the host's event loop. */
import { parentPort } from 'node:worker_threads';
import type { RecordingRow } from '../../shared/host-api';
import { indexFileSync } from './summarize-file';

export interface WorkerRequest {
  id: number;
  root: string;
  paths: string[];
  /** Also collect each file's search terms (see search-index.ts). */
  terms?: boolean;
}

export interface WorkerResponse {
  id: number;
  rows: RecordingRow[];
  /** Per row, its `\n`-separated search terms ('' when not asked for). */
  terms: string[];
}

parentPort?.on('message', (request: WorkerRequest) => {
  const response: WorkerResponse = { id: request.id, rows: [], terms: [] };
  for (const relPath of request.paths) {
    const file = indexFileSync(request.root, relPath, request.terms === true);
    response.rows.push(file.row);
    response.terms.push(file.terms);
  }
  parentPort?.postMessage(response);
});
