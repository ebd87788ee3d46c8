/**
 * `npm run bench`: the performance figures of Recording Inspector, measured in one run on synthetic trees
 * made from ../shared/corpus (see tree.ts), next to simple references (a plain read + JSON.parse of every
 * file, grep -rl) and the targets. Prints one table and writes it into BENCHMARKS.md.
 *
 *   npm run bench [-- --scale small|large|both] [--write] [--keep]
 *
 * Trees are generated under the OS temp folder one scale at a time and removed afterwards (also on Ctrl+C).
 * Children: the floor and the host run in their own Node processes (bench.js --role …), `check` and `serve`
 * are the built CLI, the UI is Debian's chromium driven by Playwright.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runRole, type FloorResult, type HostResult } from './roles';

const children = new Set<ChildProcess>();
let tmpRoot: string | null = null;

function cleanup(): void {
  for (const child of children) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  children.clear();
  if (tmpRoot) {
    rmSync(tmpRoot, { recursive: true, force: true });
    tmpRoot = null;
  }
}

function track(child: ChildProcess): void {
  children.add(child);
  child.on('exit', () => children.delete(child));
}

/** Run a command, return its wall time, stdout (when kept) and exit code. */
function run(command: string, args: string[], options: { keepStdout?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<{ ms: number; stdout: string; code: number | null; stdoutBytes: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: options.env ?? process.env });
    track(child);
    const out: Buffer[] = [];
    let stdoutBytes = 0;
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (options.keepStdout) out.push(chunk);
    });
    child.stderr!.on('data', (chunk: Buffer) => { err += chunk.toString(); });
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (code !== 0 && code !== 1) return reject(new Error(`${command} ${args.join(' ')} exited with ${code}: ${err.slice(-2000)}`));
      resolve({ ms, stdout: Buffer.concat(out).toString('utf8'), code, stdoutBytes });
    });
  });
}

const log = (line: string) => process.stderr.write(`${line}\n`);

export const QUERIES = [
  'gpt-4o', // a model name
  'promotional campaigns for Q1 2023', // a phrase from a tool result
  'marketing updates October 2023', // a phrase from a tool call, in few files
  'test_response_non_streaming_file_search', // a test function name
  'rec-0ea735928993', // a rec- id (only in the corpus copy of the tree)
  'request', // a word that is everywhere
];

export interface GrepTiming {
  query: string;
  medianMs: number;
  files: number;
}

export interface ScaleResult {
  scale: 'small' | 'large';
  files: number;
  bytes: number;
  generateMs: number;
  collisions: number;
  floor: FloorResult;
  floorRuns: number[];
  /** First open (no index cache), best of 2. */
  host: HostResult;
  /** Reopening with the index cache, best of 2. */
  reopen: HostResult;
  /** Reopening after `files` files were rewritten (best of 2, rewritten again before each). */
  changed: { files: number; host: HostResult };
  grep: GrepTiming[];
  check: { ms: number; filesPerSecond: number };
  ui: import('./ui').UiResult | { error: string };
}

/** Rewrite every `1 / fraction`-th recording with its own bytes (new mtime and ctime, same content). */
function touchSome(dir: string, fraction: number): number {
  const every = Math.round(1 / fraction);
  let seen = 0;
  let touched = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.json') || seen++ % every !== 0) continue;
    const file = path.join(entry.parentPath, entry.name);
    writeFileSync(file, readFileSync(file));
    touched++;
  }
  return touched;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { scale: { type: 'string', default: 'both' }, write: { type: 'boolean' }, keep: { type: 'boolean' }, 'no-ui': { type: 'boolean' } },
  });
  const scales = values.scale === 'both' ? (['small', 'large'] as const) : values.scale === 'small' || values.scale === 'large' ? [values.scale] : null;
  if (!scales) throw new Error(`--scale must be small, large or both (not "${values.scale}")`);
  const here = path.dirname(fileURLToPath(import.meta.url));
  const repoRoot = path.resolve(here, existsSync(path.join(here, '../../package.json')) ? '../..' : '../../..');
  const corpusDir = path.resolve(repoRoot, '../shared/corpus');
  const benchJs = path.join(repoRoot, 'out/main/bench.js');
  const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(corpusDir)) throw new Error(`No corpus at ${corpusDir}`);
  if (!existsSync(benchJs)) throw new Error('Build first: npx electron-vite build');

  const { loadCorpus, generateTree } = await import('./tree');
  const { measureUi } = await import('./ui');
  const { measureStreamCore, renderReport, writeBenchmarksMd, machineInfo } = await import('./report');

  tmpRoot = mkdtempSync(path.join(os.tmpdir(), 'ri-bench-'));
  const loadAtStart = os.loadavg()[0]!;
  const benchStarted = performance.now();
  const corpus = loadCorpus(corpusDir);
  log(`corpus: ${corpus.length} files; temp folder ${tmpRoot}`);
  const stream = measureStreamCore(corpusDir, corpus);
  log(`stream core: ${stream.file} (${stream.steps} steps): build ${stream.buildMs.toFixed(1)} ms, stateAt ${stream.stateAtMicros.toFixed(2)} µs`);
  const smallest = corpus.filter((f) => f.size > 2000).sort((a, b) => a.size - b.size)[0]!;

  const results: ScaleResult[] = [];
  for (const scale of scales as ReadonlyArray<'small' | 'large'>) {
    const target = scale === 'small' ? 3000 : 30_000;
    const dir = path.join(tmpRoot, scale, 'recordings');
    log(`\n== ${scale}: generating ~${target} files in ${dir}`);
    let t0 = performance.now();
    const tree = await generateTree({ corpus, dir, targetFiles: target, onProgress: (n) => { if (n % 5000 === 0) log(`  ${n} files`); } });
    const generateMs = performance.now() - t0;
    log(`  ${tree.files} files, ${(tree.bytes / 1e6).toFixed(0)} MB in ${(generateMs / 1000).toFixed(1)} s (${tree.collisions} copies in <suite>-r<N> folders)`);

    const floorRuns: number[] = [];
    let floor: FloorResult | null = null;
    for (let i = 0; i < 2; i++) {
      const r = await run(process.execPath, [benchJs, '--role', 'floor', dir], { keepStdout: true });
      const f = JSON.parse(r.stdout) as FloorResult;
      floorRuns.push(f.ms);
      if (!floor || f.ms < floor.ms) floor = f;
    }
    log(`  floor: ${floorRuns.map((m) => `${(m / 1000).toFixed(2)} s`).join(', ')}`);

    // Opening the folder: twice for the first time (an empty data folder each), twice again with the index
    // cache the first run left, then twice after 1 % of the files were rewritten (same bytes, new mtime).
    const hostRun = async (data: string, label: string): Promise<HostResult> => {
      const r = await run(process.execPath, [benchJs, '--role', 'host', dir, data, JSON.stringify(QUERIES), scale === 'small' ? '40' : '20'], { keepStdout: true });
      const h = JSON.parse(r.stdout) as HostResult;
      log(`  host ${label}: first 100 rows ${h.first100Ms?.toFixed(0)} ms, complete ${(h.completeMs / 1000).toFixed(2)} s, peak RSS ${h.maxRssMb.toFixed(0)} MB, ${h.open.reused} rows from the cache, ${h.open.read} read`);
      return h;
    };
    const best = (a: HostResult | null, b: HostResult): HostResult => (a && a.completeMs <= b.completeMs ? a : b);
    const dataDir = (name: string) => mkdtempSync(path.join(tmpRoot!, scale, `${name}-`));
    // Files modified in the last 3 s are not cached (the index's racy-timestamp rule): let the new tree age.
    const age = 3500 - (performance.now() - t0 - generateMs);
    if (age > 0) await new Promise((resolve) => setTimeout(resolve, age));
    const firstData = dataDir('data-first');
    let host: HostResult | null = null;
    for (let i = 0; i < 2; i++) host = best(host, await hostRun(i === 0 ? firstData : dataDir('data-first'), 'first open'));
    let reopen: HostResult | null = null;
    for (let i = 0; i < 2; i++) reopen = best(reopen, await hostRun(firstData, 'reopen'));
    let changedFiles = 0;
    let changed: HostResult | null = null;
    for (let i = 0; i < 2; i++) {
      changedFiles = touchSome(dir, 0.01);
      changed = best(changed, await hostRun(firstData, `reopen after ${changedFiles} files changed`));
    }

    const grep: GrepTiming[] = [];
    for (const query of QUERIES) {
      const times: number[] = [];
      let files = 0;
      for (let i = 0; i < 3; i++) {
        const r = await run('grep', ['-rl', '-F', '-i', '--', query, dir], { keepStdout: true });
        times.push(r.ms);
        files = r.stdout.split('\n').filter(Boolean).length;
      }
      times.sort((a, b) => a - b);
      grep.push({ query, medianMs: times[1]!, files });
    }
    log(`  grep: ${grep.map((g) => `${g.medianMs.toFixed(0)} ms`).join(', ')}`);

    t0 = performance.now();
    const checkRun = await run(process.execPath, [path.join(repoRoot, 'out/main/cli.js'), 'check', dir, '--json']);
    const check = { ms: checkRun.ms, filesPerSecond: tree.files / (checkRun.ms / 1000) };
    log(`  check: ${(check.ms / 1000).toFixed(1)} s, ${check.filesPerSecond.toFixed(0)} files/s`);

    let ui: ScaleResult['ui'];
    if (values['no-ui']) ui = { error: 'skipped (--no-ui)' };
    else {
      try {
        ui = await measureUi({
          repoRoot, dir, files: floor!.files, largestStream: tree.largestStream, sampleFile: path.join(corpusDir, smallest.rel),
          chromium: chromiumPath, configDir: path.join(tmpRoot, scale, 'config'), track, log,
        });
        log(`  ui: wheel p95 ${ui.wheel.p95Ms.toFixed(1)} ms max ${ui.wheel.maxMs.toFixed(1)} ms; sweep p95 ${ui.scroll.p95Ms.toFixed(1)} ms max ${ui.scroll.maxMs.toFixed(1)} ms; scrub p95 ${ui.scrub.p95Ms.toFixed(1)} ms max ${ui.scrub.maxMs.toFixed(1)} ms; watch ${ui.watchMs.join(', ')} ms`);
      } catch (error) {
        ui = { error: (error as Error).message.split('\n')[0]! };
        log(`  ui failed: ${ui.error}`);
      }
    }
    results.push({ scale, files: tree.files, bytes: tree.bytes, generateMs, collisions: tree.collisions, floor: floor!, floorRuns, host: host!, reopen: reopen!, changed: { files: changedFiles, host: changed! }, grep, check, ui });
    if (!values.keep) rmSync(path.join(tmpRoot, scale), { recursive: true, force: true });
  }

  const machine = { ...machineInfo(), load: `${loadAtStart.toFixed(1)} → ${os.loadavg()[0]!.toFixed(1)}` };
  const report = renderReport({ machine, stream, results, totalMs: performance.now() - benchStarted });
  process.stdout.write(`\n${report}\n`);
  if (values.write || values.scale === 'both') {
    const file = path.join(repoRoot, 'BENCHMARKS.md');
    writeBenchmarksMd(file, report);
    log(`\nwritten to ${file}`);
  } else log('\n(BENCHMARKS.md not updated for a partial run; add --write to update it)');
  if (values.keep) {
    log(`trees kept in ${tmpRoot}`);
    tmpRoot = null;
  }
}

if (process.argv[2] === '--role') {
  runRole(process.argv.slice(3)).catch((error: Error) => {
    process.stderr.write(`${error.stack ?? error.message}\n`);
    process.exit(2);
  });
} else {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      log(`\n${signal}: stopping, removing the generated trees…`);
      cleanup();
      process.exit(130);
    });
  }
  process.on('exit', cleanup);
  main().then(
    () => { cleanup(); },
    (error: Error) => {
      process.stderr.write(`bench: ${error.stack ?? error.message}\n`);
      cleanup();
      process.exitCode = 1;
    },
  );
}

