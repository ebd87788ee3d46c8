/**
 * Entry points of the Responses view. `ResponsesSection` sits under the stream player of the
 * Response tab and follows its position (events + the turn chain); `CitationsTab` is the Citations
 * tab of a recording. Both load the chain from the host for the server version chosen in the window.
 */
import type { JSX } from 'react';
import type { HostApi } from '../../../shared/host-api';
import type { RecordingKind } from '../../../shared/recording-model';
import { ChainSummary } from './chain-summary';
import { CitationView } from './citation-view';
import { EventsPanel } from './events-panel';
import { shownResult, useResponseChain } from './use-response-chain';
import { useResponsesVersion, VERSION_LABELS } from './version-store';
import './responses.css';

export interface ResponsesSectionProps {
  host: HostApi;
  /** Relative path of the open recording. */
  path: string;
  /** Changes when the file changes (its mtime): the chain is asked for again. */
  stamp: number;
  kind: RecordingKind | null;
  /** Step index of the player. */
  position: number;
}

const NOT_CHAT = 'Responses events exist for chat-completion recordings only: a Responses request drives streaming chat completions, one recording per turn.';

export function ResponsesSection(props: ResponsesSectionProps): JSX.Element {
  if (props.kind !== 'chat') {
    return (
      <section className="rs-section" aria-label="Responses events">
        <p className="tl-muted tl-small">{NOT_CHAT}</p>
      </section>
    );
  }
  return <ChatResponsesSection {...props} />;
}

function ChatResponsesSection({ host, path, stamp, position }: ResponsesSectionProps): JSX.Element {
  const [version, setVersion] = useResponsesVersion();
  const load = useResponseChain(host, path, version, stamp);
  const result = shownResult(load);
  if (load.status === 'error') {
    return (
      <section className="rs-section" aria-label="Responses events">
        <p role="alert" className="error-box">The turn chain could not be built: {load.message}</p>
      </section>
    );
  }
  if (!result) {
    return (
      <section className="rs-section" aria-label="Responses events" aria-busy="true">
        <p className="tl-muted">Finding the turn chain…</p>
      </section>
    );
  }
  if (!result.chain) {
    return (
      <section className="rs-section" aria-label="Responses events">
        <p className="tl-muted tl-small">{result.note}</p>
      </section>
    );
  }
  return (
    <div className="rs-section">
      <EventsPanel result={result} position={position} version={version} onVersion={setVersion} loading={load.status === 'loading'} />
      <ChainSummary result={result} />
    </div>
  );
}

export function CitationsTab({ host, path, stamp, kind }: Omit<ResponsesSectionProps, 'position'>): JSX.Element {
  if (kind !== 'chat') {
    return (
      <section className="ct-root" aria-label="Citations">
        <p className="tl-muted">Citations belong to Responses answers. {NOT_CHAT}</p>
      </section>
    );
  }
  return <ChatCitations host={host} path={path} stamp={stamp} />;
}

function ChatCitations({ host, path, stamp }: { host: HostApi; path: string; stamp: number }): JSX.Element {
  const [version] = useResponsesVersion();
  const load = useResponseChain(host, path, version, stamp);
  const result = shownResult(load);
  if (load.status === 'error') return <p role="alert" className="error-box">The turn chain could not be built: {load.message}</p>;
  if (!result) return <p className="tl-muted">Finding the turn chain…</p>;
  return (
    <div className="tl-root">
      <CitationView result={result} />
      <p className="tl-muted tl-small">Derived for the {VERSION_LABELS[version]} server (choose in the Response tab’s events panel).</p>
      {result.chain && <ChainSummary result={result} />}
    </div>
  );
}
