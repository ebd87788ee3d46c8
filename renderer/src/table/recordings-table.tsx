/**
 * The recordings table: a fixed-width CSS grid of divs with table roles (role="table" / "rowgroup" / "row"
 * / "columnheader" / "cell", aria-rowcount / aria-rowindex / aria-sort), virtualised by a fixed row height:
 * only the rows in view (plus a few) exist, each positioned with translateY inside one sized container.
 *
 * Why not a <table>: at 30,000 rows a scroll-bar drag replaces the whole window of rows every frame, and
 * laying out a table (even `table-layout: fixed` with a max-content width) measured ≈20 ms per frame;
 * fixed-size, contained rows lay out in a fraction of that. Sorting and grouping are table-model.ts
 * (incremental, on precomputed text); rows are memoised (table-rows.tsx) and keyed by a slot that a row
 * keeps while it stays in view, so scrolling updates the rows that change in place instead of creating
 * new ones. Scrolling re-renders this component only, never the app around it.
 *
 * Keyboard: arrows move, PageUp/PageDown, Home/End, Enter opens (or expands/collapses a group), typing filters.
 */
import { flexRender, getCoreRowModel, useReactTable, type SortingState as ColumnSorting, type Table } from '@tanstack/react-table';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent, type MouseEvent } from 'react';
import type { RecordingRow } from '../../../shared/host-api';
import type { GitIndex } from '../flaky/git-rows';
import {
  COLUMN_DEFS, DEFAULT_SORTING, displayOf, RowSorter, tableColumns, tableItems,
  type RowDisplay, type SortingState,
} from './table-model';
import { GroupRowView, HEADER_HEIGHT, RecordingRowView, ROW_HEIGHT } from './table-rows';
import { useRowWindow } from './use-row-window';

/** Rows rendered beyond each edge of the view. */
const OVERSCAN = 6;
/** react-table gets the columns and the sorting state only; the rows go through table-model.ts. */
const NO_ROWS: RowDisplay[] = [];

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
  const [sorting, setSorting] = useState<SortingState>(DEFAULT_SORTING);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [sorter] = useState(() => new RowSorter());
  const columns = tableColumns(git !== null);
  const table = useReactTable({
    data: NO_ROWS,
    columns: COLUMN_DEFS,
    state: { sorting: sorting as ColumnSorting, columnVisibility: { git: git !== null } },
    onSortingChange: (update) => setSorting((s) => (typeof update === 'function' ? update(s as ColumnSorting) : update) as SortingState),
    manualSorting: true,
    getCoreRowModel: getCoreRowModel(),
  });

  const sorted = useMemo(() => sorter.sort(rows.map(displayOf), sorting, git), [sorter, rows, sorting, git]);
  const items = useMemo(() => tableItems(sorted, groupByTest, collapsed), [sorted, groupByTest, collapsed]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const { start, end, slots, scrollToIndex, pageRows } = useRowWindow(scrollRef, items.length, ROW_HEIGHT, HEADER_HEIGHT, OVERSCAN);
  const [cursor, setCursor] = useState<number>(-1);

  // Keep the cursor on the open recording when rows change under it (watcher updates, sorting).
  const selectedIndex = useMemo(
    () => (selectedPath === null ? -1 : items.findIndex((it) => it.type === 'row' && it.path === selectedPath)),
    [items, selectedPath],
  );
  useEffect(() => {
    if (selectedIndex < 0) return;
    setCursor(selectedIndex);
    // Bring an opened recording into view (a link, a reload); a visible row stays where it is.
    scrollToIndex(selectedIndex);
  }, [selectedIndex, scrollToIndex]);

  const toggleGroup = useCallback((key: string) => {
    setCollapsed((was) => {
      const next = new Set(was);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  }, []);

  const move = (to: number) => {
    const next = Math.max(0, Math.min(items.length - 1, to));
    setCursor(next);
    scrollToIndex(next);
  };

  const activate = (index: number) => {
    const item = items[index];
    if (!item) return;
    if (item.type === 'group') toggleGroup(item.key);
    else onOpen(item.path);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    switch (event.key) {
      case 'ArrowDown': move(cursor + 1); break;
      case 'ArrowUp': move(cursor - 1); break;
      case 'PageDown': move(cursor + pageRows()); break;
      case 'PageUp': move(cursor - pageRows()); break;
      case 'Home': move(0); break;
      case 'End': move(items.length - 1); break;
      case 'Enter': activate(cursor); break;
      default:
        if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey && event.key !== ' ') {
          onTypeToFilter(event.key);
          break;
        }
        return;
    }
    event.preventDefault();
  };

  // One click handler for every row (rows carry data-index), so rows need no callbacks of their own.
  const onBodyClick = (event: MouseEvent<HTMLDivElement>) => {
    const el = (event.target as Element).closest<HTMLElement>('[data-index]');
    if (!el) return;
    const index = Number(el.dataset.index);
    if (!items[index]) return;
    setCursor(index);
    activate(index);
  };

  // Column widths as custom properties (--rt-c1…): the row elements carry no per-cell style.
  const tableStyle = useMemo(() => {
    const style: Record<string, string> = { width: `max(100%, ${columns.reduce((sum, c) => sum + c.width, 0)}px)` };
    columns.forEach((c, i) => { style[`--rt-c${i + 1}`] = `${c.width}px`; });
    return style as CSSProperties;
  }, [columns]);

  // A row keeps its slot (key) while it stays in view, so a scroll step renders only the rows that enter,
  // and a jump (scroll-bar drag) updates the existing row elements in place instead of replacing them.
  const body = [];
  for (let index = start; index < end; index++) {
    const item = items[index]!;
    if (item.type === 'group') {
      body.push(<GroupRowView key={index % slots} item={item} index={index} cursor={index === cursor} columns={columns.length} />);
    } else {
      body.push(
        <RecordingRowView
          key={index % slots} item={item} index={index} cursor={index === cursor} selected={item.path === selectedPath}
          changed={changed.has(item.path)} deleted={git?.deleted.has(item.path) === true}
          git={git ? (git.byPath.get(item.path) ?? '') : undefined} gitHead={git?.head ?? null}
        />,
      );
    }
  }

  return (
    <div
      className="table-scroll" ref={scrollRef} tabIndex={0} onKeyDown={onKeyDown}
      role="region" aria-label="Recordings table (arrows move, Enter opens, type to filter)"
    >
      <div className="recordings" role="table" aria-label="Recordings" aria-rowcount={items.length + 1} style={tableStyle}>
        <TableHeader table={table} sorting={sorting} hasGit={git !== null} />
        <div className="rt-body" role="rowgroup" style={{ height: items.length * ROW_HEIGHT }} onClick={onBodyClick}>
          {body}
        </div>
      </div>
      {items.length === 0 && <p className="empty">No recordings match.</p>}
    </div>
  );
}

interface TableHeaderProps {
  table: Table<RowDisplay>;
  /** The header shows these; the (stable) table instance alone would not re-render it. */
  sorting: SortingState;
  hasGit: boolean;
}

const TableHeader = memo(function TableHeader({ table }: TableHeaderProps) {
  return (
    <div className="rt-head" role="rowgroup">
      <div className="rt-row" role="row" aria-rowindex={1} style={{ height: HEADER_HEIGHT }}>
        {table.getHeaderGroups()[0]!.headers.map((header) => {
          const sorted = header.column.getIsSorted();
          return (
            <div key={header.id} role="columnheader" className="rt-th" aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}>
              <button type="button" className="sort" onClick={header.column.getToggleSortingHandler()}>
                {flexRender(header.column.columnDef.header, header.getContext())}
                <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
              </button>
            </div>
          );
        })}
      </div>
    </div>
  );
});
