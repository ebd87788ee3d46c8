/** The application shell: toolbar, recordings table and the detail pane. */
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import type { HostApi } from '../../shared/host-api';
import { DetailView } from './detail/detail-view';
import { IndexStore, useIndexState } from './state/index-store';
import { navigate, useRoute } from './state/route';
import { RecordingsTable } from './table/recordings-table';
import { EMPTY_FILTER, filterRows, type RowFilter } from './table/row-filter';
import { Toolbar } from './toolbar';

export function App({ host, store }: { host: HostApi; store: IndexStore }) {
  const state = useIndexState(store);
  const route = useRoute();
  const [filter, setFilter] = useState<RowFilter>(EMPTY_FILTER);
  const [groupByTest, setGroupByTest] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const filterRef = useRef<HTMLInputElement>(null);

  const rows = useMemo(() => filterRows(state.rows, filter), [state.rows, filter]);
  const selectedRow = useMemo(() => state.rows.find((r) => r.path === route.path), [state.rows, route.path]);

  useEffect(() => {
    if (route.path) store.markSeen(route.path);
  }, [route.path, store, selectedRow]);

  useEffect(() => {
    document.title = state.folder ? `${state.folder.split(/[\\/]/).pop()} — Recording Inspector` : 'Recording Inspector';
  }, [state.folder]);

  const open = useCallback((path: string) => navigate({ path, chunk: null }), []);
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
        shown={rows.length} total={state.rows.length} filter={filter} onFilter={setFilter}
        groupByTest={groupByTest} onGroupByTest={setGroupByTest} filterRef={filterRef} onError={setMessage}
      />
      {(message || state.error) && (
        <div className="banner" role="alert">
          {message ?? state.error}
          <button type="button" aria-label="Dismiss" onClick={() => setMessage(null)}>×</button>
        </div>
      )}
      <main className="panes">
        <RecordingsTable rows={rows} selectedPath={route.path} changed={state.changed} groupByTest={groupByTest} onOpen={open} onTypeToFilter={typeToFilter} />
        <DetailView host={host} route={route} row={selectedRow} />
      </main>
    </div>
  );
}
