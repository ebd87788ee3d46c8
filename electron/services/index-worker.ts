/** Worker thread entry: summarises batches of files so parsing never blocks the host's event loop. */
import { parentPort } from 'node:worker_threads';
import { summarizeFile } from './summarize-file';

export interface WorkerRequest {
  id: number;
  root: string;
  paths: string[];
}

parentPort?.on('message', async (request: WorkerRequest) => {
  const rows = [];
  for (const relPath of request.paths) rows.push(await summarizeFile(request.root, relPath));
  parentPort?.postMessage({ id: request.id, rows });
});
