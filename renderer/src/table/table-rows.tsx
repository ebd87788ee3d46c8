/**
 * One row of the recordings table. Memoised on plain props: scrolling renders only the rows that come into
 * view; a row whose recording, position and state are unchanged is not rendered again. The text comes
 * precomputed from RowDisplay (table-model.ts).
 */
import { memo } from 'react';
import type { GitStatus } from '../flaky/git-rows';
import { shortTestId } from './format';
import type { GroupItem, RowDisplay } from './table-model';

export const ROW_HEIGHT = 28;
export const HEADER_HEIGHT = 28;

interface RecordingRowProps {
  item: RowDisplay;
  index: number;
  cursor: boolean;
  selected: boolean;
  changed: boolean;
  /** Deleted in the git work tree (a row made from HEAD). */
  deleted: boolean;
  /** Git column shown: the status against HEAD ('' when unchanged); undefined: no Git column. */
  git: GitStatus | '' | undefined;
  gitHead: string | null;
}

function rowStyle(index: number) {
  return { transform: `translateY(${index * ROW_HEIGHT}px)` };
}

export const RecordingRowView = memo(function RecordingRowView({ item, index, cursor, selected, changed, deleted, git, gitHead }: RecordingRowProps) {
  let className = 'rt-row';
  if (selected) className += ' selected';
  if (cursor) className += ' cursor';
  if (changed) className += ' changed';
  if (item.bad) className += ' bad';
  if (deleted) className += ' git-deleted';
  return (
    <div role="row" className={className} aria-rowindex={index + 2} aria-selected={selected} data-index={index} data-path={item.path} style={rowStyle(index)}>
      <div role="cell" className="rt-cell">{item.row.suite}</div>
      <div role="cell" className="rt-cell" title={item.testId}>{item.testShort || <em className="muted">none</em>}</div>
      <div role="cell" className={deleted ? 'rt-cell kind' : `rt-cell kind kind-${item.row.kind}`}>{deleted ? 'deleted in work tree' : item.kindLabel}</div>
      <div role="cell" className="rt-cell">{item.row.endpoint}</div>
      <div role="cell" className="rt-cell">{item.row.model}</div>
      <div role="cell" className="rt-cell">{item.stream}</div>
      <div role="cell" className="rt-cell">{item.chunks}</div>
      <div role="cell" className="rt-cell">{deleted ? '' : item.size}</div>
      <div role="cell" className="rt-cell">{item.modified}</div>
      <div role="cell" className="rt-cell">{item.hash && <span className={`hash hash-${item.hash}`} title={item.hashTitle}>{item.hash}</span>}</div>
      {git !== undefined && (
        <div role="cell" className="rt-cell">
          {git && <span className={`git-badge git-${git}`} title={`${git} against HEAD${gitHead ? ` (${gitHead})` : ''}`}>{git}</span>}
        </div>
      )}
      <div role="cell" className={`rt-cell problem problem-${item.severity}`} title={item.problem}>{item.problem}</div>
      <div role="cell" className="rt-cell" title={item.path}>{item.row.name}</div>
    </div>
  );
});

interface GroupRowProps {
  item: GroupItem;
  index: number;
  cursor: boolean;
  columns: number;
}

export const GroupRowView = memo(function GroupRowView({ item, index, cursor, columns }: GroupRowProps) {
  const testId = item.key;
  return (
    <div role="row" className={cursor ? 'rt-row group-row cursor' : 'rt-row group-row'} aria-rowindex={index + 2} aria-expanded={item.expanded}
      data-index={index} style={rowStyle(index)}>
      <div role="cell" className="rt-cell rt-group-cell" aria-colspan={columns}>
        <span aria-hidden="true">{item.expanded ? '▾ ' : '▸ '}</span>
        <strong title={testId}>{testId ? shortTestId(testId) : 'no test id'}</strong>
        <span className="muted"> — {item.count} recording{item.count === 1 ? '' : 's'}{testId ? ` · ${testId.split('::')[0]}` : ''}</span>
      </div>
    </div>
  );
});
