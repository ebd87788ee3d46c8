/** Filtering of table rows: free text (every word must match) plus hash-status and problem filters. */
import type { RecordingRow } from '../../../shared/host-api';

export type HashFilter = 'all' | 'current' | 'stale' | 'mismatch' | 'unverifiable' | 'none';
export type ProblemFilter = 'all' | 'errors' | 'warnings' | 'clean';

export interface RowFilter {
  text: string;
  hash: HashFilter;
  problems: ProblemFilter;
}

export const EMPTY_FILTER: RowFilter = { text: '', hash: 'all', problems: 'all' };

export function filterRows(rows: readonly RecordingRow[], filter: RowFilter): RecordingRow[] {
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter((row) => {
    for (const word of words) if (!row.search.includes(word)) return false;
    if (filter.hash !== 'all') {
      if (filter.hash === 'none' ? row.hash !== null : row.hash?.status !== filter.hash) return false;
    }
    switch (filter.problems) {
      case 'errors':
        return row.problems.some((p) => p.severity === 'error');
      case 'warnings':
        return row.problems.some((p) => p.severity !== 'info');
      case 'clean':
        return !row.problems.some((p) => p.severity !== 'info');
      default:
        return true;
    }
  });
}
