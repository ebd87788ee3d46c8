/**
 * The renderer in Debian's chromium through the browser mode: the built `serve` on the tree, driven by
 * Playwright. Frame times are sampled in the page with requestAnimationFrame; long tasks come from a
 * PerformanceObserver; the JS heap from CDP after a forced GC.
 */
import type { ChildProcess } from 'node:child_process';
import { spawnServe, stopServe } from '../serve/spawn-serve';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { percentile } from './roles';

/**
 * Frame intervals from requestAnimationFrame: at 60 Hz an on-time frame reads ≈16.7 ms (vsync-quantised,
 * with jitter), a frame whose work overran the budget reads ≥ 33 ms.
 */
export interface FrameStats {
  frames: number;
  p95Ms: number;
  maxMs: number;
  /** Intervals above 25 ms: frames that missed their vsync. */
  dropped: number;
  longTasks: number;
  /** What was measured when it could not be measured as planned. */
  note?: string;
}

export interface UiResult {
  /** From opening the page to every row shown (index complete in the page). */
  loadMs: number;
  /** Wheel-like scrolling: 100 px per frame for 150 frames. */
  wheel: FrameStats;
  /** Scrollbar-drag-like scrolling: the whole table down and back up in 240 frames. */
  scroll: FrameStats;
  scrub: FrameStats & { positions: number; steps: number };
  heapMb: number;
  heapAfterScrubMb: number;
  watchMs: number[];
  watchMedianMs: number;
}

export interface UiOptions {
  repoRoot: string;
  dir: string;
  files: number;
  largestStream: string;
  /** A small recording to copy for the watch measurement. */
  sampleFile: string;
  chromium: string;
  configDir: string;
  track: (child: ChildProcess) => void;
  log: (line: string) => void;
}

export async function startServe(repoRoot: string, dir: string, configDir: string, track: (c: ChildProcess) => void): Promise<{ url: string; child: ChildProcess }> {
  const served = await spawnServe(path.join(repoRoot, 'out/main/cli.js'), dir, { configDir, timeoutMs: 60_000 });
  track(served.child);
  return served;
}

/** Start sampling frames in the page (rAF deltas) and long tasks. */
// In-page scripts are plain JavaScript strings: this file is type-checked without the DOM library.
const START_FRAMES = `(() => {
  const b = window.__bench = { frames: [], long: 0, run: true, observer: null };
  try {
    b.observer = new PerformanceObserver((list) => { b.long += list.getEntries().length; });
    b.observer.observe({ type: 'longtask' });
  } catch { /* no longtask support: counted as 0 */ }
  let last = performance.now();
  const tick = (t) => { b.frames.push(t - last); last = t; if (b.run) requestAnimationFrame(tick); };
  requestAnimationFrame((t) => { last = t; requestAnimationFrame(tick); });
})()`;

const STOP_FRAMES = `(async () => {
  const b = window.__bench;
  await new Promise((r) => setTimeout(r, 50)); // let the last long tasks be reported
  b.run = false;
  if (b.observer) b.observer.disconnect();
  return { frames: b.frames, long: b.long };
})()`;

/** Scroll the table by 100 px per frame, like a fast wheel or trackpad, for 150 frames. */
const WHEEL_TABLE = `(async () => {
  const el = document.querySelector('.table-scroll');
  if (!el) return;
  el.scrollTop = 0;
  await new Promise((done) => {
    let frames = 0;
    const tick = () => {
      el.scrollTop += 100;
      if (++frames >= 150) return done();
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
})()`;

/** Scroll the table down to the end and back up in rAF steps (~120 steps each way, at most 240 frames). */
const SCROLL_TABLE = `(async () => {
  const el = document.querySelector('.table-scroll');
  if (!el) return;
  const max = el.scrollHeight - el.clientHeight;
  const step = Math.max(200, Math.ceil(max / 120));
  await new Promise((done) => {
    let dir = 1;
    let frames = 0;
    const tick = () => {
      el.scrollTop = Math.max(0, Math.min(max, el.scrollTop + dir * step));
      if (el.scrollTop >= max) dir = -1;
      if (++frames >= 240 || (dir < 0 && el.scrollTop <= 0)) return done();
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
})()`;

/** Resolves window.__seen with Date.now() when the selector first matches. */
const AWAIT_ROW = (selector: string) => `(() => {
  const selector = ${JSON.stringify(selector)};
  window.__seen = new Promise((resolve) => {
    let observer = null;
    const check = () => {
      if (!document.querySelector(selector)) return false;
      if (observer) observer.disconnect();
      resolve(Date.now());
      return true;
    };
    if (!check()) {
      observer = new MutationObserver(check);
      observer.observe(document.body, { childList: true, subtree: true });
    }
  });
})()`;

const COUNT_POSITIONS = `(() => {
  window.__positions = new Set();
  const el = document.querySelector('[role="slider"][aria-label="Stream position"]');
  if (el) new MutationObserver(() => window.__positions.add(el.getAttribute('aria-valuenow'))).observe(el, { attributes: true, attributeFilter: ['aria-valuenow'] });
})()`;

/** Start sampling frames in the page (rAF deltas) and long tasks. */
/** Wait until the page has every row: indexing over and the count saying so (polled: the CSP forbids eval). */
async function allRows(page: Page, files: number, timeout: number): Promise<void> {
  const expression = `!document.querySelector('progress[aria-label="Indexing"]') && [...document.querySelectorAll('.count')].some((e) => e.textContent === '${files} recordings')`;
  const deadline = Date.now() + timeout;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > deadline) throw new Error(`the page did not show ${files} recordings within ${Math.round(timeout / 1000)} s`);
    await page.waitForTimeout(200);
  }
}

async function startFrames(page: Page): Promise<void> {
  await page.evaluate(START_FRAMES);
}

async function stopFrames(page: Page): Promise<FrameStats> {
  const { frames, long } = (await page.evaluate(STOP_FRAMES)) as { frames: number[]; long: number };
  const sorted = [...frames].sort((a, b) => a - b);
  return { frames: frames.length, p95Ms: percentile(sorted, 95), maxMs: sorted[sorted.length - 1] ?? NaN, dropped: frames.filter((f) => f > 25).length, longTasks: long };
}

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usage.usedSize / 1048576;
}

export async function measureUi(options: UiOptions): Promise<UiResult> {
  const require = createRequire(path.join(options.repoRoot, 'package.json'));
  const { chromium } = require('@playwright/test') as typeof import('@playwright/test');
  const { url, child } = await startServe(options.repoRoot, options.dir, options.configDir, options.track);
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: options.chromium, args: ['--no-sandbox', '--disable-gpu'] });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const loadTimeout = 60_000 + options.files * 10;
    const loadStart = performance.now();
    await page.goto(url);
    await allRows(page, options.files, loadTimeout);
    const loadMs = performance.now() - loadStart;
    options.log(`  page shows all ${options.files} rows after ${(loadMs / 1000).toFixed(1)} s`);
    await page.waitForTimeout(500);
    const heap = await heapMb(page);

    // Wheel-like scrolling, then the whole table down and back up in big steps (dragging the scroll bar).
    await startFrames(page);
    await page.evaluate(WHEEL_TABLE);
    const wheel = await stopFrames(page);
    await page.waitForTimeout(300);
    await startFrames(page);
    await page.evaluate(SCROLL_TABLE);
    const scroll = await stopFrames(page);

    // Dragging the scrubber across the largest stream.
    const scrub = await measureScrub(page, url, options);
    const heapAfterScrubMb = await heapMb(page);

    // Watch latency: a new file → its row in the page.
    await page.goto(url);
    await allRows(page, options.files, loadTimeout);
    const sample = readFileSync(options.sampleFile);
    const watchMs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const name = `zz-watch-${i}-${Date.now().toString(36)}.json`;
      const rel = `common/recordings/${name}`;
      await page.getByLabel('Filter recordings').fill(name);
      await page.waitForTimeout(300);
      await page.evaluate(AWAIT_ROW(`[role="row"][data-path="${rel}"]`));
      const written = Date.now();
      writeFileSync(path.join(options.dir, rel), sample);
      const seen = (await page.evaluate('window.__seen')) as number;
      watchMs.push(seen - written);
      await page.waitForTimeout(200);
    }
    const sortedWatch = [...watchMs].sort((a, b) => a - b);
    return { loadMs, wheel, scroll, scrub, heapMb: heap, heapAfterScrubMb, watchMs, watchMedianMs: percentile(sortedWatch, 50) };
  } finally {
    await browser?.close().catch(() => undefined);
    await stopServe(child);
  }
}

async function measureScrub(page: Page, url: string, options: UiOptions): Promise<UiResult['scrub']> {
  const target = `${url}#/${options.largestStream.split('/').map(encodeURIComponent).join('/')}?tab=response`;
  await page.goto(target);
  const slider = page.locator('[role="slider"][aria-label="Stream position"]');
  try {
    await slider.waitFor({ timeout: 30_000 });
  } catch {
    // The scrubber is not there (yet): measure what exists, the Response tab being shown.
    await startFrames(page);
    await page.waitForTimeout(1000);
    return { ...(await stopFrames(page)), positions: 0, steps: 0, note: 'no Stream position slider in the Response tab: idle frames of the tab measured instead' };
  }
  await page.waitForTimeout(500);
  const box = await slider.boundingBox();
  const steps = Number((await slider.getAttribute('aria-valuemax')) ?? '0') + 1;
  if (!box) return { frames: 0, p95Ms: NaN, maxMs: NaN, dropped: 0, longTasks: 0, positions: 0, steps, note: 'slider not visible' };
  await page.evaluate(COUNT_POSITIONS);
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + 1, y);
  await startFrames(page);
  await page.mouse.down();
  // Across and back, one pointer move per frame or so.
  const moves = 240;
  for (let i = 0; i <= moves; i++) {
    const f = i <= moves / 2 ? (2 * i) / moves : 2 - (2 * i) / moves;
    await page.mouse.move(box.x + 1 + f * (box.width - 2), y);
  }
  await page.mouse.up();
  const frames = await stopFrames(page);
  const positions = (await page.evaluate('window.__positions.size')) as number;
  return { ...frames, positions, steps };
}
