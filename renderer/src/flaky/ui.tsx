/** Small building blocks shared by the flaky views: badges, file links, difference tables. */
import { useEffect, useRef, type ReactNode } from 'react';
import type { DiffEntry } from '../../../shared/flaky/request-diff';
import type { GroupState, VariantMark } from '../../../shared/flaky/test-groups';
import type { HashStatusLike } from '../../../shared/flaky/request-features';
import { baseName, openRecording } from './open-view';

export const MARK_TEXT: Record<VariantMark, string> = {
  current: '✓ current',
  superseded: 'superseded',
  stale: 'stale',
  mismatch: 'mismatch',
  unverifiable: 'unverifiable',
};

const MARK_TITLE: Record<VariantMark, string> = {
  current: 'The recording replay finds for this request now',
  superseded: 'Current name, but an earlier recording of this request: the test no longer sends it',
  stale: 'The name matches only an older hash algorithm: replay never reads it',
  mismatch: 'The name matches no hash algorithm: replay never reads it',
  unverifiable: 'The name cannot be checked from the file',
};

export function MarkBadge({ mark }: { mark: VariantMark }) {
  return <span className={`mark mark-${mark}`} title={MARK_TITLE[mark]}>{MARK_TEXT[mark]}</span>;
}

const STATE_TEXT: Record<GroupState, string> = { ok: 'ok', 'pile-up': 'pile-up', ambiguous: 'ambiguous', 'no-current': 'no current recording' };
const STATE_TITLE: Record<GroupState, string> = {
  ok: 'One recording, the current one',
  'pile-up': 'Several recordings of this request: the current one and the leftovers of re-recording',
  ambiguous: 'Several current-named recordings and only weak evidence for which one the test sends now',
  'no-current': 'No recording of this request has a current name: replay will not find it',
};

export function StateBadge({ state }: { state: GroupState }) {
  return <span className={`group-state state-${state}`} title={STATE_TITLE[state]}>{STATE_TEXT[state]}</span>;
}

export function HashBadge({ hash }: { hash: HashStatusLike | null | undefined }) {
  if (!hash) return <span className="muted">—</span>;
  return (
    <span className={`hash hash-${hash.status}`} title={hash.explanation ?? (hash.algorithm ? `name matches ${hash.algorithm}` : hash.status)}>
      {hash.status}{hash.status === 'stale' && hash.algorithm ? ` · ${hash.algorithm}` : ''}
    </span>
  );
}

/** A file name that opens the recording; the full path in the tooltip. */
export function FileLink({ path, label, tab }: { path: string; label?: string; tab?: string }) {
  return (
    <a className="file-link" href={`#/${path.split('/').map(encodeURIComponent).join('/')}${tab ? `?tab=${tab}` : ''}`} title={path}
      onClick={(e) => { if (!e.ctrlKey && !e.metaKey && !e.shiftKey) { e.preventDefault(); openRecording(path, tab ?? null); } }}>
      {label ?? baseName(path)}
    </a>
  );
}

export function ErrorBox({ children }: { children: ReactNode }) {
  return <div role="alert" className="error-box flaky-error">{children}</div>;
}

const KIND_TEXT: Record<DiffEntry['kind'], string> = { added: 'added', removed: 'removed', changed: 'changed', type: 'type' };

/** Path | change | before | after, one row per difference. */
export function DiffTable({ entries, label, beforeLabel = 'Before', afterLabel = 'After', more = 0 }: {
  entries: readonly DiffEntry[]; label: string; beforeLabel?: string; afterLabel?: string; more?: number;
}) {
  return (
    <table className="flaky-table diff-table" aria-label={label}>
      <thead>
        <tr><th>Path</th><th>Change</th><th>{beforeLabel}</th><th>{afterLabel}</th></tr>
      </thead>
      <tbody>
        {entries.map((d, i) => (
          <tr key={`${d.path}#${i}`} className={`diff-${d.kind}`}>
            <td><code className="json-path">{d.path}</code></td>
            <td><span className={`diff-kind diff-kind-${d.kind}`}>{KIND_TEXT[d.kind]}</span>{d.note && <div className="muted flaky-small">{d.note}</div>}</td>
            <td><ValueCell value={d.before} /></td>
            <td><ValueCell value={d.after} /></td>
          </tr>
        ))}
        {more > 0 && <tr><td colSpan={4} className="muted">…and {more} more not listed.</td></tr>}
      </tbody>
    </table>
  );
}

export function ValueCell({ value }: { value: string | undefined }) {
  if (value === undefined) return <span className="muted">—</span>;
  return <code className="json-value">{value}</code>;
}

/** A checkbox that can show "some selected". */
export function TriCheckbox({ state, onChange, label }: { state: 'all' | 'some' | 'none'; onChange(): void; label: string }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = state === 'some';
  }, [state]);
  return <input ref={ref} type="checkbox" aria-label={label} checked={state === 'all'} onChange={onChange} />;
}

const LONG_HEX = /([0-9a-f]{64})/;

/** Text with 64-hex hashes shortened to their first 12 characters (full hash in the tooltip). */
export function Abbrev({ text }: { text: string }) {
  const parts = text.split(LONG_HEX);
  if (parts.length === 1) return <>{text}</>;
  return (
    <>
      {parts.map((part, i) => (i % 2 === 1 ? <span key={i} className="hash-abbr" title={part}>{part.slice(0, 12)}…</span> : part))}
    </>
  );
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
