/** The cleanup assistant of the whole folder: stale, superseded and mismatched recordings, what can go first. */
import { useEffect, useState } from 'react';
import type { HostApi } from '../../../shared/host-api';
import type { CleanupPlan, VariantMark } from '../../../shared/flaky/test-groups';
import { CleanupPanel } from './cleanup-panel';
import { ErrorBox, MarkBadge } from './ui';
import { WidthToggle } from './layout';

type Load = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; plan: CleanupPlan };

export function CleanupView({ host, readOnly, folder }: { host: HostApi; readOnly: boolean; folder: string | null }) {
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [reload, setReload] = useState(0);
  useEffect(() => {
    let cancelled = false;
    setLoad((l) => (l.status === 'ready' ? l : { status: 'loading' }));
    host.invoke('folderCleanup', {}).then(
      (plan) => { if (!cancelled) setLoad({ status: 'ready', plan }); },
      (e: Error) => { if (!cancelled) setLoad({ status: 'error', message: e.message }); },
    );
    return () => { cancelled = true; };
  }, [host, reload, folder]);

  return (
    <section className="flaky-view" aria-label="Cleanup assistant">
      <header className="flaky-header">
        <div className="flaky-title-row">
          <h2>Cleanup assistant</h2>
          <button type="button" onClick={() => setReload((n) => n + 1)}>Reload</button>
          <WidthToggle />
        </div>
        <p className="muted">
          Recordings that replay never reads (stale or mismatched names) or no longer needs (superseded by a re-recording), for the
          whole folder. Files go to the operating system’s trash, so they can be restored.
        </p>
        {load.status === 'ready' && load.plan.items.length > 0 && (
          <div className="flaky-counts" aria-label="Plan counts">
            <span>{load.plan.summary.delete} can go</span>
            <span>{load.plan.summary.rename} to rename</span>
            <span>{load.plan.summary.review} to review</span>
            {(Object.entries(load.plan.summary.byMark) as Array<[VariantMark, number]>).map(([mark, n]) => (
              <span key={mark}><MarkBadge mark={mark} /> {n}</span>
            ))}
          </div>
        )}
      </header>
      {load.status === 'loading' && <p className="muted flaky-pad">Reading every recording of the folder…</p>}
      {load.status === 'error' && <ErrorBox>{load.message}</ErrorBox>}
      {load.status === 'ready' && (
        <CleanupPanel host={host} plan={load.plan} readOnly={readOnly} scope="folder" trashLabel="Move selected to trash…" onTrashed={() => setReload((n) => n + 1)} />
      )}
    </section>
  );
}
