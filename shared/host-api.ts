/**
 * The one contract between the renderer and a host (Electron main process or the `serve` HTTP host).
 * Every request the renderer can make is listed in HOST_METHODS with a zod schema for its argument,
 * so both transports validate the same way; results are typed by HostResults.
 */
import { z } from 'zod';
import type { Problem, RecordingKind } from './recording-model';
import type { CleanupPlan, TestGroups } from './flaky/test-groups';
import type { WhyReport } from './flaky/why-not-found';
import type { ResponseChainResult } from './response-chain-view';

export interface HashInfo {
  status: 'current' | 'stale' | 'mismatch' | 'unverifiable';
  expectedName: string;
  /** Profile whose name matches the file (for current/stale). */
  algorithm?: string;
  explanation: string;
}

/** One row of the recordings table: a summary, never the whole file. */
export interface RecordingRow {
  /** Path relative to the opened folder, `/`-separated. Identifies the row. */
  path: string;
  suite: string;
  name: string;
  testId: string | null;
  kind: RecordingKind;
  endpoint: string;
  model: string;
  streaming: boolean;
  chunks: number | null;
  size: number;
  mtimeMs: number;
  hash: HashInfo | null;
  problems: Problem[];
  /** Free text for the filter box (lower-cased path, test id, model, endpoint). */
  search: string;
}

export interface IndexProgress {
  /** Candidate files found so far (every *.json). */
  total: number;
  indexed: number;
  done: boolean;
  /** Set when the walk itself failed (folder vanished, no permission). */
  error?: string;
}

export interface FolderState {
  folder: string | null;
  progress: IndexProgress;
  /** Incremented on every (re)open, so stale events from an older folder can be dropped. */
  generation: number;
}

export interface AppInfo {
  mode: 'desktop' | 'browser';
  version: string;
  readOnly: boolean;
  folder: FolderState;
  recent: string[];
}

export interface RecordingFile {
  path: string;
  text: string;
  size: number;
  mtimeMs: number;
  /** When the file is too large to show whole, text is empty and this says why. */
  tooLarge?: string;
}

export type PlaybackUnit = 'chunks' | 'tokens';

/** The host-owned replay clock of one recording. position -1 = before the first chunk. */
export interface PlaybackState {
  path: string;
  playing: boolean;
  position: number;
  steps: number;
  rate: number;
  unit: PlaybackUnit;
  /** Increases with every change, so late events can be told from fresh ones. */
  revision: number;
}

export type SaveResult =
  | { status: 'saved'; file: RecordingFile; movedFrom?: string }
  /** The file on disk is not the one the editor started from; nothing was written. */
  | { status: 'conflict'; disk: RecordingFile }
  /** The text is not valid JSON; nothing was written. */
  | { status: 'invalid'; message: string };

export interface HistoryEntry {
  id: string;
  savedAt: number;
  size: number;
  note: string;
}

/** Result of searchRecordings: files whose contents hold the query (see electron/services/search-index.ts). */
export interface SearchResult {
  /** Matching files (relative paths), at most `limit` of them, in index order. */
  paths: string[];
  /** How many files match in all (may exceed paths.length). */
  total: number;
  /**
   * True when every listed file holds the query text (words matched from their start, the last one as a
   * prefix). False when the files merely contain all the words: the phrase was not checked in that many
   * files; ask again with `exact: true` to check it.
   */
  exact: boolean;
  /** Time the host spent on the query. */
  tookMs: number;
  /** The folder is still being indexed: files not read yet are not searched. */
  indexing: boolean;
  /** A sentence for the person when the result needs one (approximate, every file read, too short…). */
  note?: string;
}

export interface GitChange {
  /** Relative to the opened folder. */
  path: string;
  status: 'added' | 'modified' | 'deleted' | 'renamed';
  from?: string;
}

export interface GitState {
  /** False when git is missing or the folder is not inside a work tree: git features are hidden. */
  available: boolean;
  root?: string;
  head?: string | null;
  changes: GitChange[];
}

export interface RowsPage {
  generation: number;
  rows: RecordingRow[];
  progress: IndexProgress;
}

const relPath = z.string().min(1).max(4096);

/** Argument schemas; the keys are the method names. */
export const HOST_METHODS = {
  getAppInfo: z.object({}),
  /** Open a folder; without `path` the desktop host asks with a native dialog. */
  openFolder: z.object({ path: z.string().min(1).max(4096).optional() }),
  listRows: z.object({ generation: z.number().int() }),
  readRecording: z.object({ path: relPath }),
  clearRecent: z.object({}),
  /** Save edited text (canonical format, atomic); optionally move it to the name the recorder expects. */
  saveRecording: z.object({
    path: relPath,
    text: z.string().max(256 * 1024 * 1024),
    baseSha256: z.string().regex(/^[0-9a-f]{64}$/),
    force: z.boolean().optional(),
    moveTo: relPath.optional(),
  }),
  /** Full-text search over the contents of every file of the open folder; `exact` checks the phrase in every candidate. */
  searchRecordings: z.object({ query: z.string().max(1000), limit: z.number().int().min(0).max(1_000_000).optional(), exact: z.boolean().optional() }),
  listHistory: z.object({ path: relPath }),
  readHistory: z.object({ path: relPath, id: z.string().min(1).max(200) }),
  gitState: z.object({}),
  /** One test's recordings grouped into its logical requests, with the cleanup plan for them. */
  testView: z.object({ testId: z.string().max(4096).nullable() }),
  /** Stale and superseded recordings of the whole folder. */
  folderCleanup: z.object({}),
  /** Nearest recordings for a pasted replay failure or request body. */
  whyNotFound: z.object({ text: z.string().min(1).max(64 * 1024 * 1024) }),
  /** Move recordings to the operating system's trash (recoverable). */
  trashRecordings: z.object({ paths: z.array(relPath).min(1).max(10_000) }),
  /** The recording as committed in git HEAD (text null when HEAD has no such file). */
  readHeadVersion: z.object({ path: relPath }),
  /** The Responses turn chain a recording belongs to and the events the server would have sent (HEAD by default). */
  responseChain: z.object({ path: relPath, version: z.enum(['HEAD', 'V2510']).optional() }),
  /** Drive the host's replay clock of a recording; 'get' only reads it. */
  controlPlayback: z.discriminatedUnion('action', [
    z.object({ path: relPath, action: z.literal('get') }),
    z.object({ path: relPath, action: z.literal('play') }),
    z.object({ path: relPath, action: z.literal('pause') }),
    z.object({ path: relPath, action: z.literal('seek'), position: z.number().int().min(-1).max(10_000_000) }),
    z.object({ path: relPath, action: z.literal('speed'), rate: z.number().positive().max(10_000), unit: z.enum(['chunks', 'tokens']) }),
  ]),
} as const;

export type HostMethod = keyof typeof HOST_METHODS;
export type HostArgs<M extends HostMethod> = z.infer<(typeof HOST_METHODS)[M]>;

export interface HostResults {
  getAppInfo: AppInfo;
  openFolder: FolderState | null;
  listRows: RowsPage;
  readRecording: RecordingFile;
  clearRecent: string[];
  controlPlayback: PlaybackState;
  gitState: GitState;
  testView: { groups: TestGroups; cleanup: CleanupPlan };
  folderCleanup: CleanupPlan;
  whyNotFound: WhyReport;
  trashRecordings: { trashed: string[]; failed: Array<{ path: string; message: string }> };
  readHeadVersion: { text: string | null };
  saveRecording: SaveResult;
  searchRecordings: SearchResult;
  listHistory: HistoryEntry[];
  readHistory: { text: string };
  responseChain: ResponseChainResult;
}

/** Pushed from host to renderer. */
export type HostEvent =
  | { type: 'folder'; state: FolderState }
  | { type: 'progress'; generation: number; progress: IndexProgress }
  | { type: 'rows'; generation: number; rows: RecordingRow[] }
  | { type: 'removed'; generation: number; paths: string[] }
  | { type: 'recent'; recent: string[] }
  | { type: 'playback'; state: PlaybackState };

/** What the renderer sees: `window.recordingInspector` in the desktop app, an HTTP client in the browser. */
export interface HostApi {
  invoke<M extends HostMethod>(method: M, args: HostArgs<M>): Promise<HostResults[M]>;
  subscribe(listener: (event: HostEvent) => void): () => void;
  /** Desktop only: the filesystem path of a dropped file or folder. */
  pathForFile?(file: unknown): string | null;
}

/** A failure crossing the boundary, with a message meant for a person. */
export interface HostErrorPayload {
  code: 'bad-request' | 'not-found' | 'forbidden' | 'io' | 'internal' | 'cancelled';
  message: string;
}

export class HostError extends Error {
  constructor(readonly code: HostErrorPayload['code'], message: string) {
    super(message);
    this.name = 'HostError';
  }
}

export function isHostMethod(name: string): name is HostMethod {
  return Object.prototype.hasOwnProperty.call(HOST_METHODS, name);
}

/** Validate a method call arriving over a transport; throws HostError('bad-request') when invalid. */
export function parseCall(method: string, args: unknown): { method: HostMethod; args: unknown } {
  if (!isHostMethod(method)) throw new HostError('bad-request', `Unknown method "${method}".`);
  const parsed = HOST_METHODS[method].safeParse(args ?? {});
  if (!parsed.success) {
    throw new HostError('bad-request', `Invalid arguments for ${method}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'args'} ${i.message}`).join('; ')}`);
  }
  return { method, args: parsed.data };
}

export { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from './ipc-channels';
