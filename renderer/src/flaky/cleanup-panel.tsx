/**
 * The cleanup list of a plan (one test, or the whole folder): grouped by action, checkboxes with
 * select-all per group, "move to trash" with a confirmation that says what goes, and the result.
 */
import { useEffect, useMemo, useState } from 'react';
import type { HostApi } from '../../../shared/host-api';
import type { CleanupItem, CleanupPlan } from '../../../shared/flaky/test-groups';
import { shortTestId } from '../table/format';
import { baseName } from './open-view';
import {
  ACTION_LABELS, defaultCleanupSelection, describeSelection, groupByAction, groupCheckState, pruneSelection, toggleGroup, toggleOne,
} from './selection';
import { Abbrev, ErrorBox, FileLink, MarkBadge, TriCheckbox, plural } from './ui';

const PAGE = 200;

export interface CleanupPanelProps {
  host: HostApi;
  plan: CleanupPlan;
  readOnly: boolean;
  scope: 'test' | 'folder';
  trashLabel: string;
  /** Called after files were moved to the trash (reload the plan). */
  onTrashed(): void;
}

type Result = { trashed: string[]; failed: Array<{ path: string; message: string }> };

export function CleanupPanel({ host, plan, readOnly, scope, trashLabel, onTrashed }: CleanupPanelProps) {
  const [selected, setSelected] = useState<Set<string>>(() => defaultCleanupSelection(plan));
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<Set<string>>(new Set());

  // a reloaded plan: keep the choices that still exist
  useEffect(() => setSelected((s) => pruneSelection(s, plan)), [plan]);

  const groups = useMemo(() => groupByAction(plan), [plan]);
  const chosen = useMemo(() => plan.items.filter((i) => selected.has(i.path)), [plan, selected]);

  const trash = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await host.invoke('trashRecordings', { paths: chosen.map((i) => i.path) });
      setResult(r);
      setConfirming(false);
      setSelected(new Set());
      onTrashed();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (plan.items.length === 0) {
    return (
      <section className="flaky-cleanup" aria-label={scope === 'test' ? 'Cleanup for this test' : 'Cleanup plan'}>
        {scope === 'test' && <h3>Cleanup</h3>}
        <p className="flaky-summary ok-note">{plan.summary.text}</p>
        {result && <TrashResult result={result} />}
      </section>
    );
  }

  return (
    <section className="flaky-cleanup" aria-label={scope === 'test' ? 'Cleanup for this test' : 'Cleanup plan'}>
      {scope === 'test' && <h3>Cleanup</h3>}
      <p className="flaky-summary" aria-label="What would go first"><strong>What would go first: </strong>{plan.summary.text}</p>
      {groups.map((g) => {
        const meta = ACTION_LABELS[g.action];
        const all = expanded.has(g.action);
        const shown = all ? g.items : g.items.slice(0, PAGE);
        return (
          <div key={g.action} className={`cleanup-group cleanup-${g.action}`} role="group" aria-label={`${meta.title} (${g.items.length})`}>
            <div className="cleanup-group-head">
              <label>
                <TriCheckbox state={groupCheckState(g.items, selected)} onChange={() => setSelected((s) => toggleGroup(g.items, s))} label={`Select all: ${meta.title}`} />
                <strong>{meta.title}</strong> <span className="flaky-count">{g.items.length}</span>
              </label>
              <span className="muted flaky-small">{meta.hint}</span>
            </div>
            <table className="flaky-table cleanup-table">
              <tbody>
                {shown.map((item) => <CleanupRow key={item.path} item={item} scope={scope} checked={selected.has(item.path)} onToggle={() => setSelected((s) => toggleOne(s, item.path))} />)}
              </tbody>
            </table>
            {!all && g.items.length > PAGE && (
              <button type="button" className="link-button" onClick={() => setExpanded((s) => new Set(s).add(g.action))}>Show all {g.items.length}</button>
            )}
          </div>
        );
      })}
      <div className="cleanup-footer">
        <span className="muted">{chosen.length === 0 ? 'Nothing selected' : `${plural(chosen.length, 'file')} selected`}</span>
        <button type="button" className="danger" disabled={readOnly || chosen.length === 0 || busy} onClick={() => { setResult(null); setConfirming(true); }}>
          {trashLabel}
        </button>
        {readOnly && <span className="readonly-note" role="note">Read-only mode (started with --read-only): nothing can be moved to the trash.</span>}
      </div>
      {confirming && (
        <div className="confirm-box" role="dialog" aria-label="Confirm move to trash" aria-modal="false">
          <p><strong>Move {plural(chosen.length, 'file')} to the trash?</strong> They can be restored from the operating system’s trash.</p>
          <p aria-label="Selection summary">{describeSelection(chosen)}</p>
          <p className="muted flaky-small">Plan: {plan.summary.text}</p>
          <ul className="confirm-list" aria-label="Files to move to the trash">
            {chosen.map((i) => <li key={i.path}><code title={i.path}>{i.path}</code> <MarkBadge mark={i.mark} /></li>)}
          </ul>
          {error && <ErrorBox>{error}</ErrorBox>}
          <div className="confirm-actions">
            <button type="button" className="danger primary" disabled={busy} onClick={() => void trash()}>
              {busy ? 'Moving…' : `Move ${plural(chosen.length, 'file')} to trash`}
            </button>
            <button type="button" onClick={() => setConfirming(false)} disabled={busy}>Cancel</button>
          </div>
        </div>
      )}
      {result && <TrashResult result={result} />}
    </section>
  );
}

function CleanupRow({ item, scope, checked, onToggle }: { item: CleanupItem; scope: 'test' | 'folder'; checked: boolean; onToggle(): void }) {
  return (
    <tr className={checked ? 'checked' : ''}>
      <td className="col-check"><input type="checkbox" aria-label={`Select ${baseName(item.path)}`} checked={checked} onChange={onToggle} /></td>
      <td className="col-mark"><MarkBadge mark={item.mark} /></td>
      <td className="col-file">
        <FileLink path={item.path} />
        {scope === 'folder' && <div className="muted flaky-small flaky-ellipsis" title={item.testId ?? 'no test id'}>{item.testId ? shortTestId(item.testId) : 'no test id'}</div>}
      </td>
      <td className="col-reason">
        <Abbrev text={item.reason} />
        {item.renameTo && (
          <div className="flaky-small">
            Rename to <code title={item.renameTo}>{baseName(item.renameTo)}</code> — <FileLink path={item.path} tab="edit" label="open in the editor (save with move)" />
          </div>
        )}
        {item.replacedBy && item.action !== 'rename' && (
          <div className="flaky-small muted">Served now by <FileLink path={item.replacedBy} label={`${baseName(item.replacedBy).slice(0, 12)}…`} /></div>
        )}
      </td>
    </tr>
  );
}

function TrashResult({ result }: { result: Result }) {
  return (
    <div className={`trash-result${result.failed.length ? ' has-failures' : ''}`} role="status" aria-label="Trash result">
      {result.trashed.length > 0 && <p>Moved {plural(result.trashed.length, 'file')} to the trash.</p>}
      {result.failed.length > 0 && (
        <>
          <p>{plural(result.failed.length, 'file')} could not be moved:</p>
          <ul>{result.failed.map((f) => <li key={f.path}><code>{f.path}</code>: {f.message}</li>)}</ul>
        </>
      )}
      {result.trashed.length === 0 && result.failed.length === 0 && <p>Nothing was moved.</p>}
    </div>
  );
}
