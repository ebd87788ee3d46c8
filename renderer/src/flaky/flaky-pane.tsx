/** The right-hand pane when a tool view is open (test view, diff, why not found, cleanup). Loaded lazily. */
import type { HostApi, RecordingRow } from '../../../shared/host-api';
import { CleanupView } from './cleanup-view';
import { CompareView } from './compare-view';
import type { GitIndex } from './git-rows';
import { TestView } from './test-view';
import type { ViewRoute } from './view-route';
import { WhyView } from './why-view';
import './flaky.css';

export interface FlakyPaneProps {
  host: HostApi;
  view: ViewRoute;
  rows: readonly RecordingRow[];
  git: GitIndex | null;
  readOnly: boolean;
  folder: string | null;
}

export default function FlakyPane({ host, view, rows, git, readOnly, folder }: FlakyPaneProps) {
  let body;
  switch (view.kind) {
    case 'test':
      body = <TestView host={host} testId={view.testId} rows={rows} readOnly={readOnly} />;
      break;
    case 'diff':
      body = <CompareView host={host} a={view.a} b={view.b} rows={rows} git={git} />;
      break;
    case 'why':
      body = <WhyView host={host} />;
      break;
    case 'cleanup':
      body = <CleanupView host={host} readOnly={readOnly} folder={folder} />;
      break;
  }
  return <div className="detail flaky-pane">{body}</div>;
}
