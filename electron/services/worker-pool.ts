/**
 * A small pool of index workers. Work is handed out in batches; results come back in completion order.
 * From TypeScript sources (unit tests) the worker is loaded through tsx; from the build, as plain JS.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RecordingRow } from '../../shared/host-api';
import { indexFile } from './summarize-file';
import type { WorkerRequest, WorkerResponse } from './index-worker';
import type { StatKey } from './index-cache';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The built worker script (null when running from the TypeScript sources). */
export function builtWorkerFile(): string | null {
  if (import.meta.url.endsWith('.ts')) return null;
  for (const dir of [here, path.join(here, '..')]) {
    const file = path.join(dir, 'index-worker.js');
    if (existsSync(file)) return file;
  }
  return null;
}

function startWorker(): Worker | null {
  if (import.meta.url.endsWith('.ts')) {
    // Sources (unit tests): register tsx inside the worker, then load the TypeScript entry.
    const entry = pathToFileURL(path.join(here, 'index-worker.ts')).href;
    return new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`, { eval: true });
  }
  const file = builtWorkerFile();
  return file ? new Worker(file) : null;
}

interface Pending {
  worker: Worker;
  root: string;
  paths: string[];
  terms: boolean;
  known: Array<StatKey | null> | undefined;
  resolve: (batch: IndexedBatch) => void;
  reject: (error: Error) => void;
}

/**
 * Rows of a batch, in request order, with each file's search terms ('' when not asked for) and stat key;
 * a row is null when the file's key equals the one passed in `known` (unchanged since it was cached).
 */
export interface IndexedBatch {
  rows: Array<RecordingRow | null>;
  terms: Array<readonly string[]>;
  keys: Array<StatKey | null>;
}

/** A worker's answer with its term numbers turned back into (shared) term strings. */
function batchOf(message: WorkerResponse, table: string[]): IndexedBatch {
  const terms: Array<readonly string[]> = [];
  let from = 0;
  for (let i = 0; i < message.termEnds.length; i++) {
    const to = message.termEnds[i]!;
    const list = new Array<string>(to - from);
    for (let k = from; k < to; k++) list[k - from] = table[message.termIds[k]!]!;
    terms.push(list);
    from = to;
  }
  return { rows: message.rows, terms, keys: message.keys };
}

/** Without workers everything is read again (the cache only saves work the workers would do). */
async function indexInline(root: string, paths: string[], terms: boolean): Promise<IndexedBatch> {
  const files = await Promise.all(paths.map((p) => indexFile(root, p, terms)));
  return { rows: files.map((f) => f.row), terms: files.map((f) => f.terms), keys: files.map((f) => f.key ?? null) };
}

export class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly load = new Map<Worker, number>();
  private nextId = 1;
  private closed = false;
  /** No worker file (unusual packaging): everything is summarised inline. */
  private inline = false;

  constructor(private readonly wanted = Math.max(1, Math.min(4, os.availableParallelism()))) {
    this.start();
  }

  /** Start the workers that are not running (at construction, and again after release() or a crash). */
  start(): void {
    if (this.closed || this.inline) return;
    while (this.workers.length < this.wanted) {
      const worker = startWorker();
      if (!worker) {
        this.inline = this.workers.length === 0;
        return;
      }
      worker.unref();
      // The texts of the term numbers this worker sent (see WorkerResponse); a new worker starts a new table.
      const table: string[] = [];
      worker.on('message', (message: WorkerResponse) => {
        this.load.set(worker, (this.load.get(worker) ?? 1) - 1);
        for (const term of message.newTerms) table.push(term);
        this.pending.get(message.id)?.resolve(batchOf(message, table));
        this.pending.delete(message.id);
      });
      const retire = () => this.retire(worker);
      worker.on('error', retire);
      worker.on('exit', retire);
      this.workers.push(worker);
      this.load.set(worker, 0);
    }
  }

  /** A worker that crashed is dropped; its unfinished batches are summarised inline instead. */
  private retire(worker: Worker): void {
    if (!this.load.has(worker)) return;
    this.load.delete(worker);
    this.workers.splice(this.workers.indexOf(worker), 1);
    for (const [id, p] of this.pending) {
      if (p.worker !== worker) continue;
      this.pending.delete(id);
      indexInline(p.root, p.paths, p.terms).then(p.resolve, p.reject);
    }
  }

  /**
   * Summarise a batch of files and, when `terms`, collect their search terms, on the least busy worker.
   * `known`: per path, the stat key of a cached row (files still matching it are not read).
   */
  index(root: string, paths: string[], terms: boolean, known?: Array<StatKey | null>): Promise<IndexedBatch> {
    if (this.workers.length === 0) this.start();
    const worker = [...this.load.entries()].sort((a, b) => a[1] - b[1])[0]?.[0];
    if (!worker) return indexInline(root, paths, terms);
    const id = this.nextId++;
    this.load.set(worker, (this.load.get(worker) ?? 0) + 1);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { worker, root, paths, terms, known, resolve, reject });
      const request: WorkerRequest = { id, root, paths, terms, ...(known ? { known } : {}) };
      worker.postMessage(request);
    });
  }

  get size(): number {
    return this.workers.length;
  }

  /**
   * Stop the workers while nothing is pending, giving their memory back (≈45 MB each after indexing a large
   * folder); the next batch, or start(), starts them again.
   */
  async release(): Promise<void> {
    if (this.pending.size > 0) return;
    const workers = [...this.workers];
    this.workers.length = 0;
    this.load.clear();
    await Promise.all(workers.map((w) => w.terminate()));
  }

  async close(): Promise<void> {
    this.closed = true;
    const workers = [...this.workers];
    this.workers.length = 0;
    this.load.clear();
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
