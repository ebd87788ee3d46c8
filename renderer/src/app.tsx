/** The application shell: toolbar, recordings table and the detail pane. */
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import type { HostApi } from '../../shared/host-api';
import { DetailView } from './detail/detail-view';
import { IndexStore, useIndexState } from './state/index-store';
import { navigate, useRoute } from './state/route';
import { RecordingsTable } from './table/recordings-table';
import { EMPTY_FILTER, filterRows, type RowFilter } from './table/row-filter';
import { ContentSearchBox, Toolbar, useContentSearch } from './toolbar';
import { filterByGit, withDeletedRows, type GitFilter } from './flaky/git-rows';
import { openView } from './flaky/open-view';
import { RecordingActions } from './flaky/recording-actions';
import { FlakyViewButtons, GitFilterSelect } from './flaky/toolbar-extras';
import { useGitState } from './flaky/use-git-state';
import { useToolWide } from './flaky/layout';
import { HEAD } from './flaky/view-route';

// The flaky-recording views (test view, diff, why not found, cleanup) load when first opened.
const FlakyPane = lazy(() => import('./flaky/flaky-pane'));

export function App({ host, store }: { host: HostApi; store: IndexStore }) {
  const state = useIndexState(store);
  const route = useRoute();
  const [filter, setFilter] = useState<RowFilter>(EMPTY_FILTER);
  const [groupByTest, setGroupByTest] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const filterRef = useRef<HTMLInputElement>(null);

  const git = useGitState(host, state.folder, state.generation, state.rows);
  const [gitFilter, setGitFilter] = useState<GitFilter>('any');
  const toolWide = useToolWide();
  const [contentQuery, setContentQuery] = useState('');
  const content = useContentSearch(host, contentQuery, state.generation, state.rows);
  const filtered = useMemo(() => filterByGit(filterRows(withDeletedRows(state.rows, git), filter), gitFilter, git), [state.rows, filter, git, gitFilter]);
  // The content search narrows what the other filters let through.
  const rows = useMemo(() => (content.paths ? filtered.filter((r) => content.paths!.has(r.path)) : filtered), [filtered, content.paths]);
  const selectedRow = useMemo(() => state.rows.find((r) => r.path === route.path), [state.rows, route.path]);

  useEffect(() => {
    if (route.path) store.markSeen(route.path);
  }, [route.path, store, selectedRow]);

  useEffect(() => {
    document.title = state.folder ? `${state.folder.split(/[\\/]/).pop()} — Recording Inspector` : 'Recording Inspector';
  }, [state.folder]);

  const open = useCallback((path: string) => {
    // a file deleted in the work tree exists only in HEAD: show what was removed
    if (git?.deleted.has(path) && !state.rows.some((r) => r.path === path)) openView({ kind: 'diff', a: path, b: HEAD });
    else navigate({ path, chunk: null });
  }, [git, state.rows]);
  const typeToFilter = useCallback((text: string) => {
    setFilter((f) => ({ ...f, text: f.text + text }));
    filterRef.current?.focus();
  }, []);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    const file = event.dataTransfer.files[0];
    if (!file) return;
    const path = host.pathForFile?.(file) ?? null;
    if (!path) {
      setMessage('Dropping a folder works in the desktop app. In the browser, use “Open folder…” and type its path.');
      return;
    }
    host.invoke('openFolder', { path }).catch((error: Error) => setMessage(error.message));
  };

  return (
    <div className="app" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
      <Toolbar
        host={host} mode={state.info?.mode ?? 'browser'} folder={state.folder} recent={state.recent} progress={state.progress}
        shown={rows.length} total={state.rows.length + (git?.deleted.size ?? 0)} filter={filter} onFilter={setFilter}
        groupByTest={groupByTest} onGroupByTest={setGroupByTest} filterRef={filterRef} onError={setMessage}
        tools={<FlakyViewButtons view={route.view} selectedTestId={selectedRow?.hash ? selectedRow.testId : undefined} />}
        extraFilters={<GitFilterSelect git={git} value={gitFilter} onChange={setGitFilter} />}
        contentSearch={<ContentSearchBox query={contentQuery} onQuery={setContentQuery} search={content} />}
      />
      {(message || state.error) && (
        <div className="banner" role="alert">
          {message ?? state.error}
          <button type="button" aria-label="Dismiss" onClick={() => setMessage(null)}>×</button>
        </div>
      )}
      <main className={route.view ? `panes panes-tool${toolWide ? ' panes-wide' : ''}` : 'panes'}>
        <RecordingsTable rows={rows} selectedPath={route.path} changed={state.changed} groupByTest={groupByTest} onOpen={open} onTypeToFilter={typeToFilter} git={git} />
        {route.view ? (
          <Suspense fallback={<section className="detail empty-detail" aria-label="Loading">Loading…</section>}>
            <FlakyPane host={host} view={route.view} rows={state.rows} git={git} readOnly={state.info?.readOnly ?? false} folder={state.folder} />
          </Suspense>
        ) : (
          <DetailView host={host} route={route} row={selectedRow}
            actions={route.path ? <RecordingActions path={route.path} row={selectedRow} rows={state.rows} git={git} /> : null} />
        )}
      </main>
    </div>
  );
}
