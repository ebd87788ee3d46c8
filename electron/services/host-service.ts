/**
 * The host side of the typed API, shared by the Electron IPC shell and the `serve` HTTP host.
 * Transports validate with parseCall() and then call `call()`; platform specifics come in as hooks.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  HostError, parseCall,
  type AppInfo, type FolderState, type HostArgs, type HostEvent, type HostMethod, type HostResults, type RecordingFile,
} from '../../shared/host-api';
import { buildTimeline } from '../../shared/stream';
import { FolderIndex } from './folder-index';
import { IndexCache, indexerFingerprint } from './index-cache';
import { builtWorkerFile } from './worker-pool';
import './native-hash';
import { EditService } from './edit-service';
import { GitService } from './git-service';
import { FlakyService } from './flaky-service';
import { ResponsesService } from './responses-service';
import { xdgTrash, type TrashFn } from './trash';
import { PlaybackService, type PlaybackSource } from './playback';
import { resolveExistingInside, resolveInside } from './path-guard';
import type { Settings } from './settings';

/** The renderer is sent files up to this size; larger ones get a summary and a message. */
export const MAX_VIEW_BYTES = 48 * 1024 * 1024;

export interface HostHooks {
  mode: AppInfo['mode'];
  version: string;
  readOnly?: boolean;
  /** Desktop: a native folder dialog. Resolves to null when the person cancels. */
  chooseFolder?: () => Promise<string | null>;
  /** Moves a file to the OS trash (desktop: shell.trashItem); defaults to the XDG trash. */
  trash?: TrashFn;
  /** Where saved versions of edited recordings are kept (the app's data folder, never the recordings folder). */
  historyDir?: string;
  /** Called after a folder is opened (the desktop shell updates its title and menu). */
  onFolderOpened?: (folder: string) => void;
}

type Handlers = { [M in HostMethod]: (args: HostArgs<M>) => Promise<HostResults[M]> };

export class HostService {
  readonly index: FolderIndex;
  private readonly handlers: Handlers;
  private readonly listeners = new Set<(event: HostEvent) => void>();
  readonly playback: PlaybackService;
  private readonly edits: EditService;
  private readonly git = new GitService();
  private readonly flaky: FlakyService;
  private readonly responses: ResponsesService;

  constructor(private readonly settings: Settings, private readonly hooks: HostHooks, index?: FolderIndex) {
    this.index = index ?? new FolderIndex({ cache: defaultIndexCache(settings.dataDir) });
    this.index.subscribe((event) => {
      // A recording that changed or vanished gets a fresh clock the next time it is replayed.
      if (event.type === 'rows') for (const row of event.rows) this.playback.reset(row.path);
      if (event.type === 'removed') for (const path of event.paths) this.playback.reset(path);
      if (event.type === 'folder') this.playback.dispose();
      this.emit(event);
    });
    this.flaky = new FlakyService(this.hooks.trash ?? xdgTrash());
    this.responses = new ResponsesService(this.index);
    this.edits = new EditService(this.hooks.historyDir ?? path.join(this.settings.dataDir, 'history'));
    this.playback = new PlaybackService((path) => this.playbackSource(path), (state) => this.emit({ type: 'playback', state }));
    this.handlers = {
      getAppInfo: async () => ({
        mode: this.hooks.mode, version: this.hooks.version, readOnly: this.hooks.readOnly === true,
        folder: this.index.state, recent: this.settings.recent,
      }),
      openFolder: async ({ path }) => {
        const chosen = path ?? (await this.hooks.chooseFolder?.()) ?? null;
        if (chosen === null) {
          if (!this.hooks.chooseFolder) throw new HostError('bad-request', 'Type the path of a folder to open.');
          return null;
        }
        return this.openFolder(chosen);
      },
      listRows: async () => this.index.snapshot(),
      readRecording: async ({ path }) => this.readRecording(path),
      saveRecording: async (args) => {
        if (this.hooks.readOnly) throw new HostError('forbidden', 'This inspector was started with --read-only: saving is disabled.');
        const { path: p, text, baseSha256, force, moveTo } = args;
        return this.edits.save(this.root(), { path: p, text, baseSha256, ...(force !== undefined ? { force } : {}), ...(moveTo !== undefined ? { moveTo } : {}) });
      },
      searchRecordings: async ({ query, limit, exact }) => {
        const started = performance.now();
        const outcome = await this.index.search(query, { limit: limit ?? 1000, ...(exact !== undefined ? { exact } : {}) });
        if (outcome.cancelled) throw new HostError('cancelled', 'A newer search replaced this one.');
        return {
          paths: outcome.paths, total: outcome.total, exact: outcome.exact, tookMs: Math.round((performance.now() - started) * 100) / 100,
          indexing: outcome.indexing, ...(outcome.note ? { note: outcome.note } : {}),
        };
      },
      testView: async ({ testId }) => this.flaky.testView(this.root(), this.index.snapshot().rows, testId),
      folderCleanup: async () => this.flaky.folderCleanup(this.root(), this.index.snapshot().rows),
      whyNotFound: async ({ text }) => this.flaky.why(this.root(), this.index.snapshot().rows, text),
      trashRecordings: async ({ paths }) => {
        if (this.hooks.readOnly) throw new HostError('forbidden', 'This inspector was started with --read-only: nothing can be moved to the trash.');
        return this.flaky.moveToTrash(this.root(), paths);
      },
      gitState: async () => (this.index.folder ? this.git.state(this.index.folder) : { available: false, changes: [] }),
      readHeadVersion: async ({ path: p }) => {
        resolveInside(this.root(), p);
        return { text: await this.git.headVersion(this.root(), p) };
      },
      listHistory: async ({ path: p }) => this.edits.history(this.root(), p),
      readHistory: async ({ path: p, id }) => ({ text: await this.edits.readVersion(this.root(), p, id) }),
      responseChain: async ({ path: p, version }) => this.responses.responseChain(p, version ?? 'HEAD'),
      controlPlayback: async (args) => {
        switch (args.action) {
          case 'get': return this.playback.get(args.path);
          case 'play': return this.playback.play(args.path);
          case 'pause': return this.playback.pause(args.path);
          case 'seek': return this.playback.seek(args.path, args.position);
          case 'speed': return this.playback.speed(args.path, args.rate, args.unit);
        }
      },
      clearRecent: async () => {
        const recent = await this.settings.clearRecent();
        this.emit({ type: 'recent', recent });
        return recent;
      },
    };
  }

  subscribe(listener: (event: HostEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Validate and run one call from a transport. Errors come back as HostError with a readable message. */
  async call(method: string, rawArgs: unknown): Promise<unknown> {
    const { method: m, args } = parseCall(method, rawArgs);
    const handler = this.handlers[m] as (a: unknown) => Promise<unknown>;
    try {
      return await handler(args);
    } catch (error) {
      if (error instanceof HostError) throw error;
      throw new HostError('io', (error as Error).message);
    }
  }

  async openFolder(folder: string): Promise<FolderState> {
    let state: FolderState;
    try {
      state = await this.index.open(folder);
    } catch (error) {
      throw new HostError('not-found', (error as Error).message);
    }
    const recent = await this.settings.addRecent(state.folder ?? folder);
    this.emit({ type: 'recent', recent });
    this.hooks.onFolderOpened?.(state.folder ?? folder);
    return state;
  }

  private root(): string {
    const root = this.index.folder;
    if (!root) throw new HostError('bad-request', 'No folder is open.');
    return root;
  }

  private async readRecording(relPath: string): Promise<RecordingFile> {
    const root = this.root();
    const absolute = await resolveExistingInside(root, relPath);
    const info = await stat(absolute);
    if (!info.isFile()) throw new HostError('bad-request', `"${relPath}" is not a file.`);
    if (info.size > MAX_VIEW_BYTES) {
      return {
        path: relPath, text: '', size: info.size, mtimeMs: info.mtimeMs,
        tooLarge: `This file is ${(info.size / 1048576).toFixed(1)} MB; the viewer opens files up to ${MAX_VIEW_BYTES / 1048576} MB. Its summary is in the table.`,
      };
    }
    const bytes = await readFile(absolute);
    return { path: relPath, text: new TextDecoder('utf-8').decode(bytes), size: info.size, mtimeMs: info.mtimeMs };
  }

  /** The replay clock needs only the number of steps and how much text each adds. */
  private async playbackSource(relPath: string): Promise<PlaybackSource> {
    const file = await this.readRecording(relPath);
    if (file.tooLarge) throw new HostError('bad-request', file.tooLarge);
    let value: unknown;
    try {
      value = JSON.parse(file.text);
    } catch {
      throw new HostError('bad-request', `"${relPath}" is not valid JSON, so it cannot be replayed.`);
    }
    const timeline = buildTimeline(value);
    return {
      tokenWeights: timeline.steps.map((step) => {
        let chars = 0;
        for (const delta of step.added) if (delta.field === 'content' || delta.field === 'reasoning' || delta.field === 'refusal' || delta.field === 'toolArgs') chars += delta.text.length;
        return chars / 4;
      }),
    };
  }

  private emit(event: HostEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // One broken transport does not affect the others.
      }
    }
  }

  close(): Promise<void> {
    this.playback.dispose();
    this.responses.dispose();
    return this.index.close();
  }
}

/** The index cache in the app's data folder, when the indexer is built (see indexerFingerprint). */
export function defaultIndexCache(dataDir: string): IndexCache | null {
  const fingerprint = indexerFingerprint(builtWorkerFile());
  return fingerprint ? new IndexCache(path.join(dataDir, 'index-cache'), fingerprint) : null;
}
