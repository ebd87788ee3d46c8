/**
 * The folder index: walks the opened folder, summarises files in worker threads, keeps rows up to date
 * from the file watcher and tells listeners (the host transports) what changed. No Electron imports.
 */
import { watch, type FSWatcher } from 'node:fs';
import { lstat, readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FolderState, HostEvent, IndexProgress, RecordingRow, RowsPage } from '../../shared/host-api';
import type { CachedIndex, IndexCache, StatKey } from './index-cache';
import { SearchIndex, type SearchIndexStats, type SearchOutcome } from './search-index';
import { indexFile } from './summarize-file';
import { walkJsonFiles } from './walk';
import { WorkerPool, type IndexedBatch } from './worker-pool';

const BATCH = 32;
/** The first files go out in smaller batches, so the first rows show up sooner. */
const FIRST_BATCH = 8;
const FIRST_FILES = 64;
const MAX_IN_FLIGHT = 8;
/** Rows are pushed to listeners at most this often while indexing, to keep the renderer smooth. */
const FLUSH_MS = 50;
/** An owned worker pool is stopped this long after indexing completes (its memory goes back; see release()). */
const POOL_IDLE_MS = 2000;
/** After the watcher changed rows, the index cache is rewritten once things have been quiet this long. */
const CACHE_SAVE_DELAY_MS = 5000;
/**
 * A file modified this recently when it was indexed is not cached (git's "racy" rule): a write within the
 * same timestamp tick after the read (1 s or 2 s on some file systems) would leave its stat key unchanged.
 */
const RACY_MS = 3000;

export interface FolderIndexOptions {
  watch?: boolean;
  pool?: WorkerPool;
  /**
   * Keep a full-text index of the files' contents for search(). Default: when watching (the app); one-shot
   * scans such as `check` (watch: false) skip the extra work.
   */
  search?: boolean;
  /**
   * Keep the index between launches (index-cache.ts): reopening reads only files whose stat key changed.
   * Absent for one-shot scans and where no cache can be trusted (unbuilt sources).
   */
  cache?: IndexCache | null;
  /** See RACY_MS (tests set 0). */
  racyMs?: number;
}

/** One file's result as the index takes it in. */
interface Indexed {
  row: RecordingRow;
  terms: readonly string[];
  key: StatKey | null;
  /** The row came from the index cache: the content index already holds its terms. */
  reused: boolean;
}

export class FolderIndex {
  private readonly listeners = new Set<(event: HostEvent) => void>();
  private readonly rows = new Map<string, RecordingRow>();
  private readonly pool: WorkerPool;
  private readonly ownsPool: boolean;
  private watcher: FolderWatcher | null = null;
  private folderPath: string | null = null;
  private generationNo = 0;
  private progressState: IndexProgress = { total: 0, indexed: 0, done: true };
  private pendingRows: RecordingRow[] = [];
  private flushTimer: NodeJS.Timeout | null = null;
  private indexing: Promise<void> = Promise.resolve();
  private searchIndex = new SearchIndex();
  /** Stat keys of the rows, for the index cache. */
  private readonly keys = new Map<string, StatKey>();
  /** Rows changed since the cache was last written (or loaded). */
  private cacheDirty = false;
  private cacheTimer: NodeJS.Timeout | null = null;
  private cacheSaving: Promise<void> = Promise.resolve();
  /** How the last open went, for the benchmark and tests: rows reused from the cache and rows read. */
  private lastOpen = { reused: 0, read: 0, cache: false };
  /**
   * Paths the watcher re-read or removed while the first index runs. Every batch went out before the watcher
   * started, so for these its result is older news (even when mtimes say otherwise) and is dropped.
   */
  private readonly watcherTouched = new Set<string>();
  private readonly searching: boolean;
  private searchTicket = 0;
  private flushedOnce = false;
  private releaseTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: FolderIndexOptions = {}) {
    this.ownsPool = !options.pool;
    this.pool = options.pool ?? new WorkerPool();
    this.searching = options.search ?? options.watch !== false;
  }

  get folder(): string | null {
    return this.folderPath;
  }

  get generation(): number {
    return this.generationNo;
  }

  get state(): FolderState {
    return { folder: this.folderPath, progress: { ...this.progressState }, generation: this.generationNo };
  }

  subscribe(listener: (event: HostEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Rows indexed so far for the current folder; the renderer calls this after (re)connecting. */
  snapshot(): RowsPage {
    return { generation: this.generationNo, rows: [...this.rows.values()], progress: { ...this.progressState } };
  }

  getRow(relPath: string): RecordingRow | undefined {
    return this.rows.get(relPath);
  }

  /** Resolves when the current folder is fully indexed. */
  whenIndexed(): Promise<void> {
    return this.indexing;
  }

  /** Start indexing `folder`; returns at once, rows arrive as events. Throws if it is not a folder. */
  async open(folder: string): Promise<FolderState> {
    const absolute = path.resolve(folder);
    const info = await stat(absolute).catch((error: NodeJS.ErrnoException) => {
      throw new Error(error.code === 'ENOENT' ? `Folder "${absolute}" does not exist.` : `Cannot open "${absolute}": ${error.message}`);
    });
    if (!info.isDirectory()) throw new Error(`"${absolute}" is not a folder.`);
    await this.stopWatching();
    await this.flushCache();
    if (this.releaseTimer) clearTimeout(this.releaseTimer);
    this.releaseTimer = null;
    if (this.ownsPool) this.pool.start(); // workers boot while the folder is walked
    this.generationNo++;
    this.folderPath = absolute;
    this.rows.clear();
    this.keys.clear();
    this.watcherTouched.clear();
    this.searchIndex = new SearchIndex();
    this.cacheDirty = false;
    this.lastOpen = { reused: 0, read: 0, cache: false };
    this.flushedOnce = false;
    this.pendingRows = [];
    this.progressState = { total: 0, indexed: 0, done: false };
    this.emit({ type: 'folder', state: this.state });
    const generation = this.generationNo;
    this.indexing = this.indexAll(absolute, generation);
    return this.state;
  }

  private async indexAll(root: string, generation: number): Promise<void> {
    const watching = this.options.watch !== false;
    const cached = await this.loadCache(root);
    if (generation !== this.generationNo) return;
    if (cached?.search && this.searching) this.searchIndex = SearchIndex.fromData(cached.search);
    this.lastOpen.cache = cached !== null;
    this.cacheDirty = cached === null;
    // Files the walk found: the watcher, started once the walk is over, indexes the ones it missed.
    const walked = new Set<string>();
    const inFlight = new Set<Promise<void>>();
    let batch: string[] = [];
    const dispatch = (paths: string[], useCache = cached !== null) => {
      const known = useCache ? paths.map((p) => cached?.key(p) ?? null) : undefined;
      const job = this.pool.index(root, paths, this.searching, known).then(
        (result) => {
          const { files, unreadable } = this.fromBatch(paths, result, cached);
          this.accept(generation, files);
          // Unchanged on disk, but the cached row cannot be read back (damaged cache): read the file.
          if (unreadable.length > 0 && generation === this.generationNo) dispatch(unreadable, false);
        },
        (error: Error) => this.accept(generation, paths.map((p) => fresh(errorRow(p, error)))),
      ).finally(() => inFlight.delete(job));
      inFlight.add(job);
    };
    try {
      for await (const relPath of walkJsonFiles(root, (issue) => this.accept(generation, [fresh(errorRow(issue.relPath, new Error(issue.message)))], true))) {
        if (generation !== this.generationNo) return;
        this.progressState.total++;
        if (watching) walked.add(relPath);
        batch.push(relPath);
        if (batch.length >= (this.progressState.total <= FIRST_FILES ? FIRST_BATCH : BATCH)) {
          dispatch(batch);
          batch = [];
          if (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
        }
      }
      if (batch.length) dispatch(batch);
      // The walk is over: follow changes from now on (the watcher lists the folders again, which is cheap,
      // rather than competing with the walk and the workers from the start).
      if (watching && generation === this.generationNo) this.startWatching(root, generation, (rel) => walked.has(rel) || this.rows.has(rel));
      while (inFlight.size > 0) await Promise.all(inFlight); // re-dispatched batches join the set
      // Cached files that are gone (or were never rows) leave the content index.
      if (cached?.search && generation === this.generationNo) {
        for (const p of cached.search.paths) if (!this.rows.has(p) && this.searchIndex.has(p)) this.searchIndex.remove(p);
      }
      if (cached && [...cached.paths()].some((p) => !this.rows.has(p))) this.cacheDirty = true;
    } catch (error) {
      if (generation === this.generationNo) {
        this.progressState.error = `Cannot read the folder: ${(error as Error).message}`;
        if (watching && !this.watcher) this.startWatching(root, generation, (rel) => walked.has(rel) || this.rows.has(rel));
      }
    }
    if (generation !== this.generationNo) return;
    this.progressState.done = true;
    // While indexing, the watcher's reads and removals can make the running counts approximate.
    this.progressState.total = this.progressState.indexed = this.rows.size;
    // Postings grew in doubling steps while indexing: trim them to size (a few MB at 30,000 files).
    if (this.searching && (this.lastOpen.read > 0 || this.searchIndex.stats.deadIds > 0)) this.searchIndex.compact();
    this.flush();
    // Written once the idle workers are gone, so the write's memory does not add to theirs.
    if (this.cacheDirty) this.saveCacheSoon(this.ownsPool ? POOL_IDLE_MS + 500 : 0);
    // The watcher reads changed files on this thread: the workers are idle until the next folder is opened.
    if (this.ownsPool) {
      this.releaseTimer = setTimeout(() => void this.pool.release(), POOL_IDLE_MS);
      this.releaseTimer.unref();
    }
  }

  /** A worker batch as rows: a null row is a file unchanged since it was cached. */
  private fromBatch(paths: string[], batch: IndexedBatch, cached: CachedIndex | null): { files: Indexed[]; unreadable: string[] } {
    const files: Indexed[] = [];
    const unreadable: string[] = [];
    paths.forEach((p, i) => {
      const row = batch.rows[i];
      if (row) files.push({ row, terms: batch.terms[i] ?? [], key: batch.keys[i] ?? null, reused: false });
      else {
        const reuse = cached?.row(p);
        if (reuse) files.push({ row: reuse, terms: [], key: batch.keys[i] ?? null, reused: true });
        else unreadable.push(p);
      }
    });
    return { files, unreadable };
  }

  private accept(generation: number, files: Indexed[], extra = false): void {
    if (generation !== this.generationNo) return;
    const vanished: string[] = [];
    for (const { row, terms, key, reused } of files) {
      const existing = this.rows.get(row.path);
      if (extra && !existing) this.progressState.total++;
      // The watcher already read or removed this file (or its folder) while the index was running.
      if (this.watcherTouched.size > 0 && this.touchedByWatcher(row.path)) continue;
      if (row.problems.some((p) => p.code === 'vanished')) {
        vanished.push(row.path);
        continue;
      }
      this.rows.set(row.path, row);
      this.setKey(row.path, key);
      if (reused) this.lastOpen.reused++;
      else {
        this.lastOpen.read++;
        this.cacheDirty = true;
        if (this.searching) this.searchIndex.add(row.path, terms, row.size);
      }
      this.pendingRows.push(row);
    }
    this.progressState.indexed = Math.min(this.progressState.total, this.progressState.indexed + files.length);
    if (vanished.length > 0) this.dropVanished(generation, vanished);
    // The very first rows go out at once; after that at most every FLUSH_MS.
    if (!this.flushedOnce) {
      this.flushedOnce = true;
      this.flush();
    } else if (!this.flushTimer) this.flushTimer = setTimeout(() => this.flush(), FLUSH_MS);
  }

  private flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const generation = this.generationNo;
    if (this.pendingRows.length) {
      const rows = this.pendingRows;
      this.pendingRows = [];
      this.emit({ type: 'rows', generation, rows });
    }
    this.emit({ type: 'progress', generation, progress: { ...this.progressState } });
  }

  private startWatching(root: string, generation: number, known: (rel: string) => boolean): void {
    const removeUnder = (rel: string) => {
      if (!this.progressState.done) this.watcherTouched.add(rel);
      if (this.rows.has(rel)) return this.remove(generation, [rel]);
      const prefix = rel === '' ? '' : `${rel}/`;
      this.remove(generation, [...this.rows.keys()].filter((p) => p.startsWith(prefix)));
    };
    const watcher = new FolderWatcher(root, {
      changed: (rel) => void this.update(root, generation, rel),
      removed: removeUnder,
      rootGone: () => {
        if (generation !== this.generationNo) return;
        this.progressState.error = 'The opened folder was deleted or renamed.';
        this.emit({ type: 'progress', generation, progress: { ...this.progressState } });
        removeUnder('');
      },
    });
    watcher.start(known);
    this.watcher = watcher;
  }

  private touchedByWatcher(relPath: string): boolean {
    for (let at = relPath.length; at > 0; at = relPath.lastIndexOf('/', at - 1)) {
      if (this.watcherTouched.has(relPath.slice(0, at))) return true;
    }
    return false;
  }

  /** Files that disappeared before a worker could read them: no row (and none left from the cache). */
  private dropVanished(generation: number, paths: string[]): void {
    const unknown = paths.filter((p) => !this.rows.has(p));
    for (const p of unknown) {
      this.searchIndex.remove(p);
      this.progressState.total = Math.max(0, this.progressState.total - 1);
      this.progressState.indexed = Math.max(0, this.progressState.indexed - 1);
    }
    this.remove(generation, paths.filter((p) => this.rows.has(p)));
  }

  /** A file the watcher saw added or changed: read it again (on this thread: it is one file). */
  private async update(root: string, generation: number, rel: string): Promise<void> {
    if (!this.progressState.done) this.watcherTouched.add(rel);
    const { row, terms, key } = await indexFile(root, rel, this.searching);
    if (generation !== this.generationNo) return;
    if (row.problems.some((p) => p.code === 'vanished')) return this.remove(generation, [rel]);
    const existed = this.rows.has(rel);
    if (!existed) this.progressState.total++;
    this.rows.set(rel, row);
    this.setKey(rel, key ?? null);
    if (this.searching) this.searchIndex.add(rel, terms, row.size);
    this.changedAfterIndex(generation);
    if (!existed) this.progressState.indexed++;
    this.emit({ type: 'rows', generation, rows: [row] });
  }

  private remove(generation: number, paths: string[]): void {
    if (generation !== this.generationNo) return;
    if (!this.progressState.done) for (const p of paths) this.watcherTouched.add(p);
    const gone = paths.filter((p) => this.rows.delete(p));
    if (!gone.length) return;
    for (const p of gone) {
      this.searchIndex.remove(p);
      this.keys.delete(p);
    }
    this.changedAfterIndex(generation);
    this.progressState.total = Math.max(0, this.progressState.total - gone.length);
    this.progressState.indexed = Math.max(0, this.progressState.indexed - gone.length);
    this.emit({ type: 'removed', generation, paths: gone });
  }

  /** Remember the stat key a row was made from, unless the file was too fresh to trust it (RACY_MS). */
  private setKey(relPath: string, key: StatKey | null): void {
    const racy = key !== null && Date.now() - Math.max(key.mtimeMs, key.ctimeMs) < (this.options.racyMs ?? RACY_MS);
    if (key && !racy) this.keys.set(relPath, key);
    else this.keys.delete(relPath);
  }

  // -------------------------------------------------------------------------------------------------------
  // Index cache

  private async loadCache(root: string): Promise<CachedIndex | null> {
    const cached = (await this.options.cache?.load(root)) ?? null;
    // A cache without the content index cannot serve a folder that is searched.
    return cached && (cached.search !== null || !this.searching) ? cached : null;
  }

  /** The watcher changed rows: once indexing is over, rewrite the cache when things are quiet. */
  private changedAfterIndex(generation: number): void {
    this.cacheDirty = true;
    if (this.progressState.done && generation === this.generationNo) this.saveCacheSoon(CACHE_SAVE_DELAY_MS);
  }

  private saveCacheSoon(delayMs: number): void {
    if (!this.options.cache) return;
    if (this.cacheTimer) clearTimeout(this.cacheTimer);
    this.cacheTimer = setTimeout(() => void this.saveCache(), delayMs);
    this.cacheTimer.unref();
  }

  /** Write the cache now if a write is pending (before another folder is opened, and on close). */
  private async flushCache(): Promise<void> {
    if (this.cacheTimer) {
      clearTimeout(this.cacheTimer);
      this.cacheTimer = null;
      await this.saveCache();
    }
    await this.cacheSaving;
  }

  private saveCache(): Promise<void> {
    this.cacheTimer = null;
    const cache = this.options.cache;
    const root = this.folderPath;
    if (!cache || !root || !this.cacheDirty || !this.progressState.done || this.progressState.error) return this.cacheSaving;
    this.cacheDirty = false;
    const started = performance.now();
    // The snapshot is taken synchronously, so it is one consistent state of rows, keys and content index.
    // Rows go in the content index's file order, so the cache can store that order once.
    const search = this.searching ? this.searchIndex.exportData() : null;
    const files: Array<{ row: RecordingRow; key: StatKey }> = [];
    const add = (p: string) => {
      const row = this.rows.get(p);
      const key = this.keys.get(p);
      if (row && key) files.push({ row, key });
    };
    if (search) search.paths.forEach(add);
    for (const p of this.rows.keys()) if (!search || !this.searchIndex.has(p)) add(p);
    this.cacheSaving = this.cacheSaving
      .then(() => cache.save(root, files, search))
      .then(({ bytes }) => {
        this.lastCacheWrite = { bytes, ms: performance.now() - started };
      })
      .catch(() => {
        // A cache that cannot be written (read-only data folder, disk full) only costs a slower next launch.
      });
    return this.cacheSaving;
  }

  /** Size and duration (snapshot + write) of the last index cache written; null before the first. */
  lastCacheWrite: { bytes: number; ms: number } | null = null;

  /** How the last opened folder was indexed: rows reused from the index cache and rows read. */
  get openStats(): { reused: number; read: number; cache: boolean } {
    return { ...this.lastOpen };
  }

  /** Size of the content index (for the benchmark); null when search is off. */
  searchStats(): SearchIndexStats | null {
    return this.searching ? this.searchIndex.stats : null;
  }

  /**
   * Full-text search over the files' contents (see search-index.ts). A newer search cancels an older one
   * that is still reading files to check a phrase.
   */
  async search(query: string, options: { limit?: number; exact?: boolean } = {}): Promise<SearchOutcome & { indexing: boolean }> {
    const root = this.folderPath;
    const generation = this.generationNo;
    const indexing = !this.progressState.done;
    if (!root || !this.searching) return { paths: [], total: 0, exact: false, checked: 0, indexing, note: root ? 'Content search is off for this folder.' : 'No folder is open.' };
    const ticket = ++this.searchTicket;
    const outcome = await this.searchIndex.search(query, {
      ...options,
      read: async (rel) => (generation === this.generationNo ? readFile(path.join(root, ...rel.split('/'))).catch(() => null) : null),
      cancelled: () => ticket !== this.searchTicket || generation !== this.generationNo,
    });
    return { ...outcome, indexing };
  }

  private async stopWatching(): Promise<void> {
    const watcher = this.watcher;
    this.watcher = null;
    watcher?.close();
  }

  private emit(event: HostEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A failing transport must not stop indexing for the others.
      }
    }
  }

  async close(): Promise<void> {
    await this.stopWatching(); // no watcher event may schedule another cache write after this one
    await this.flushCache();
    this.generationNo++;
    if (this.releaseTimer) clearTimeout(this.releaseTimer);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    if (this.ownsPool) await this.pool.close();
  }
}

const fresh = (row: RecordingRow): Indexed => ({ row, terms: [], key: null, reused: false });

function errorRow(relPath: string, error: Error): RecordingRow {
  return {
    path: relPath, suite: relPath.split('/').slice(0, -1).join('/') || '.', name: relPath.split('/').pop() ?? relPath,
    testId: null, kind: 'broken', endpoint: '', model: '', streaming: false, chunks: null, size: 0, mtimeMs: 0, hash: null,
    problems: [{ code: 'io', severity: 'error', message: error.message }], search: relPath.toLowerCase(),
  };
}

const SKIP_DIRS = new Set(['node_modules', '.git']);
/** Events on one path within this time are handled once (a save is often several events). */
const SETTLE_MS = 15;

interface WatchHandlers {
  /** A *.json file was added or changed (or found in a folder that appeared). */
  changed(rel: string): void;
  /** A file or folder is gone: forget it and everything below it. */
  removed(rel: string): void;
  rootGone(): void;
}

/**
 * Follows the opened folder with one fs.watch per folder (inotify on Linux, FSEvents on macOS,
 * ReadDirectoryChangesW on Windows) and an lstat of the path an event names. Nothing is done per file
 * up front, unlike a per-file watcher (chokidar stats and watches every file: 30,000 handles and stat
 * calls competing with the index, and tens of MB). Symbolic links to folders are not followed.
 */
class FolderWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly root: string, private readonly handlers: WatchHandlers) {}

  /** Watch every folder; *.json files for which `known` is false are reported as changed. */
  start(known: (rel: string) => boolean): void {
    void this.addTree('', (rel) => !known(rel));
  }

  /** Watch `rel` and the folders below it, reporting the *.json files found for which `announce` is true. */
  private async addTree(rel: string, announce: (rel: string) => boolean): Promise<void> {
    const stack = [rel];
    while (stack.length > 0 && !this.closed) {
      const dir = stack.pop()!;
      if (this.watchers.has(dir)) continue;
      const absolute = path.join(this.root, ...dir.split('/').filter(Boolean));
      try {
        const watcher = watch(absolute, { persistent: false }, (_event, name) => this.onEvent(dir, name === null ? null : String(name)));
        watcher.on('error', () => this.onWatchError(dir));
        this.watchers.set(dir, watcher);
      } catch {
        if (dir === '') this.schedule('', true);
        continue; // vanished already, no permission, or no more watches: nothing to follow here
      }
      let entries;
      try {
        entries = await readdir(absolute, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const entry of entries) {
        const child = dir ? `${dir}/${entry.name}` : entry.name;
        if (entry.isDirectory()) {
          if (!SKIP_DIRS.has(entry.name)) stack.push(child);
        } else if (entry.name.endsWith('.json') && (entry.isFile() || entry.isSymbolicLink()) && announce(child)) this.handlers.changed(child);
      }
    }
  }

  private onEvent(dir: string, name: string | null): void {
    if (this.closed) return;
    if (name === null) return this.schedule(dir, true);
    this.schedule(dir ? `${dir}/${name.split(path.sep).join('/')}` : name.split(path.sep).join('/'), false);
    // The folder itself deleted or renamed shows as an event in it (or in the root): check it too.
    this.schedule(dir, true);
  }

  private onWatchError(dir: string): void {
    this.watchers.get(dir)?.close();
    this.watchers.delete(dir);
    this.schedule(dir, true);
  }

  private schedule(rel: string, isDir: boolean): void {
    const key = `${isDir ? 'd' : 'f'}:${rel}`;
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      void this.inspect(rel, isDir);
    }, SETTLE_MS));
  }

  /** What is at `rel` now? `folderCheck`: only whether a watched folder still exists. */
  private async inspect(rel: string, folderCheck: boolean): Promise<void> {
    if (this.closed) return;
    const absolute = path.join(this.root, ...rel.split('/').filter(Boolean));
    const info = await lstat(absolute).catch(() => null);
    if (this.closed) return;
    if (!info || (folderCheck && !info.isDirectory())) {
      if (rel === '') {
        this.closeAll();
        this.handlers.rootGone();
        return;
      }
      const watched = this.watchers.has(rel);
      if (!watched && (folderCheck || !rel.endsWith('.json'))) return; // not a file or folder we follow
      this.forget(rel);
      this.handlers.removed(rel);
      return;
    }
    if (folderCheck) return;
    if (info.isDirectory()) {
      const name = rel.slice(rel.lastIndexOf('/') + 1);
      if (!SKIP_DIRS.has(name) && !this.watchers.has(rel)) await this.addTree(rel, () => true);
    } else if (rel.endsWith('.json') && (info.isFile() || info.isSymbolicLink())) this.handlers.changed(rel);
  }

  /** Stop watching `rel` and every folder below it. */
  private forget(rel: string): void {
    const prefix = `${rel}/`;
    for (const [dir, watcher] of this.watchers) {
      if (dir === rel || dir.startsWith(prefix)) {
        watcher.close();
        this.watchers.delete(dir);
      }
    }
  }

  private closeAll(): void {
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  close(): void {
    this.closed = true;
    this.closeAll();
  }
}
