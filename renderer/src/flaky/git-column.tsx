/** The table's "Git" column (added / modified / deleted / renamed against HEAD); only when git is available. */
import { createColumnHelper } from '@tanstack/react-table';
import type { RecordingRow } from '../../../shared/host-api';
import type { GitIndex } from './git-rows';

const column = createColumnHelper<RecordingRow>();

export function gitColumn(git: GitIndex) {
  return column.accessor((r) => git.byPath.get(r.path) ?? '', {
    id: 'git',
    header: 'Git',
    size: 92,
    cell: (c) => {
      const status = c.getValue();
      return status ? <span className={`git-badge git-${status}`} title={`${status} against HEAD${git.head ? ` (${git.head})` : ''}`}>{status}</span> : '';
    },
  });
}
