/**
 * The measurements that run in a child process of the benchmark, so their timings and memory are those of a
 * clean process: the floor (read + JSON.parse, single-threaded, nothing else loaded) and the host (the app's
 * own services opening the folder, then content searches). Each prints one JSON line on stdout.
 */
import { readFileSync, readdirSync } from 'node:fs';
// Nothing here imports the app's services at module load: the floor process stays lean.
import path from 'node:path';

export interface FloorResult {
  files: number;
  bytes: number;
  ms: number;
  maxRssMb: number;
}

/** Read every *.json below `dir` and JSON.parse it, on one thread, with nothing else going on. */
export function floorRole(dir: string): FloorResult {
  const started = performance.now();
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.json')) continue;
    const text = readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
    bytes += text.length;
    try {
      JSON.parse(text);
    } catch {
      // broken files count as read
    }
    files++;
  }
  const ms = performance.now() - started;
  return { files, bytes, ms, maxRssMb: process.resourceUsage().maxRSS / 1024 };
}

export interface QueryTiming {
  query: string;
  runs: number;
  medianMs: number;
  p95Ms: number;
  total: number;
  exact: boolean;
  note?: string;
  /** For approximate results: the time and count of the follow-up with `exact: true`. */
  exactMs?: number;
  exactTotal?: number;
}

export interface HostResult {
  files: number;
  first100Ms: number | null;
  completeMs: number;
  /** Peak RSS of the host process (the kernel's maximum, all threads) while opening the folder (and 3 s after). */
  maxRssMb: number;
  /** The same, at the end of the searches (exact checks read many files). */
  maxRssAfterSearchMb: number;
  /** Highest sampled RSS (every 20 ms) up to the complete index and 3 s after it. */
  sampledPeakMb: number;
  rssAfterMb: number;
  heapUsedMb: number;
  search: QueryTiming[];
  searchStats?: { terms: number; postings: number };
  /** Rows reused from the index cache and rows read from disk; whether a cache was found. */
  open: { reused: number; read: number; cache: boolean };
  /** The index cache this run left behind (written after the index completed): bytes and write time. */
  cacheWrite?: { bytes: number; ms: number };
}

export const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

/**
 * Open `dir` with HostService (FolderIndex + WorkerPool + watcher + index cache) as `serve` does, then
 * search. `data` is the app's data folder: empty for a first open, or holding an earlier run's index cache.
 */
export async function hostRole(dir: string, data: string, queries: string[], runs: number): Promise<HostResult> {
  let peak = 0;
  const sample = () => {
    const rss = process.memoryUsage.rss();
    if (rss > peak) peak = rss;
  };
  const timer = setInterval(sample, 20);
  const started = performance.now();
  const { HostService } = await import('../services/host-service');
  const { Settings } = await import('../services/settings');
  const service = new HostService(new Settings(data), { mode: 'browser', version: 'bench' });
  let rows = 0;
  let first100Ms: number | null = null;
  service.subscribe((event) => {
    if (event.type !== 'rows') return;
    rows += event.rows.length;
    if (first100Ms === null && rows >= 100) first100Ms = performance.now() - started;
  });
  await service.openFolder(dir);
  await service.index.whenIndexed();
  const completeMs = performance.now() - started;
  sample();
  // Then the host at rest (the watcher set up, the idle worker pool released 2 s after indexing).
  await new Promise((r) => setTimeout(r, 3000));
  sample();
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  const search: QueryTiming[] = [];
  for (const query of queries) {
    const times: number[] = [];
    let last: { total: number; exact: boolean; note?: string } = { total: 0, exact: false };
    for (let i = 0; i < runs + 2; i++) {
      const t0 = performance.now();
      const result = (await service.call('searchRecordings', { query, limit: 100_000 })) as { total: number; exact: boolean; note?: string };
      const took = performance.now() - t0;
      if (i >= 2) times.push(took); // two warm-up runs
      last = result;
    }
    times.sort((a, b) => a - b);
    const timing: QueryTiming = { query, runs, medianMs: percentile(times, 50), p95Ms: percentile(times, 95), total: last.total, exact: last.exact, ...(last.note ? { note: last.note } : {}) };
    if (!last.exact) {
      const t0 = performance.now();
      const exact = (await service.call('searchRecordings', { query, limit: 100_000, exact: true })) as { total: number };
      timing.exactMs = performance.now() - t0;
      timing.exactTotal = exact.total;
    }
    search.push(timing);
  }
  sample();
  clearInterval(timer);
  const stats = service.index.searchStats();
  const open = service.index.openStats;
  await service.close(); // writes the index cache if it is still pending
  const cacheWrite = service.index.lastCacheWrite;
  const result: HostResult = {
    files: service.index.snapshot().rows.length,
    first100Ms,
    completeMs,
    maxRssMb,
    maxRssAfterSearchMb: process.resourceUsage().maxRSS / 1024,
    sampledPeakMb: peak / 1048576,
    rssAfterMb: process.memoryUsage.rss() / 1048576,
    heapUsedMb: process.memoryUsage().heapUsed / 1048576,
    search,
    ...(stats ? { searchStats: { terms: stats.terms, postings: stats.postings } } : {}),
    open,
    ...(cacheWrite ? { cacheWrite } : {}),
  };
  return result;
}

/** Entry for `bench.js --role floor <dir>` and `bench.js --role host <dir> <data-dir> [queries-json] [runs]`. */
export async function runRole(argv: string[]): Promise<void> {
  const [role, dir, data, queries, runs] = argv;
  if (!dir) throw new Error('bench role: missing folder');
  if (role === 'floor') process.stdout.write(`${JSON.stringify(floorRole(dir))}\n`);
  else if (role === 'host') {
    if (!data) throw new Error('bench role host: missing data folder');
    process.stdout.write(`${JSON.stringify(await hostRole(dir, data, JSON.parse(queries ?? '[]') as string[], Number(runs ?? 30)))}\n`);
  }
  else throw new Error(`bench role: unknown role ${role}`);
  process.exit(0);
}
