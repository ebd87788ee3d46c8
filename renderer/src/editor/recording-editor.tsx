/**
 * The "Edit" tab: the open recording in Monaco (JSON, validated against the recording schema), the app's
 * own problems listed and jumpable, quick fixes with a preview, saving in the canonical format through the
 * host (with conflict handling and rename/move to the name the recorder will look for), undo/redo,
 * revert to disk, and the versions this app saved. Lazily imported: Monaco loads only when this tab opens.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { HistoryEntry, HostApi, RecordingFile } from '../../../shared/host-api';
import { sha256Hex } from '../../../shared/hash/sha256';
import { navigate } from '../state/route';
import { formatSize } from '../table/format';
import { analyse, type Analysis } from './analysis';
import { DiffView } from './diff-view';
import { isDirty, moveDraft, openDraft, rebase, releaseDrafts, type Draft, type Notice } from './drafts';
import { locateJsonPath } from './json-path';
import { monaco } from './monaco-setup';
import { applyTextFix, expectedLocation, type ExpectedLocation, type TextFix } from './quick-fixes';
import { minimalReplacement } from './text-edit';
import './editor.css';

type Dialog =
  | { kind: 'conflict'; disk: RecordingFile; moveTo?: string }
  | { kind: 'text-fix'; label: string; fixed: string }
  | { kind: 'move'; label: string; to: string }
  | { kind: 'version'; entry: HistoryEntry; text: string };

interface ListedProblem {
  key: string;
  severity: 'error' | 'warning' | 'info';
  source: string;
  message: string;
  where?: string;
  jump: () => void;
}

let appInfo: Promise<{ readOnly: boolean }> | null = null;
function readOnlyOf(host: HostApi): Promise<{ readOnly: boolean }> {
  appInfo ??= host.invoke('getAppInfo', {}).then((info) => ({ readOnly: info.readOnly }), () => ({ readOnly: false }));
  return appInfo;
}

const NUMBER_LITERAL = /^-?(?:NaN|Infinity)$/;
const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Replace the model's text with `text` as one undoable edit that touches only what differs. */
function replaceText(model: monaco.editor.ITextModel, text: string): void {
  const r = minimalReplacement(model.getValue(), text.replace(/\r\n?/g, '\n'));
  if (r === null) return;
  const range = monaco.Range.fromPositions(model.getPositionAt(r.start), model.getPositionAt(r.end));
  model.pushStackElement();
  model.pushEditOperations([], [{ range, text: r.text, forceMoveMarkers: true }], () => null);
  model.pushStackElement();
}

const dirOf = (p: string): string => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');
const nameOf = (p: string): string => p.slice(p.lastIndexOf('/') + 1);

function lookFor(loc: ExpectedLocation, path: string): string {
  return `${loc.repoDir ?? (dirOf(path) || '.')}/${loc.expectedName || nameOf(path)}`;
}

export default function RecordingEditor({ host, file }: { host: HostApi; file: RecordingFile }) {
  // one buffer per path; later disk changes arrive through the effect on `file` below
  const draft = useMemo(() => openDraft(file.path, file.text), [file.path]); // eslint-disable-line react-hooks/exhaustive-deps
  const draftRef = useRef<Draft>(draft);
  draftRef.current = draft;
  const fileRef = useRef(file);
  fileRef.current = file;

  const container = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const [analysis, setAnalysis] = useState<Analysis>(() => analyse(draft.path, draft.model.getValue(), draft.baseValue, draft.anchorTestId));
  const [dirty, setDirty] = useState(() => isDirty(draft));
  const [undoState, setUndoState] = useState({ undo: draft.model.canUndo(), redo: draft.model.canRedo() });
  const [markers, setMarkers] = useState<monaco.editor.IMarker[]>([]);
  const [notice, setNoticeState] = useState<Notice | null>(draft.notice);
  const [afterSave, setAfterSaveState] = useState<ExpectedLocation | null>(draft.afterSave);
  const [diskChanged, setDiskChanged] = useState<RecordingFile | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [alsoRename, setAlsoRename] = useState(false);
  const [readOnly, setReadOnly] = useState(false);
  const [busy, setBusy] = useState(false);
  const savingRef = useRef(false);
  const [showHistory, setShowHistory] = useState(false);
  const [history, setHistory] = useState<HistoryEntry[] | null>(null);

  const setNotice = useCallback((n: Notice | null) => {
    draftRef.current.notice = n;
    setNoticeState(n);
  }, []);
  const setAfterSave = useCallback((loc: ExpectedLocation | null) => {
    draftRef.current.afterSave = loc;
    setAfterSaveState(loc);
  }, []);

  /** After the base changed (save, reload): what "changed since loaded" means changed too. */
  const reanalyseNow = useCallback(() => {
    const d = draftRef.current;
    const text = d.model.getValue();
    setDirty(text !== d.baseEditorText);
    setAnalysis(analyse(d.path, text, d.baseValue, d.anchorTestId));
  }, []);

  useEffect(() => {
    let live = true;
    void readOnlyOf(host).then((info) => { if (live) setReadOnly(info.readOnly); });
    return () => { live = false; };
  }, [host]);

  const refreshHistory = useCallback(() => {
    const path = draftRef.current.path;
    host.invoke('listHistory', { path }).then(
      (entries) => { if (draftRef.current.path === path) setHistory(entries); },
      () => setHistory([]),
    );
  }, [host]);
  useEffect(() => { refreshHistory(); }, [refreshHistory, draft]);

  // ---- the editor itself
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const d = draft;
    const editor = monaco.editor.create(element, {
      model: d.model,
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fontSize: 12,
      tabSize: 2,
      insertSpaces: true,
      wordWrap: 'off',
      folding: true,
      stickyScroll: { enabled: true },
      renderValidationDecorations: 'on',
      ariaLabel: 'Recording JSON text',
      // the JSON service's completions are about the schema; typing inside strings should stay quiet
      quickSuggestions: { other: false, comments: false, strings: false },
      fixedOverflowWidgets: true,
    });
    editorRef.current = editor;
    if (d.viewState) editor.restoreViewState(d.viewState);

    let timer: ReturnType<typeof setTimeout> | undefined;
    const reanalyse = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const current = draftRef.current;
        if (current.model.isDisposed()) return;
        const text = current.model.getValue();
        setDirty(text !== current.baseEditorText);
        setAnalysis(analyse(current.path, text, current.baseValue, current.anchorTestId));
      }, d.model.getValueLength() > 200_000 ? 600 : 250); // a 1 MB recording takes ~100 ms to check
    };
    const changes = d.model.onDidChangeContent(() => {
      setDirty(true);
      // an info message ("Saved …") is about the text before this edit
      if (d.notice?.kind === 'info') {
        d.notice = null;
        setNoticeState(null);
      }
      setUndoState({ undo: d.model.canUndo(), redo: d.model.canRedo() });
      reanalyse();
    });
    const readMarkers = () => setMarkers(monaco.editor.getModelMarkers({ resource: d.model.uri }));
    const markerEvents = monaco.editor.onDidChangeMarkers((uris) => {
      if (uris.some((u) => u.toString() === d.model.uri.toString())) readMarkers();
    });
    readMarkers();
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => saveRef.current());
    reanalyse();
    return () => {
      clearTimeout(timer);
      d.viewState = editor.saveViewState();
      changes.dispose();
      markerEvents.dispose();
      editor.dispose();
      editorRef.current = null;
      releaseDrafts();
    };
  }, [draft]);

  // ---- the file on disk changed (the watcher reloaded it) or the editor opened on a kept buffer
  useEffect(() => {
    const d = draftRef.current;
    if (file.path !== d.path || file.tooLarge) return;
    if (file.text === d.baseText) {
      setDiskChanged(null);
      return;
    }
    if (!isDirty(d)) {
      replaceText(d.model, file.text);
      rebase(d, file.text);
      setDiskChanged(null);
      reanalyseNow();
      setNotice({ kind: 'info', text: 'Reloaded: the file changed on disk.' });
    } else {
      setDiskChanged(file);
    }
  }, [file, setNotice, reanalyseNow]);

  const focusEditor = () => editorRef.current?.focus();

  // ---- saving
  const save = useCallback(async (options: { moveTo?: string; force?: boolean } = {}) => {
    const d = draftRef.current;
    if (readOnly || savingRef.current) return;
    const text = d.model.getValue();
    let moveTo = options.moveTo;
    if (moveTo === undefined && alsoRename) {
      const fresh = analyse(d.path, text, d.baseValue, d.anchorTestId);
      moveTo = fresh.location?.target ?? undefined;
    }
    savingRef.current = true;
    setBusy(true);
    try {
      const result = await host.invoke('saveRecording', {
        path: d.path,
        text,
        baseSha256: sha256Hex(d.baseText),
        ...(options.force ? { force: true } : {}),
        ...(moveTo !== undefined && moveTo !== d.path ? { moveTo } : {}),
      });
      if (result.status === 'invalid') {
        setNotice({ kind: 'error', text: result.message });
        return;
      }
      if (result.status === 'conflict') {
        setDiskChanged(result.disk);
        setDialog({ kind: 'conflict', disk: result.disk, ...(moveTo !== undefined ? { moveTo } : {}) });
        return;
      }
      const saved = result.file;
      // the host wrote the canonical form: the editor shows exactly what is on disk
      replaceText(d.model, saved.text);
      rebase(d, saved.text);
      reanalyseNow();
      setDiskChanged(null);
      setDialog(null);
      setAlsoRename(false);
      if (result.movedFrom !== undefined) moveDraft(d, saved.path);
      const loc = d.baseValue === null ? null : expectedLocation(saved.path, d.baseValue, d.anchorTestId);
      setAfterSave(loc !== null && loc.target !== null ? loc : null);
      if (result.movedFrom !== undefined) {
        setNotice({ kind: 'info', text: `Saved as ${saved.path} (moved from ${result.movedFrom}).` });
        navigate({ path: saved.path });
      } else {
        setNotice({ kind: 'info', text: `Saved ${nameOf(saved.path)} (${formatSize(saved.size)}).` });
        refreshHistory();
      }
    } catch (error) {
      setNotice({ kind: 'error', text: `Not saved: ${(error as Error).message}` });
    } finally {
      savingRef.current = false;
      setBusy(false);
    }
  }, [alsoRename, host, readOnly, reanalyseNow, refreshHistory, setAfterSave, setNotice]);
  const saveRef = useRef(save);
  saveRef.current = save;

  const reloadFromDisk = (disk: RecordingFile) => {
    const d = draftRef.current;
    replaceText(d.model, disk.text);
    rebase(d, disk.text);
    reanalyseNow();
    setDiskChanged(null);
    setDialog(null);
    setNotice({ kind: 'info', text: 'Reloaded from disk. Undo brings your edits back.' });
    focusEditor();
  };

  const revertToDisk = () => {
    const latest = diskChanged ?? fileRef.current;
    reloadFromDisk(latest.path === draftRef.current.path ? latest : fileRef.current);
  };

  const applyFix = (fixed: string, what: string) => {
    replaceText(draftRef.current.model, fixed);
    setDialog(null);
    setNotice({ kind: 'info', text: `${what}: applied in the editor (not saved yet; Undo reverts it).` });
    focusEditor();
  };

  const previewTextFix = (fix: TextFix, label: string) => {
    const fixed = applyTextFix(draftRef.current.model.getValue(), fix);
    if (fixed === null) setNotice({ kind: 'info', text: `${label}: nothing to change.` });
    else setDialog({ kind: 'text-fix', label, fixed });
  };

  const showVersion = (entry: HistoryEntry) => {
    host.invoke('readHistory', { path: draftRef.current.path, id: entry.id }).then(
      ({ text }) => setDialog({ kind: 'version', entry, text }),
      (error: Error) => setNotice({ kind: 'error', text: error.message }),
    );
  };
  const restoreVersion = (entry: HistoryEntry, text?: string) => {
    const apply = (t: string) => {
      replaceText(draftRef.current.model, t);
      setDialog(null);
      setNotice({ kind: 'info', text: `Restored the version of ${new Date(entry.savedAt).toLocaleString()} into the editor (not saved yet).` });
      focusEditor();
    };
    if (text !== undefined) apply(text);
    else host.invoke('readHistory', { path: draftRef.current.path, id: entry.id }).then(({ text: t }) => apply(t), (error: Error) => setNotice({ kind: 'error', text: error.message }));
  };

  // ---- jumping to a problem
  const reveal = useCallback((start: number, end?: number) => {
    const editor = editorRef.current;
    const model = draftRef.current.model;
    if (!editor) return;
    const from = model.getPositionAt(start);
    const to = end !== undefined && end - start <= 2000 ? model.getPositionAt(end) : from;
    editor.setSelection(monaco.Selection.fromPositions(from, to));
    editor.revealPositionInCenter(from);
    editor.focus();
  }, []);

  const problems = useMemo<ListedProblem[]>(() => {
    const out: ListedProblem[] = [];
    const model = draft.model;
    if (analysis.parseError) {
      const e = analysis.parseError;
      out.push({
        key: 'parse', severity: 'error', source: 'JSON', message: `${e.message} (saving is refused until this is fixed)`, where: `line ${e.line}, column ${e.column}`,
        jump: () => reveal(e.offset),
      });
    }
    for (const [i, m] of markers.entries()) {
      if (model.isDisposed()) break;
      const range = new monaco.Range(m.startLineNumber, m.startColumn, m.endLineNumber, m.endColumn);
      if (NUMBER_LITERAL.test(model.getValueInRange(range))) continue; // Python writes NaN/Infinity; they are valid here
      if (analysis.parseError && m.severity === monaco.MarkerSeverity.Error && m.startLineNumber === analysis.parseError.line) continue;
      const severity = m.severity === monaco.MarkerSeverity.Error ? 'error' : m.severity === monaco.MarkerSeverity.Warning ? 'warning' : 'info';
      out.push({
        key: `m${i}`, severity, source: m.severity === monaco.MarkerSeverity.Error ? 'JSON' : 'Schema', message: m.message, where: `line ${m.startLineNumber}`,
        jump: () => reveal(model.getOffsetAt({ lineNumber: m.startLineNumber, column: m.startColumn }), model.getOffsetAt({ lineNumber: m.endLineNumber, column: m.endColumn })),
      });
    }
    for (const [i, p] of analysis.problems.entries()) {
      const path = p.path ?? (p.code.startsWith('hash-') || p.code.startsWith('model-digest') ? '$.request' : '$');
      out.push({
        key: `p${i}`, severity: p.severity, source: p.code, message: p.message, ...(p.path ? { where: p.path } : {}),
        jump: () => {
          const loc = locateJsonPath(model.getValue(), path);
          if (loc) reveal(loc.keyStart ?? loc.start, loc.keyStart !== undefined ? undefined : loc.end);
        },
      });
    }
    return out.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  }, [analysis, markers, draft, reveal]);

  // ---- what the recorder will look for
  const loc = analysis.location;
  const offerRename = loc !== null && loc.target !== null && analysis.requestChanged;
  useEffect(() => { if (!offerRename) setAlsoRename(false); }, [offerRename]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented) return;
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's') {
      event.preventDefault();
      void save();
    }
  };

  const saveDisabled = readOnly || busy || (!dirty && !alsoRename);
  const moveFixes: Array<{ label: string; to: string; title: string }> = [];
  const showAfterSave = afterSave !== null && afterSave.target !== null && !dirty;
  if (loc && !showAfterSave) {
    if (loc.renameTo) moveFixes.push({ label: 'Rename to the expected name', to: loc.renameTo, title: `Rename to ${nameOf(loc.renameTo)}` });
    if (loc.moveTo) moveFixes.push({ label: 'Move to the folder implied by test_id', to: loc.moveTo, title: `Move to ${dirOf(loc.moveTo) || 'the top folder'}/` });
    if (loc.renameTo && loc.moveTo && loc.target) moveFixes.push({ label: 'Rename and move to where the recorder looks', to: loc.target, title: loc.target });
  }

  return (
    <section className="ri-recording-editor" aria-label="Edit recording" onKeyDown={onKeyDown}>
      <div className="ri-editor-toolbar" role="toolbar" aria-label="Editor actions">
        <button type="button" className="ri-primary" onClick={() => void save()} disabled={saveDisabled} aria-keyshortcuts="Control+S Meta+S"
          title={readOnly ? 'Saving is disabled in --read-only mode' : 'Save (Ctrl/Cmd+S) in the canonical format'}>
          {busy ? 'Saving…' : 'Save'}
        </button>
        <span className="ri-sep" />
        <button type="button" onClick={() => { editorRef.current?.trigger('toolbar', 'undo', null); focusEditor(); }} disabled={!undoState.undo}>Undo</button>
        <button type="button" onClick={() => { editorRef.current?.trigger('toolbar', 'redo', null); focusEditor(); }} disabled={!undoState.redo}>Redo</button>
        <button type="button" onClick={revertToDisk} disabled={!dirty && !diskChanged}>Revert to disk</button>
        <button type="button" aria-expanded={showHistory} onClick={() => { setShowHistory((s) => !s); refreshHistory(); }}>
          History{history && history.length > 0 ? ` (${history.length})` : ''}
        </button>
        <span className={`ri-dirty-state ${dirty ? 'ri-is-dirty' : ''}`} role="status">{dirty ? 'Unsaved changes' : 'No unsaved changes'}</span>
      </div>

      {offerRename && loc?.target && (
        <div className="ri-editor-banner ri-rename-offer">
          <label className="ri-also-rename">
            <input type="checkbox" checked={alsoRename} disabled={readOnly} onChange={(e) => setAlsoRename(e.target.checked)} />
            Also rename to the expected name
          </label>
          <span>
            The edit changed what the file name is made of: the recorder will now look for <code>{lookFor(loc, draft.path)}</code>.
            Ticked, Save writes <code>{loc.target}</code> and removes this file.
          </span>
        </div>
      )}
      {readOnly && (
        <p className="ri-editor-banner ri-readonly" role="note">
          Saving is disabled: this inspector was started with <code>--read-only</code>. You can still edit here, compare and copy.
        </p>
      )}
      {notice && (
        <p className={`ri-editor-banner ri-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          <span>{notice.text}</span>
          <button type="button" className="ri-dismiss" aria-label="Dismiss message" onClick={() => setNotice(null)}>×</button>
        </p>
      )}
      {diskChanged && !dialog && (
        <div className="ri-editor-banner ri-conflict" role="alert" aria-label="Changed on disk">
          <span>This file changed on disk since you loaded it, and you have unsaved edits. Saving will not overwrite it without asking.</span>
          <button type="button" onClick={() => setDialog({ kind: 'conflict', disk: diskChanged })}>Compare…</button>
          <button type="button" onClick={() => reloadFromDisk(diskChanged)}>Reload from disk</button>
        </div>
      )}
      {showAfterSave && afterSave?.target && (
        <div className="ri-editor-banner ri-rename" role="status" aria-label="Expected name">
          <span>The recorder will now look for <code>{lookFor(afterSave, draft.path)}</code>; this file is <code>{draft.path}</code>.</span>
          <button type="button" disabled={readOnly || busy} onClick={() => void save({ moveTo: afterSave.target! })}>Rename/move in this save</button>
          <button type="button" className="ri-dismiss" aria-label="Dismiss rename offer" onClick={() => setAfterSave(null)}>×</button>
        </div>
      )}
      {(moveFixes.length > 0 || analysis.textFixes.length > 0) && (
        <div className="ri-quick-fixes" role="group" aria-label="Quick fixes">
          <span className="muted">Quick fixes:</span>
          {moveFixes.map((f) => (
            <button key={f.label} type="button" title={f.title} disabled={readOnly} onClick={() => setDialog({ kind: 'move', label: f.label, to: f.to })}>{f.label}</button>
          ))}
          {analysis.textFixes.map((f) => (
            <button key={f.label} type="button" onClick={() => previewTextFix(f.fix, f.label)}>{f.label}</button>
          ))}
        </div>
      )}
      {loc && !afterSave && loc.target && !offerRename && (
        <p className="ri-editor-hint muted">
          The recorder looks for <code>{lookFor(loc, draft.path)}</code>, not this file.
        </p>
      )}

      <div className="ri-editor-main">
        <div className="ri-editor-column">
          <div ref={container} className="ri-monaco-host" role="region" aria-label="Recording editor" />
          <ProblemList problems={problems} />
        </div>
        {showHistory && (
          <section className="ri-history-panel" aria-label="History">
            <h3>Saved versions</h3>
            <p className="muted ri-small">Every save by this app keeps the previous and the new version.</p>
            {history === null ? <p className="muted">Loading…</p> : history.length === 0 ? <p className="muted">This app has not saved this file yet.</p> : (
              <ul aria-label="Saved versions">
                {history.map((entry) => (
                  <li key={entry.id} aria-label={`${entry.note}, ${new Date(entry.savedAt).toLocaleString()}`}>
                    <div><time dateTime={new Date(entry.savedAt).toISOString()}>{new Date(entry.savedAt).toLocaleString()}</time></div>
                    <div className="muted ri-small">{entry.note} · {formatSize(entry.size)}</div>
                    <div className="ri-row-buttons">
                      <button type="button" onClick={() => showVersion(entry)}>Show</button>
                      <button type="button" onClick={() => restoreVersion(entry)}>Restore into editor</button>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>
        )}
      </div>

      {dialog?.kind === 'conflict' && (
        <Modal label="File changed on disk" onClose={() => setDialog(null)}>
          <p>
            <strong>{draft.path}</strong> changed on disk after you loaded it. Nothing was written. Left: what is on disk now; right: your text.
          </p>
          <DiffView original={dialog.disk.text} modified={draft.model.getValue()} originalLabel="On disk" modifiedLabel="Your edits" />
          <div className="ri-dialog-buttons">
            <button type="button" onClick={() => reloadFromDisk(dialog.disk)}>Reload from disk</button>
            <button type="button" className="ri-danger" disabled={readOnly || busy}
              onClick={() => void save({ force: true, ...(dialog.moveTo !== undefined ? { moveTo: dialog.moveTo } : {}) })}>
              Overwrite
            </button>
            <button type="button" onClick={() => { setDialog(null); focusEditor(); }}>Keep editing</button>
          </div>
        </Modal>
      )}
      {dialog?.kind === 'text-fix' && (
        <Modal label={`Preview: ${dialog.label}`} onClose={() => setDialog(null)}>
          <p>{dialog.label}. Left: the editor now; right: after the fix. Applying changes the editor only; save to write it.</p>
          <DiffView original={draft.model.getValue()} modified={dialog.fixed} originalLabel="Now" modifiedLabel="After the fix" />
          <div className="ri-dialog-buttons">
            <button type="button" className="ri-primary" onClick={() => applyFix(dialog.fixed, dialog.label)}>Apply</button>
            <button type="button" onClick={() => setDialog(null)}>Cancel</button>
          </div>
        </Modal>
      )}
      {dialog?.kind === 'move' && (
        <Modal label={`Preview: ${dialog.label}`} onClose={() => setDialog(null)}>
          <dl className="kv">
            <dt>From</dt><dd><code>{draft.path}</code></dd>
            <dt>To</dt><dd><code>{dialog.to}</code></dd>
          </dl>
          <p className="muted">
            The file is saved under the new path and the old file is removed; if the new path already exists, nothing is written.
            {dirty ? ' Your unsaved edits are saved with it.' : ''}
          </p>
          <div className="ri-dialog-buttons">
            <button type="button" className="ri-primary" disabled={readOnly || busy} onClick={() => void save({ moveTo: dialog.to })}>Apply</button>
            <button type="button" onClick={() => setDialog(null)}>Cancel</button>
          </div>
        </Modal>
      )}
      {dialog?.kind === 'version' && (
        <Modal label="Saved version" onClose={() => setDialog(null)}>
          <p>{dialog.entry.note}, {new Date(dialog.entry.savedAt).toLocaleString()}. Left: that version; right: the editor now.</p>
          <DiffView original={dialog.text} modified={draft.model.getValue()} originalLabel="Saved version" modifiedLabel="Editor now" />
          <div className="ri-dialog-buttons">
            <button type="button" className="ri-primary" onClick={() => restoreVersion(dialog.entry, dialog.text)}>Restore into editor</button>
            <button type="button" onClick={() => setDialog(null)}>Close</button>
          </div>
        </Modal>
      )}
    </section>
  );
}

function ProblemList({ problems }: { problems: ListedProblem[] }) {
  const shown = problems.slice(0, 300);
  return (
    <div className="ri-editor-problems">
      <div className="ri-editor-problems-title">
        Problems <span className="muted">({problems.length === 0 ? 'none' : problems.length})</span>
      </div>
      <ul aria-label="Editor problems">
        {shown.map((p) => (
          <li key={p.key} className={`problem problem-${p.severity}`}>
            <button type="button" className="ri-problem-jump" onClick={p.jump} title="Show in the editor">
              <strong>{p.severity}</strong> <code>{p.source}</code> {p.message}
              {p.where && <span className="muted"> — {p.where}</span>}
            </button>
          </li>
        ))}
      </ul>
      {problems.length > shown.length && <p className="muted ri-small">{problems.length - shown.length} more not shown.</p>}
    </div>
  );
}

function Modal({ label, onClose, children }: { label: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>('.dialog-buttons button:not([disabled])')?.focus();
  }, []);
  return (
    <div className="ri-editor-dialog-backdrop">
      <div ref={ref} className="ri-editor-dialog" role="dialog" aria-modal="true" aria-label={label}
        onKeyDown={(e) => { if (e.key === 'Escape') { e.stopPropagation(); onClose(); } }}>
        <h3>{label}</h3>
        {children}
      </div>
    </div>
  );
}
