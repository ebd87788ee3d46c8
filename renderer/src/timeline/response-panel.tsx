/**
 * The Response tab: header line, the recorded exception (an error, not an empty answer), and either
 * the stream player (scrubber, reconstruction, chunk inspector) or, for a single body, the final
 * answer / the body's note and its JSON.
 */
import { useMemo, type JSX } from 'react';
import type { HostApi } from '../../../shared/host-api';
import { buildTimeline, finalState, type Timeline, type TimelineError } from '../../../shared/stream';
import { JsonBlock } from '../request-view/json-block';
import { ResponsesSection } from '../responses/responses-section';
import type { Route } from '../state/route';
import type { RecordingModel } from '../state/use-recording';
import { hasAnswer, headerText } from './format';
import { ReconstructionPane, UsageTable } from './reconstruction';
import { TimelinePlayer } from './timeline-player';
import './timeline.css';

export interface ResponsePanelProps {
  host: HostApi;
  model: RecordingModel;
  route: Route;
}

export function ResponsePanel({ host, model, route }: ResponsePanelProps): JSX.Element {
  const timeline = useMemo(() => buildTimeline(model.value), [model]);
  const body = useMemo(() => responseBody(model.value), [model]);
  const path = route.path ?? model.file.path;
  return (
    <div className="tl-root">
      <p className="tl-header" aria-label="Response summary">{headerText(timeline)}</p>
      {timeline.error && <RecordedException error={timeline.error} />}
      {timeline.streaming ? (
        <>
          <TimelinePlayer key={`${path}\u0000${timeline.steps.length}`} host={host} path={path} timeline={timeline} initialChunk={route.chunk}>
            {(position) => <ResponsesSection host={host} path={path} stamp={model.file.mtimeMs} kind={model.summary?.kind ?? null} position={position} />}
          </TimelinePlayer>
          <JsonBlock value={body} label="Whole body" name="Response body" defaultCollapsed />
        </>
      ) : (
        <SingleBody timeline={timeline} body={body} />
      )}
    </div>
  );
}

/** The recorded exception, shown first and as an error. */
export function RecordedException({ error }: { error: TimelineError }): JSX.Element {
  return (
    <div className="tl-exception" role="alert" aria-label="Recorded exception">
      <div className="tl-exception-head">
        <strong>Recorded exception</strong>
        <code className="tl-exception-type">{error.type}</code>
        {error.status !== undefined && <span className="tl-badge tl-badge-error">status {error.status}</span>}
        {error.category && <span className="tl-badge">{error.category}</span>}
      </div>
      <p className="tl-exception-message">{error.message || '(no message)'}</p>
    </div>
  );
}

function SingleBody({ timeline, body }: { timeline: Timeline; body: unknown }): JSX.Element {
  const final = useMemo(() => finalState(timeline), [timeline]);
  const notes = timeline.steps.filter((s) => s.note && s.index < timeline.chunkCount).map((s) => s.note!);
  const answer = hasAnswer(final);
  const exceptionOnly = timeline.variant === 'exception';
  const last = timeline.steps.length - 1;
  return (
    <>
      {notes.map((n, i) => <p key={i} className="tl-note">{n}</p>)}
      {answer && <ReconstructionPane timeline={timeline} position={last} />}
      {!answer && final.usage && <UsageTable usage={final.usage} fresh={false} />}
      {exceptionOnly ? (
        <JsonBlock value={timeline.steps[0]?.raw ?? null} label="Exception data" name="Exception data" />
      ) : (
        <JsonBlock value={body} label="Body" name="Response body" />
      )}
    </>
  );
}

function responseBody(record: unknown): unknown {
  if (record === null || typeof record !== 'object') return null;
  const r = record as { response?: { body?: unknown } };
  return r.response?.body ?? null;
}
