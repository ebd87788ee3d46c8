/** Toolbar additions: the buttons of the flaky-recording views and the git status filter. */
import type { ViewRoute } from './view-route';
import { GIT_FILTERS, type GitFilter, type GitIndex } from './git-rows';
import { openView } from './open-view';
import './flaky-base.css';

export function FlakyViewButtons({ view, selectedTestId }: { view: ViewRoute | null | undefined; selectedTestId: string | null | undefined }) {
  const pressed = (kind: ViewRoute['kind']) => view?.kind === kind;
  return (
    <span className="flaky-view-buttons" role="group" aria-label="Tools">
      <button type="button" aria-pressed={pressed('test')} className={pressed('test') ? 'active' : ''}
        title={selectedTestId ? 'Every recording of the selected recording’s test, grouped into its logical requests' : 'Pick a test and see its recordings grouped into logical requests'}
        onClick={() => openView({ kind: 'test', testId: selectedTestId === undefined ? undefined : selectedTestId })}>
        Test view
      </button>
      <button type="button" aria-pressed={pressed('why')} className={pressed('why') ? 'active' : ''}
        title="Paste a replay failure or a request body and find the nearest recordings" onClick={() => openView({ kind: 'why' })}>
        Why not found?
      </button>
      <button type="button" aria-pressed={pressed('cleanup')} className={pressed('cleanup') ? 'active' : ''}
        title="Stale and superseded recordings of the whole folder" onClick={() => openView({ kind: 'cleanup' })}>
        Cleanup
      </button>
    </span>
  );
}

export function GitFilterSelect({ git, value, onChange }: { git: GitIndex | null; value: GitFilter; onChange(value: GitFilter): void }) {
  if (!git) return null;
  const count = (f: GitFilter) => (f === 'any' ? '' : ` (${git.counts[f === 'changed' ? 'changed' : f]})`);
  return (
    <select aria-label="Git status filter" value={value} onChange={(e) => onChange(e.target.value as GitFilter)}
      title={`Against git HEAD${git.head ? ` ${git.head}` : ' (no commits yet)'}`}>
      {GIT_FILTERS.map((f) => <option key={f.value} value={f.value}>{f.label}{count(f.value)}</option>)}
    </select>
  );
}
