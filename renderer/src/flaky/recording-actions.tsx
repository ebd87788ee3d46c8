/** Buttons of the detail pane: open the test view of the recording, diff it with another one or with git HEAD. */
import { useState } from 'react';
import type { RecordingRow } from '../../../shared/host-api';
import { canDiffWithHead, type GitIndex } from './git-rows';
import { openView } from './open-view';
import { RecordingPicker } from './recording-picker';
import { HEAD } from './view-route';

export interface RecordingActionsProps {
  path: string;
  row: RecordingRow | undefined;
  rows: readonly RecordingRow[];
  git: GitIndex | null;
}

export function RecordingActions({ path, row, rows, git }: RecordingActionsProps) {
  const [picking, setPicking] = useState(false);
  const status = git?.byPath.get(path);
  const isRecording = !!row?.hash;
  return (
    <div className="flaky-actions">
      <div className="flaky-actions-bar" role="toolbar" aria-label="Recording tools">
        {isRecording && (
          <button type="button" onClick={() => openView({ kind: 'test', testId: row!.testId })}
            title={row!.testId ? `Every recording of ${row!.testId}` : 'Every recording made with no active test'}>
            Open test view
          </button>
        )}
        <button type="button" aria-expanded={picking} onClick={() => setPicking((v) => !v)}>Diff with…</button>
        {canDiffWithHead(path, git) && (
          <button type="button" onClick={() => openView({ kind: 'diff', a: path, b: HEAD })}
            title={`Compare with the version committed in HEAD${git?.head ? ` (${git.head})` : ''}`}>
            Diff with HEAD
          </button>
        )}
        {status && <span className={`git-badge git-${status}`} title="Against git HEAD">{status}</span>}
      </div>
      {picking && (
        <RecordingPicker rows={rows} exclude={path} testId={row?.testId ?? null}
          onPick={(b) => { setPicking(false); openView({ kind: 'diff', a: path, b }); }}
          onCancel={() => setPicking(false)} />
      )}
    </div>
  );
}
