/** Folder controls, the filter box, table options and the indexing progress. */
import { useState, type RefObject } from 'react';
import type { HostApi, IndexProgress } from '../../shared/host-api';
import type { HashFilter, ProblemFilter, RowFilter } from './table/row-filter';

export interface ToolbarProps {
  host: HostApi;
  mode: 'desktop' | 'browser';
  folder: string | null;
  recent: string[];
  progress: IndexProgress;
  shown: number;
  total: number;
  filter: RowFilter;
  onFilter(filter: RowFilter): void;
  groupByTest: boolean;
  onGroupByTest(value: boolean): void;
  filterRef: RefObject<HTMLInputElement | null>;
  onError(message: string): void;
}

export function Toolbar(props: ToolbarProps) {
  const { host, mode, folder, recent, progress, filter, onFilter } = props;
  const [typedPath, setTypedPath] = useState('');
  const [showPathBox, setShowPathBox] = useState(false);

  const open = (path?: string) => {
    host.invoke('openFolder', path ? { path } : {}).then(
      () => { setShowPathBox(false); window.location.hash = '#/'; },
      (error: Error) => props.onError(error.message),
    );
  };

  return (
    <header className="toolbar">
      <div className="toolbar-row">
        <h1 className="app-title">Recording Inspector</h1>
        <span className="folder" title={folder ?? ''} aria-label="Opened folder">{folder ?? 'No folder open'}</span>
        <button type="button" onClick={() => (mode === 'desktop' ? open() : setShowPathBox((v) => !v))}>Open folder…</button>
        <label className="recent">
          <span className="visually-hidden">Recent folders</span>
          <select aria-label="Recent folders" value="" onChange={(e) => { if (e.target.value) open(e.target.value); }}>
            <option value="">Recent…</option>
            {recent.map((r) => <option key={r} value={r}>{r}</option>)}
          </select>
        </label>
        {showPathBox && (
          <form className="path-form" onSubmit={(e) => { e.preventDefault(); if (typedPath.trim()) open(typedPath.trim()); }}>
            <input aria-label="Folder path" placeholder="/path/to/tests/integration" value={typedPath} onChange={(e) => setTypedPath(e.target.value)} autoFocus />
            <button type="submit">Open</button>
          </form>
        )}
      </div>
      <div className="toolbar-row">
        <input
          ref={props.filterRef} className="filter" type="search" aria-label="Filter recordings"
          placeholder="Filter by path, test id, model, endpoint…" value={filter.text}
          onChange={(e) => onFilter({ ...filter, text: e.target.value })}
        />
        <select aria-label="Hash status" value={filter.hash} onChange={(e) => onFilter({ ...filter, hash: e.target.value as HashFilter })}>
          <option value="all">Any hash status</option>
          <option value="current">current</option>
          <option value="stale">stale</option>
          <option value="mismatch">mismatch</option>
          <option value="unverifiable">unverifiable</option>
          <option value="none">no hash (not a recording)</option>
        </select>
        <select aria-label="Problem filter" value={filter.problems} onChange={(e) => onFilter({ ...filter, problems: e.target.value as ProblemFilter })}>
          <option value="all">Any problems</option>
          <option value="errors">With errors</option>
          <option value="warnings">With errors or warnings</option>
          <option value="clean">Without problems</option>
        </select>
        <label className="toggle">
          <input type="checkbox" checked={props.groupByTest} onChange={(e) => props.onGroupByTest(e.target.checked)} /> Group by test
        </label>
        <span className="count" aria-live="polite">{props.shown === props.total ? `${props.total} recordings` : `${props.shown} of ${props.total} recordings`}</span>
        <IndexProgressBar progress={progress} />
      </div>
    </header>
  );
}

function IndexProgressBar({ progress }: { progress: IndexProgress }) {
  if (progress.error) return <span className="index-error" role="alert">{progress.error}</span>;
  if (progress.done) return null;
  return (
    <span className="progress">
      <progress aria-label="Indexing" max={Math.max(progress.total, 1)} value={progress.indexed} />
      <span>Indexing {progress.indexed} / {progress.total}…</span>
    </span>
  );
}
