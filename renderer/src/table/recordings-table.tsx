/**
 * The recordings table: @tanstack/react-table for columns, sorting and grouping, @tanstack/react-virtual
 * so thousands of rows cost only the visible ones. Keyboard: arrows move, Enter opens, typing filters.
 */
import {
  createColumnHelper, flexRender, getCoreRowModel, getExpandedRowModel, getGroupedRowModel, getSortedRowModel, useReactTable,
  type ExpandedState, type GroupingState, type Row, type SortingState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { RecordingRow } from '../../../shared/host-api';
import { KIND_LABELS } from '../../../shared/recording-model';
import { formatSize, formatTime, shortTestId } from './format';
import { gitColumn } from '../flaky/git-column';
import type { GitIndex } from '../flaky/git-rows';

const column = createColumnHelper<RecordingRow>();

const ROW_HEIGHT = 28;

function problemSummary(row: RecordingRow): { text: string; severity: string } {
  const counted = row.problems.filter((p) => p.severity !== 'info');
  if (counted.length === 0) return { text: '', severity: 'none' };
  const worst = counted.some((p) => p.severity === 'error') ? 'error' : 'warning';
  return { text: counted.length === 1 ? counted[0]!.message : `${counted.length} problems: ${counted[0]!.message}`, severity: worst };
}

const columns = [
  column.accessor('suite', { header: 'Suite', size: 110 }),
  column.accessor((r) => r.testId ?? '', {
    id: 'testId', header: 'Test', size: 260,
    cell: (c) => <span title={c.getValue()}>{shortTestId(c.getValue()) || <em className="muted">none</em>}</span>,
  }),
  column.accessor('kind', { header: 'Kind', size: 130, cell: (c) => <span className={`kind kind-${c.getValue()}`}>{KIND_LABELS[c.getValue()]}</span> }),
  column.accessor('endpoint', { header: 'Endpoint', size: 170 }),
  column.accessor('model', { header: 'Model', size: 150 }),
  column.accessor('streaming', { header: 'Stream', size: 60, cell: (c) => (c.getValue() ? 'yes' : '') }),
  column.accessor((r) => r.chunks ?? -1, { id: 'chunks', header: 'Chunks', size: 64, cell: (c) => (c.getValue() >= 0 ? c.getValue() : '') }),
  column.accessor('size', { header: 'Size', size: 72, cell: (c) => formatSize(c.getValue()) }),
  column.accessor('mtimeMs', { header: 'Modified', size: 128, cell: (c) => formatTime(c.getValue()) }),
  column.accessor((r) => r.hash?.status ?? '', {
    id: 'hash', header: 'Hash', size: 90,
    cell: (c) => (c.getValue() ? <span className={`hash hash-${c.getValue()}`} title={c.row.original.hash?.explanation}>{c.getValue()}</span> : ''),
  }),
  column.accessor((r) => problemSummary(r).text, {
    id: 'problems', header: 'Problems', size: 260,
    cell: (c) => <span className={`problem problem-${problemSummary(c.row.original).severity}`} title={c.getValue()}>{c.getValue()}</span>,
  }),
  column.accessor('path', { header: 'File', size: 200, cell: (c) => <span title={c.getValue()}>{c.row.original.name}</span> }),
];

export interface RecordingsTableProps {
  rows: RecordingRow[];
  selectedPath: string | null;
  changed: ReadonlySet<string>;
  groupByTest: boolean;
  onOpen(path: string): void;
  onTypeToFilter(text: string): void;
  /** Git state of the folder: adds the Git column and marks files deleted in the work tree. Null/absent: no git. */
  git?: GitIndex | null;
}

export function RecordingsTable({ rows, selectedPath, changed, groupByTest, onOpen, onTypeToFilter, git = null }: RecordingsTableProps) {
  const [sorting, setSorting] = useState<SortingState>([{ id: 'suite', desc: false }]);
  const [expanded, setExpanded] = useState<ExpandedState>(true);
  const grouping = useMemo<GroupingState>(() => (groupByTest ? ['testId'] : []), [groupByTest]);
  // the Git column sits after Hash, only when the folder is in a git work tree
  const tableColumns = useMemo(() => {
    if (!git) return columns;
    const at = columns.findIndex((c) => c.id === 'hash') + 1;
    return [...columns.slice(0, at), gitColumn(git), ...columns.slice(at)];
  }, [git]);
  const table = useReactTable({
    data: rows,
    columns: tableColumns,
    state: { sorting, grouping, expanded },
    onSortingChange: setSorting,
    onExpandedChange: setExpanded,
    getRowId: (r) => r.path,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getGroupedRowModel: getGroupedRowModel(),
    getExpandedRowModel: getExpandedRowModel(),
    autoResetExpanded: false,
    groupedColumnMode: false,
  });
  const tableRows = table.getRowModel().rows;
  const scrollRef = useRef<HTMLDivElement>(null);
  // No flushSync on scroll: React renders the new window at most once per frame instead of once per scroll
  // event, which is what keeps a fast scroll-bar drag through 30,000 rows from stacking up renders.
  const virtualizer = useVirtualizer({ count: tableRows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12, useFlushSync: false });
  const [cursor, setCursor] = useState<number>(-1);

  // Keep the cursor on the open recording when rows change under it (watcher updates, sorting).
  const selectedIndex = useMemo(() => tableRows.findIndex((r) => !r.getIsGrouped() && r.original.path === selectedPath), [tableRows, selectedPath]);
  useEffect(() => {
    if (selectedIndex < 0) return;
    setCursor(selectedIndex);
    // Bring an opened recording into view (a link, a reload); 'auto' leaves a visible row where it is.
    virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const move = (to: number) => {
    const next = Math.max(0, Math.min(tableRows.length - 1, to));
    setCursor(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const activate = (row: Row<RecordingRow> | undefined) => {
    if (!row) return;
    if (row.getIsGrouped()) row.toggleExpanded();
    else onOpen(row.original.path);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    switch (event.key) {
      case 'ArrowDown': move(cursor + 1); break;
      case 'ArrowUp': move(cursor - 1); break;
      case 'PageDown': move(cursor + page); break;
      case 'PageUp': move(cursor - page); break;
      case 'Home': move(0); break;
      case 'End': move(tableRows.length - 1); break;
      case 'Enter': activate(tableRows[cursor]); break;
      default:
        if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey && event.key !== ' ') {
          onTypeToFilter(event.key);
          break;
        }
        return;
    }
    event.preventDefault();
  };

  const items = virtualizer.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);
  const width = table.getVisibleLeafColumns().length;

  return (
    <div
      className="table-scroll" ref={scrollRef} tabIndex={0} onKeyDown={onKeyDown}
      role="region" aria-label="Recordings table (arrows move, Enter opens, type to filter)"
    >
      <table className="recordings" aria-rowcount={tableRows.length + 1}>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                return (
                  <th key={header.id} style={{ width: header.getSize() }} aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}>
                    <button type="button" className="sort" onClick={header.column.getToggleSortingHandler()}>
                      {flexRender(header.column.columnDef.header, header.getContext())}
                      <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
                    </button>
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {padTop > 0 && <tr aria-hidden="true" style={{ height: padTop }}><td colSpan={width} /></tr>}
          {items.map((item) => {
            const row = tableRows[item.index]!;
            const isCursor = item.index === cursor;
            if (row.getIsGrouped()) {
              const testId = row.getValue<string>('testId');
              return (
                <tr key={row.id} className={`group-row${isCursor ? ' cursor' : ''}`} aria-rowindex={item.index + 2} style={{ height: ROW_HEIGHT }}
                  onClick={() => { setCursor(item.index); row.toggleExpanded(); }} aria-expanded={row.getIsExpanded()}>
                  <td colSpan={width}>
                    <span aria-hidden="true">{row.getIsExpanded() ? '▾ ' : '▸ '}</span>
                    <strong title={testId}>{testId ? shortTestId(testId) : 'no test id'}</strong>
                    <span className="muted"> — {row.subRows.length} recording{row.subRows.length === 1 ? '' : 's'}{testId ? ` · ${testId.split('::')[0]}` : ''}</span>
                  </td>
                </tr>
              );
            }
            const r = row.original;
            const deleted = git?.deleted.has(r.path) === true;
            const classes = [r.path === selectedPath && 'selected', isCursor && 'cursor', changed.has(r.path) && 'changed', r.kind === 'broken' || r.kind === 'not-a-recording' ? 'bad' : '', deleted && 'git-deleted']
              .filter(Boolean).join(' ');
            return (
              <tr key={row.id} className={classes} aria-rowindex={item.index + 2} aria-selected={r.path === selectedPath} style={{ height: ROW_HEIGHT }}
                onClick={() => { setCursor(item.index); onOpen(r.path); }} data-path={r.path}>
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id}>{deleted && cell.column.id === 'kind' ? <span className="kind">deleted in work tree</span> : deleted && cell.column.id === 'size' ? '' : flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
                ))}
              </tr>
            );
          })}
          {padBottom > 0 && <tr aria-hidden="true" style={{ height: padBottom }}><td colSpan={width} /></tr>}
        </tbody>
      </table>
      {tableRows.length === 0 && <p className="empty">No recordings match.</p>}
    </div>
  );
}
