/** Folder controls, the filter box, table options and the indexing progress. */
import { useEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import type { HostApi, IndexProgress, SearchResult } from '../../shared/host-api';
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
  /** Buttons of the tool views (test view, why not found, cleanup). */
  tools?: ReactNode;
  /** More filters after the built-in ones (the git status filter). */
  extraFilters?: ReactNode;
  /** The content search box (ContentSearchBox), after the filter box. */
  contentSearch?: ReactNode;
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
        {props.tools}
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
        {props.contentSearch}
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
        {props.extraFilters}
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

/** Where the content search stands: the paths it keeps (null = no narrowing) and a line for the person. */
export interface ContentSearch {
  paths: ReadonlySet<string> | null;
  status: string;
  busy: boolean;
}

/** Paths asked for per search: enough for every file of a very large folder. */
const CONTENT_SEARCH_LIMIT = 200_000;

interface ContentSearchState {
  query: string;
  result: SearchResult | null;
  checking: boolean;
  error?: string;
}

function describeSearch(state: ContentSearchState | null): string {
  if (!state) return '';
  if (state.error) return state.error;
  const r = state.result;
  if (!r) return 'Searching…';
  const files = (n: number) => `${n.toLocaleString()} file${n === 1 ? '' : 's'}`;
  let text = r.exact ? `${files(r.total)} contain it` : r.note && r.total === 0 ? r.note : `≈${files(r.total)}`;
  if (r.exact && r.note && r.total === 0) text = r.note;
  text += ` · ${r.tookMs < 10 ? r.tookMs.toFixed(1) : Math.round(r.tookMs)} ms`;
  if (state.checking) text += ' · checking…';
  if (r.paths.length < r.total) text += ` · first ${r.paths.length.toLocaleString()} shown`;
  if (r.indexing) text += ' · still indexing';
  return text;
}

/**
 * Full-text search over the recordings' contents through the host (searchRecordings). Debounced while
 * typing; an approximate answer (files with all the words) is shown at once and replaced by the exact one.
 * Runs again when the folder's rows change (indexing, watcher), at most once a second.
 */
export function useContentSearch(host: HostApi, query: string, generation: number, rows: unknown): ContentSearch {
  const [state, setState] = useState<ContentSearchState | null>(null);
  const [rowsEpoch, setRowsEpoch] = useState(0);
  const refresh = useRef<ReturnType<typeof setTimeout> | null>(null);
  const active = query.trim() !== '';
  useEffect(() => {
    if (!active || refresh.current !== null) return;
    refresh.current = setTimeout(() => {
      refresh.current = null;
      setRowsEpoch((n) => n + 1);
    }, 1000);
  }, [rows, active]);
  useEffect(() => () => { if (refresh.current !== null) clearTimeout(refresh.current); }, []);

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setState(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      setState((s) => (s && s.query === q ? s : { query: q, result: null, checking: true }));
      void (async () => {
        let result = await host.invoke('searchRecordings', { query: q, limit: CONTENT_SEARCH_LIMIT });
        if (!live) return;
        const check = !result.exact && result.total > 0;
        setState({ query: q, result, checking: check });
        if (!check) return;
        result = await host.invoke('searchRecordings', { query: q, limit: CONTENT_SEARCH_LIMIT, exact: true });
        if (live) setState({ query: q, result, checking: false });
      })().catch((error: Error & { code?: string }) => {
        if (live && error.code !== 'cancelled') setState({ query: q, result: null, checking: false, error: error.message });
      });
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [host, query, generation, rowsEpoch]);

  const result = active ? state?.result ?? null : null;
  // A query too short to search (a note, nothing found, not exact) does not narrow the table.
  const paths = useMemo(() => (result && (result.exact || result.total > 0) ? new Set(result.paths) : null), [result]);
  return { paths, status: active ? describeSearch(state) : '', busy: active && (!state?.result || state.checking) };
}

/** The "Search contents" box with its count and timing; clearing it lifts the narrowing. */
export function ContentSearchBox({ query, onQuery, search }: { query: string; onQuery(q: string): void; search: ContentSearch }) {
  return (
    <span className="content-search" style={{ display: 'flex', alignItems: 'center', gap: 4, flex: '0 1 auto', minWidth: 200 }}>
      <input
        type="text" role="searchbox" aria-label="Search recording contents" placeholder="Search contents (every file)…" style={{ flex: '0 1 200px', minWidth: 120 }}
        value={query} onChange={(e) => onQuery(e.target.value)}
        onKeyDown={(e) => { if (e.key === 'Escape') onQuery(''); }}
      />
      {query && <button type="button" aria-label="Clear content search" onClick={() => onQuery('')}>×</button>}
      {search.status && <span className="content-search-status muted" role="status" aria-busy={search.busy} style={{ fontSize: '0.85em', whiteSpace: 'nowrap', flexShrink: 0, maxWidth: 240, overflow: 'hidden', textOverflow: 'ellipsis' }}
        title={search.busy ? `${search.status} — approximate: these files hold every word; the exact phrase is being checked` : search.status}>{search.status}</span>}
    </span>
  );
}
