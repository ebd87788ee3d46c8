/** The benchmark's table (markdown, printed and written into BENCHMARKS.md) and the stream-core measurement. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchTimeline } from '../../shared/stream';
import type { ScaleResult } from './bench';
import type { HostResult } from './roles';
import type { CorpusFile } from './tree';
import type { FrameStats } from './ui';

/** rAF intervals are vsync-quantised (16.7 ms at 60 Hz, plus jitter); a missed frame reads ≥ 33 ms. */
const FRAME_OK_MS = 20;

export interface StreamCoreResult {
  file: string;
  steps: number;
  buildMs: number;
  stateAtMicros: number;
}

/** Timeline build and stateAt cost on the corpus stream with the most chunks (median of 7 runs). */
export function measureStreamCore(corpusDir: string, corpus: CorpusFile[]): StreamCoreResult {
  const file = corpus.filter((f) => f.streaming).sort((a, b) => b.chunks - a.chunks)[0]!;
  const record = JSON.parse(readFileSync(path.join(corpusDir, file.rel), 'utf8')) as unknown;
  const runs = Array.from({ length: 9 }, () => benchTimeline(record, () => performance.now(), 20_000)).slice(2);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { file: file.rel, steps: runs[0]!.steps, buildMs: median(runs.map((r) => r.buildMs)), stateAtMicros: median(runs.map((r) => r.stateAtMicros)) };
}

export interface Machine {
  /** 1-minute load average at the start and the end of the run (other work on the machine skews timings). */
  load: string;
  cpu: string;
  cores: number;
  ramGb: number;
  node: string;
  os: string;
  date: string;
}

export function machineInfo(): Machine {
  const cpus = os.cpus();
  return {
    load: '',
    cpu: cpus[0]?.model.trim() ?? 'unknown', cores: cpus.length, ramGb: os.totalmem() / 1024 ** 3,
    node: process.version, os: `${os.type()} ${os.release()}`, date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  };
}

const ok = (pass: boolean) => (pass ? '✓' : '✗');
const ms = (x: number) => (x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : x >= 10 ? `${x.toFixed(0)} ms` : x >= 1 ? `${x.toFixed(1)} ms` : `${x.toFixed(2)} ms`);
const int = (n: number) => n.toLocaleString('en-US');
const mb = (x: number) => `${x.toFixed(0)} MB`;

export function renderReport(input: { machine: Machine; stream: StreamCoreResult; results: ScaleResult[]; totalMs: number }): string {
  const { machine, stream, results } = input;
  const small = results.find((r) => r.scale === 'small');
  const large = results.find((r) => r.scale === 'large');
  const cols = [small, large];
  const rows: string[][] = [];
  const cell = (f: (r: ScaleResult) => string) => cols.map((r) => (r ? f(r) : '—'));
  const add = (label: string, f: (r: ScaleResult) => string, target = '') => rows.push([label, ...cell(f), target]);

  add('Tree: files · size', (r) => `${int(r.files)} · ${mb(r.bytes / 1048576)}`);
  add('Floor: read + JSON.parse every file, 1 thread, plain Node', (r) => `${ms(r.floor.ms)} (${(r.bytes / 1048576 / (r.floor.ms / 1000)).toFixed(0)} MB/s)`, 'reference');
  const first100 = (h: HostResult) => (h.first100Ms === null ? 'n/a' : `${ms(h.first100Ms)} ${ok(h.first100Ms < 300)}`);
  const complete = (h: HostResult, r: ScaleResult) => {
    const ratio = h.completeMs / r.floor.ms;
    return `${ms(h.completeMs)} = ${ratio.toFixed(2)}× floor ${ok(ratio <= 1.3)}`;
  };
  const peakRss = (h: HostResult, r: ScaleResult) => {
    const peak = Math.max(h.maxRssMb, h.maxRssAfterSearchMb ?? 0);
    return `${mb(h.maxRssMb)} · ${mb(h.maxRssAfterSearchMb ?? NaN)}${r.scale === 'large' ? ` ${ok(peak < 400)}` : ''}`;
  };
  add('First open (no index cache, HostService + workers): first 100 rows', (r) => first100(r.host), '< 300 ms');
  add('First open: complete index', (r) => complete(r.host, r), '≤ 1.3× floor');
  add('First open: host peak RSS (all threads) · after the searches', (r) => peakRss(r.host, r), '< 400 MB at 30k');
  add('Index cache written after the first open: size · time (snapshot + write, after the index is complete)', (r) =>
    (r.host.cacheWrite ? `${mb(r.host.cacheWrite.bytes / 1048576)} · ${ms(r.host.cacheWrite.ms)}` : 'n/a'));
  add('Reopen (index cache: stat every file, read none): first 100 rows', (r) => `${first100(r.reopen)} · ${int(r.reopen.open.reused)} rows from the cache, ${int(r.reopen.open.read)} read`, '< 300 ms');
  add('Reopen: complete index', (r) => complete(r.reopen, r), '≤ 1.3× floor');
  add('Reopen: host peak RSS · after the searches', (r) => peakRss(r.reopen, r), '< 400 MB at 30k');
  add('Reopen after 1 % of the files were rewritten: complete index', (r) =>
    `${complete(r.changed.host, r)} · ${int(r.changed.host.open.read)} read (${int(r.changed.files)} rewritten)`, '≤ 1.3× floor');
  add('Content index: terms · postings', (r) => (r.host.searchStats ? `${int(r.host.searchStats.terms)} · ${int(r.host.searchStats.postings)}` : 'n/a'));
  const queries = (small ?? large)!.host.search.map((q) => q.query);
  for (const [i, query] of queries.entries()) {
    add(`Search “${query}”: median / p95 · files`, (r) => {
      const q = r.host.search[i]!;
      const g = r.grep[i]!;
      const found = q.exact ? int(q.total) : `≈${int(q.total)} (approx.; exact ${int(q.exactTotal ?? 0)} in ${ms(q.exactMs ?? NaN)})`;
      return `${ms(q.medianMs)} / ${ms(q.p95Ms)} · ${found}; grep ${ms(g.medianMs)} · ${int(g.files)} → ${(g.medianMs / q.medianMs).toFixed(0)}× ${ok(q.medianMs < g.medianMs)}`;
    }, i === 0 ? 'faster than grep -rl -F -i' : '');
  }
  add('Search: worst p95 of the queries', (r) => {
    const worst = Math.max(...r.host.search.map((q) => q.p95Ms));
    return `${ms(worst)}${r.scale === 'small' ? ` ${ok(worst < 30)}` : ''}`;
  }, '< 30 ms at 3k');
  add('Search faster than grep on every query', (r) => ok(r.host.search.every((q, i) => q.medianMs < r.grep[i]!.medianMs)), 'both scales');
  rows.push([`Stream core: build timeline (${int(stream.steps)} steps)`, ms(stream.buildMs), '(same corpus file)', '']);
  rows.push(['Stream core: stateAt per scrub position', `${stream.stateAtMicros.toFixed(1)} µs ${ok(stream.stateAtMicros < 1000)}`, '(same corpus file)', '< 1 ms']);
  const ui = (r: ScaleResult, f: (u: Exclude<ScaleResult['ui'], { error: string }>) => string) => ('error' in r.ui ? `n/a (${r.ui.error})` : f(r.ui));
  add('UI: page shows every row', (r) => ui(r, (u) => ms(u.loadMs)));
  const frames = (f: FrameStats, judged: boolean) => `${ms(f.p95Ms)} / ${ms(f.maxMs)} · ${f.dropped} of ${f.frames} · ${f.longTasks}${judged ? ` ${ok(f.p95Ms < FRAME_OK_MS)}` : ''}`;
  add('UI: wheel-scrolling the table (100 px/frame): frame interval p95 / max · frames > 25 ms · long tasks', (r) => ui(r, (u) => frames(u.wheel, r.scale === 'large')), 'p95 on time (< 20 ms) at 30k');
  add('UI: sweeping the whole table (scroll-bar drag): same figures', (r) => ui(r, (u) => frames(u.scroll, r.scale === 'large')), 'p95 on time (< 20 ms) at 30k');
  add('UI: dragging the scrubber across the largest stream: same figures', (r) => ui(r, (u) => (u.scrub.note && u.scrub.positions === 0 ? `n/a: ${u.scrub.note}` : `${frames(u.scrub, true)} (${u.scrub.positions} distinct positions of ${int(u.scrub.steps)}, each crossed twice)`)), 'p95 on time (< 20 ms)');
  add('UI: renderer JS heap (after GC) · after scrubbing', (r) => ui(r, (u) => `${mb(u.heapMb)} · ${mb(u.heapAfterScrubMb)}`));
  add('Watch: file written → row in the page (median of 5)', (r) => ui(r, (u) => `${ms(u.watchMedianMs)} ${ok(u.watchMedianMs < 200)} (${u.watchMs.join(', ')} ms)`), '< 200 ms');
  add('`check --json` throughput', (r) => `${int(Math.round(r.check.filesPerSecond))} files/s (${ms(r.check.ms)})`);

  const header = ['Measure', '≈3,000 files / 90 MB', '≈30,000 files / 900 MB', 'Target'];
  const table = [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
  const m = `${machine.cpu}, ${machine.cores} cores, ${machine.ramGb.toFixed(0)} GB RAM, ${machine.os}, Node ${machine.node}, load average ${machine.load}`;
  return `Run of ${machine.date} on ${m}; the whole run took ${(input.totalMs / 60_000).toFixed(1)} min.\n\n${table}`;
}

const BEGIN = '<!-- bench:begin (written by npm run bench) -->';
const END = '<!-- bench:end -->';

/** Replace the generated part of BENCHMARKS.md (or create the file). */
export function writeBenchmarksMd(file: string, report: string): void {
  const block = `${BEGIN}\n${report}\n${END}`;
  if (!existsSync(file)) {
    writeFileSync(file, `# Benchmarks\n\n${block}\n`);
    return;
  }
  const text = readFileSync(file, 'utf8');
  const a = text.indexOf(BEGIN);
  const b = text.indexOf(END);
  writeFileSync(file, a >= 0 && b > a ? `${text.slice(0, a)}${block}${text.slice(b + END.length)}` : `${text.trimEnd()}\n\n${block}\n`);
}
