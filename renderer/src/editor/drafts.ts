/**
 * Open editor buffers, one per recording path, kept outside React so unsaved edits (and their undo
 * history) survive switching tabs or looking at another recording. Clean buffers are dropped after a
 * while; a buffer with unsaved edits is never dropped.
 */
import type { JsonValue } from '../../../shared/json/json-value';
import { tryParseJson } from '../../../shared/json/lossless-json';
import { testIdOf } from './analysis';
import type { ExpectedLocation } from './quick-fixes';
import { monaco, RECORDING_MODEL_SUFFIX } from './monaco-setup';

export interface Notice {
  kind: 'info' | 'error';
  text: string;
}

export interface Draft {
  path: string;
  model: monaco.editor.ITextModel;
  /** The disk text the edits started from: what `baseSha256` is computed from. */
  baseText: string;
  /** The same, as the editor holds it (Monaco normalises line ends). */
  baseEditorText: string;
  baseValue: JsonValue | null;
  /** The test_id the file's folder was chosen by: the one it was opened with, until the app moves it. */
  anchorTestId: string | null | undefined;
  viewState: monaco.editor.ICodeEditorViewState | null;
  /** UI that outlives a remount (e.g. after a move the editor reopens under the new path). */
  notice: Notice | null;
  afterSave: ExpectedLocation | null;
  lastUsed: number;
}

const drafts = new Map<string, Draft>();
const KEEP_CLEAN = 6;
let counter = 0;

export function isDirty(d: Draft): boolean {
  return d.model.getValue() !== d.baseEditorText;
}

export function parseOrNull(text: string): JsonValue | null {
  const r = tryParseJson(text);
  return r.ok ? r.value : null;
}

/** The buffer of `path`, created from the disk text when there is none. */
export function openDraft(path: string, diskText: string): Draft {
  let d = drafts.get(path);
  if (d === undefined || d.model.isDisposed()) {
    const uri = monaco.Uri.parse(`inmemory://recording-editor/${++counter}${RECORDING_MODEL_SUFFIX}`);
    const model = monaco.editor.createModel(diskText, 'json', uri);
    model.setEOL(monaco.editor.EndOfLineSequence.LF);
    d = {
      path,
      model,
      baseText: diskText,
      baseEditorText: model.getValue(),
      baseValue: parseOrNull(diskText),
      anchorTestId: undefined,
      viewState: null,
      notice: null,
      afterSave: null,
      lastUsed: 0,
    };
    d.anchorTestId = testIdOf(d.baseValue);
    drafts.set(path, d);
  }
  d.lastUsed = Date.now();
  return d;
}

/** After a save: the disk now holds `text`. */
export function rebase(d: Draft, text: string): void {
  d.baseText = text;
  d.baseEditorText = text.replace(/\r\n?/g, '\n');
  d.baseValue = parseOrNull(text);
}

/** The file was moved: the buffer follows it, and its folder is now the one its test_id names. */
export function moveDraft(d: Draft, newPath: string): void {
  d.anchorTestId = testIdOf(d.baseValue);
  if (drafts.get(d.path) === d) drafts.delete(d.path);
  const existing = drafts.get(newPath);
  if (existing && existing !== d) existing.model.dispose();
  d.path = newPath;
  drafts.set(newPath, d);
}

/** Called when an editor closes: keep a few clean buffers for their undo history, all dirty ones. */
export function releaseDrafts(): void {
  const clean = [...drafts.values()].filter((d) => !isDirty(d)).sort((a, b) => b.lastUsed - a.lastUsed);
  for (const d of clean.slice(KEEP_CLEAN)) {
    drafts.delete(d.path);
    d.model.dispose();
  }
}
