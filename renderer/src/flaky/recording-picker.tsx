/** Choose a recording from the index (for the second side of a diff): same test first, then by path. */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { RecordingRow } from '../../../shared/host-api';
import { shortTestId } from '../table/format';
import { pickCandidates } from './selection';

export interface RecordingPickerProps {
  rows: readonly RecordingRow[];
  /** The recording being compared (left out of the list). */
  exclude: string | null;
  testId: string | null;
  onPick(path: string): void;
  onCancel?(): void;
  label?: string;
}

export function RecordingPicker({ rows, exclude, testId, onPick, onCancel, label = 'Find a recording to compare with' }: RecordingPickerProps) {
  const [query, setQuery] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const hits = useMemo(() => pickCandidates(rows, exclude, testId, query), [rows, exclude, testId, query]);
  return (
    <div className="flaky-picker" role="group" aria-label="Pick a recording">
      <div className="flaky-picker-bar">
        <input ref={input} type="search" aria-label={label} placeholder="Filter by path, test id, model, endpoint…" value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') onCancel?.();
            if (e.key === 'Enter' && hits[0]) onPick(hits[0].path);
          }} />
        {onCancel && <button type="button" onClick={onCancel}>Cancel</button>}
      </div>
      {hits.length === 0 ? <p className="muted flaky-small">No recording matches.</p> : (
        <ul className="flaky-picker-list" aria-label="Recordings to compare with">
          {hits.map((r) => (
            <li key={r.path}>
              <button type="button" className="flaky-picker-item" onClick={() => onPick(r.path)} title={r.path}>
                <code>{r.name}</code>
                <span>{r.hash ? <span className={`hash hash-${r.hash.status}`}>{r.hash.status}</span> : <span className="muted">not a recording</span>}</span>
                <span className="muted">
                  {testId !== null && r.testId === testId ? <span className="flaky-tag">same test</span> : r.testId ? shortTestId(r.testId) : 'no test id'}
                  {' · '}{r.endpoint} {r.model}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
