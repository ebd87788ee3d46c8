/** The right-hand pane: one recording, in tabs (request, response, hash & problems, raw file, editor). */
import { lazy, Suspense, type ReactNode } from 'react';
import type { HostApi, RecordingRow } from '../../../shared/host-api';
import { KIND_LABELS } from '../../../shared/recording-model';
import { RequestView } from '../request-view/request-view';
import { CitationsTab } from '../responses/responses-section';
import { navigate, type Route } from '../state/route';
import { useRecording } from '../state/use-recording';
import { formatSize } from '../table/format';
import { ProblemsView } from './problems-view';
import { RawView } from './raw-view';
import { ResponseView } from './response-view';

// Monaco is large: the editor loads only when its tab is opened.
const RecordingEditor = lazy(() => import('../editor/recording-editor'));

const TABS = [
  { id: 'request', label: 'Request' },
  { id: 'response', label: 'Response' },
  { id: 'citations', label: 'Citations' },
  { id: 'problems', label: 'Hash & problems' },
  { id: 'raw', label: 'Raw JSON' },
  { id: 'edit', label: 'Edit' },
] as const;

export function DetailView({ host, route, row, actions }: { host: HostApi; route: Route; row: RecordingRow | undefined; actions?: ReactNode }) {
  const load = useRecording(host, route.path, row?.mtimeMs ?? 0);
  if (!route.path) {
    return (
      <section className="detail empty-detail" aria-label="Recording">
        <p>Select a recording in the table to read its request, replay its stream and check its name.</p>
      </section>
    );
  }
  const tab = TABS.some((t) => t.id === route.tab) ? route.tab! : row && (row.kind === 'broken' || row.kind === 'not-a-recording') ? 'problems' : 'request';
  return (
    <section className="detail" aria-label="Recording">
      <header className="detail-header">
        <h2 title={route.path}>{row?.name ?? route.path.split('/').pop()}</h2>
        <div className="detail-meta">
          {row && <span className={`kind kind-${row.kind}`}>{KIND_LABELS[row.kind]}</span>}
          {row?.hash && <span className={`hash hash-${row.hash.status}`}>{row.hash.status}</span>}
          {row && <span className="muted">{formatSize(row.size)}</span>}
          <span className="muted path">{route.path}</span>
        </div>
        {row?.testId && <div className="test-id" title="test_id"><code>{row.testId}</code></div>}
        {actions}
        <nav className="tabs" role="tablist" aria-label="Recording views">
          {TABS.map((t) => (
            <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} className={tab === t.id ? 'active' : ''}
              onClick={() => navigate({ tab: t.id === 'request' ? null : t.id }, true)}>
              {t.label}
              {t.id === 'problems' && row && row.problems.filter((p) => p.severity !== 'info').length > 0 && (
                <span className="badge">{row.problems.filter((p) => p.severity !== 'info').length}</span>
              )}
            </button>
          ))}
        </nav>
      </header>
      <div className="detail-body" role="tabpanel">
        {load.status === 'loading' && <p className="muted">Loading…</p>}
        {load.status === 'error' && <p role="alert" className="error-box">{load.message}</p>}
        {load.status === 'ready' && (() => {
          const { model } = load;
          if (tab === 'problems') return <ProblemsView row={row} />;
          if (tab === 'edit') {
            if (model.file.tooLarge) return <p className="error-box">{model.file.tooLarge}</p>;
            return (
              <Suspense fallback={<p className="muted">Loading the editor…</p>}>
                <RecordingEditor key={model.file.path} host={host} file={model.file} />
              </Suspense>
            );
          }
          if (tab === 'raw') return model.file.tooLarge ? <p className="error-box">{model.file.tooLarge}</p> : <RawView text={model.file.text} />;
          if (model.parseError) {
            return (
              <div role="alert" className="error-box">
                <strong>This file cannot be read as a recording.</strong> {row?.problems[0]?.message ?? model.parseError}
              </div>
            );
          }
          if (tab === 'response') return <ResponseView model={model} route={route} />;
          if (tab === 'citations') return <CitationsTab host={host} path={model.file.path} stamp={model.file.mtimeMs} kind={model.summary?.kind ?? null} />;
          return <RequestView record={model.value} onOpenRaw={() => navigate({ tab: 'raw' }, true)} />;
        })()}
      </div>
    </section>
  );
}
