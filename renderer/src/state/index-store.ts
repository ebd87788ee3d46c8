/**
 * The renderer's copy of the folder index: rows by path, progress and folder, fed by host events.
 * Components read it through useIndexState(); updates are batched per animation frame. While a folder is
 * first indexed, new rows are published at most every ROWS_INTERVAL_MS: each publication makes a new array
 * of every row and re-renders the app over all of them (filters, table), and batches arrive every few tens of
 * milliseconds — at 30,000 rows publishing every batch kept the page busy competing with the indexer for the
 * same cores. Changes after that (the watcher) are published at the next frame.
 */
import { useSyncExternalStore } from 'react';
import type { AppInfo, FolderState, HostApi, HostEvent, IndexProgress, RecordingRow } from '../../../shared/host-api';

const ROWS_INTERVAL_MS = 200;

export interface IndexState {
  info: AppInfo | null;
  folder: string | null;
  generation: number;
  progress: IndexProgress;
  rows: RecordingRow[];
  /** Paths changed on disk since the person last looked at them. */
  changed: ReadonlySet<string>;
  recent: string[];
  error: string | null;
}

export class IndexStore {
  private byPath = new Map<string, RecordingRow>();
  private state: IndexState = {
    info: null, folder: null, generation: -1, progress: { total: 0, indexed: 0, done: false }, rows: [], changed: new Set(), recent: [], error: null,
  };
  private readonly listeners = new Set<() => void>();
  private frame: number | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private rowsDirty = false;
  private rowsPublishedAt = -Infinity;
  private initialIndexDone = false;

  constructor(private readonly host: HostApi) {}

  async start(): Promise<void> {
    this.host.subscribe((event) => this.onEvent(event));
    try {
      const info = await this.host.invoke('getAppInfo', {});
      this.set({ info, recent: info.recent });
      this.onFolder(info.folder);
      const page = await this.host.invoke('listRows', { generation: info.folder.generation });
      if (page.generation === this.state.generation) {
        for (const row of page.rows) this.byPath.set(row.path, row);
        this.rowsDirty = true;
        this.set({ progress: page.progress });
        this.initialIndexDone = page.progress.done;
      }
    } catch (error) {
      this.set({ error: (error as Error).message });
    }
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): IndexState => this.state;

  markSeen(path: string): void {
    if (!this.state.changed.has(path)) return;
    const changed = new Set(this.state.changed);
    changed.delete(path);
    this.set({ changed });
  }

  private onFolder(folder: FolderState): void {
    this.byPath = new Map();
    this.rowsDirty = true;
    this.initialIndexDone = folder.progress.done;
    this.set({ folder: folder.folder, generation: folder.generation, progress: folder.progress, changed: new Set(), error: null });
  }

  private onEvent(event: HostEvent): void {
    switch (event.type) {
      case 'folder':
        this.onFolder(event.state);
        return;
      case 'recent':
        this.set({ recent: event.recent });
        return;
      case 'progress':
        if (event.generation !== this.state.generation) return;
        if (event.progress.done) this.initialIndexDone = true;
        this.set({ progress: event.progress });
        return;
      case 'rows': {
        if (event.generation !== this.state.generation) return;
        let changed: Set<string> | null = null;
        for (const row of event.rows) {
          if (this.initialIndexDone) (changed ??= new Set(this.state.changed)).add(row.path);
          this.byPath.set(row.path, row);
        }
        this.rowsDirty = true;
        this.set(changed ? { changed } : {});
        return;
      }
      case 'removed':
        if (event.generation !== this.state.generation) return;
        for (const path of event.paths) this.byPath.delete(path);
        this.rowsDirty = true;
        this.set({});
        return;
    }
  }

  private set(patch: Partial<IndexState>): void {
    this.state = { ...this.state, ...patch };
    if (this.frame !== null) return;
    if (this.timer !== null) {
      if (!this.initialIndexDone) return;
      // Indexing just completed: publish now rather than at the end of the interval.
      clearTimeout(this.timer);
      this.timer = null;
    }
    const wait = this.rowsDirty && !this.initialIndexDone ? this.rowsPublishedAt + ROWS_INTERVAL_MS - performance.now() : 0;
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.requestPublish();
      }, wait);
    } else this.requestPublish();
  }

  private requestPublish(): void {
    if (this.frame !== null) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = null;
      if (this.rowsDirty) {
        this.rowsDirty = false;
        this.rowsPublishedAt = performance.now();
        this.state = { ...this.state, rows: [...this.byPath.values()] };
      }
      for (const listener of this.listeners) listener();
    });
  }
}

export function useIndexState(store: IndexStore): IndexState {
  return useSyncExternalStore(store.subscribe, store.getState);
}
