/**
 * RequestView: the `request` of one recording, shown meaningfully for every kind of spec §3
 * (chat transcript with linked tool calls, prompts, embedding inputs, model lists, raw HTTP,
 * tool invocations, file processors). Never throws: odd shapes become notices.
 */
import { Component, useMemo, useRef, type ErrorInfo, type JSX, type ReactNode } from 'react';
import { EnvelopeView } from './envelope';
import { idSafe } from './json-format';
import { JsonBlock } from './json-block';
import {
  EmbeddingInputsView, FileProcessorView, ImagesView, ModelListView, PayloadView, PromptView, SystemView, ToolInvocationView,
} from './kind-views';
import { TranscriptView } from './message-view';
import { NavProvider, useNavState } from './nav';
import { ParametersSection } from './parameters';
import { analyzeRecord, type RequestModel } from './request-model';
import { ResponseFormatView, ToolChoiceView, ToolDefinitions } from './tool-definitions';
import { transcriptFromList } from './transcript';
import './request-view.css';

export interface RequestViewProps {
  /** A parsed recording (JSON.parse output); anything else is shown with a notice. */
  record: unknown;
  /** Shows an "Open raw JSON" button. */
  onOpenRaw?: () => void;
  /** Prefix for element ids (`msg-<n>`, `call-<id>`) when several views share a page. */
  idPrefix?: string;
}

function OpenRawButton({ onOpenRaw }: { onOpenRaw?: () => void }): JSX.Element | null {
  if (!onOpenRaw) return null;
  return (
    <button type="button" className="rv-btn rv-btn-small" onClick={onOpenRaw}>
      Open raw JSON
    </button>
  );
}

function Notices({ model }: { model: RequestModel }): JSX.Element | null {
  if (model.notices.length === 0) return null;
  return (
    <div className="rv-notices">
      {model.notices.map((n, i) => (
        <p key={i} role="note" className={`rv-notice rv-notice-${n.level}`}>
          {n.level === 'warning' ? <strong>Unexpected shape: </strong> : null}
          {n.text}
        </p>
      ))}
    </div>
  );
}

function Content({ model }: { model: RequestModel }): JSX.Element {
  const transcript = useMemo(() => (model.conversation !== undefined ? transcriptFromList(model.conversation) : null), [model]);
  return (
    <>
      {model.variant === 'tool' && <ToolInvocationView model={model} />}
      {model.variant === 'file-processor' && <FileProcessorView model={model} />}
      {model.variant === 'model-list' && <ModelListView model={model} />}
      {model.parameters !== null && (model.parameters.length > 0 || model.variant !== 'model-list') && (
        <ParametersSection entries={model.parameters} />
      )}
      {model.system && <SystemView label={model.system.label} value={model.system.value} />}
      {model.prompt !== undefined && <PromptView prompt={model.prompt} />}
      {model.images !== undefined && <ImagesView images={model.images} />}
      {model.inputs !== undefined && <EmbeddingInputsView inputs={model.inputs} />}
      {transcript && <TranscriptView transcript={transcript} />}
      {model.tools && <ToolDefinitions tools={model.tools} />}
      {model.toolChoice !== undefined && <ToolChoiceView value={model.toolChoice} />}
      {model.responseFormat !== undefined && <ResponseFormatView value={model.responseFormat} />}
      {model.payload !== undefined && (
        <PayloadView value={model.payload} label={model.kind === 'http' ? 'Payload' : model.kind === 'inference' ? 'Body' : 'Value'} />
      )}
    </>
  );
}

let viewSeq = 0;
const recordKeys = new WeakMap<object, number>();

/** A key that changes when the record changes, so per-record UI state (expanded blocks) resets. */
function recordKey(record: unknown): string {
  if (typeof record !== 'object' || record === null) return `v:${String(record)}`;
  let k = recordKeys.get(record);
  if (k === undefined) {
    k = ++viewSeq;
    recordKeys.set(record, k);
  }
  return `o:${k}`;
}

function RequestViewInner(props: RequestViewProps): JSX.Element {
  const prefix = props.idPrefix ? idSafe(props.idPrefix) : '';
  const rootRef = useRef<HTMLDivElement>(null);
  const nav = useNavState(rootRef, prefix);
  const model = useMemo(() => analyzeRecord(props.record), [props.record]);
  return (
    <NavProvider value={nav}>
      <div className="rv-root" ref={rootRef}>
        <header className="rv-header">
          <h3 className="rv-h3">Request</h3>
          <span className={`rv-kind rv-kind-${model.kind}`}>{model.label}</span>
          <span className="rv-spacer" />
          <OpenRawButton {...(props.onOpenRaw ? { onOpenRaw: props.onOpenRaw } : {})} />
        </header>
        <Notices model={model} />
        <EnvelopeView model={model} />
        <Content key={recordKey(props.record)} model={model} />
      </div>
    </NavProvider>
  );
}

interface BoundaryProps {
  record: unknown;
  onOpenRaw?: () => void;
  children: ReactNode;
}

/** Last line of defence: a rendering bug shows a notice and the raw request instead of a blank pane. */
class RequestViewBoundary extends Component<BoundaryProps, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('RequestView failed to render', error, info.componentStack);
  }

  override componentDidUpdate(prev: BoundaryProps): void {
    if (prev.record !== this.props.record && this.state.error) this.setState({ error: null });
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    const r = this.props.record;
    const request = typeof r === 'object' && r !== null && 'request' in r ? (r as { request: unknown }).request : r;
    return (
      <div className="rv-root">
        <header className="rv-header">
          <h3 className="rv-h3">Request</h3>
          <span className="rv-spacer" />
          <OpenRawButton {...(this.props.onOpenRaw ? { onOpenRaw: this.props.onOpenRaw } : {})} />
        </header>
        <p role="alert" className="rv-notice rv-notice-warning">
          <strong>This request could not be displayed</strong> ({this.state.error.message}). It is shown as JSON below.
        </p>
        <JsonBlock value={request} label="Request" />
      </div>
    );
  }
}

export function RequestView(props: RequestViewProps): JSX.Element {
  return (
    <RequestViewBoundary record={props.record} {...(props.onOpenRaw ? { onOpenRaw: props.onOpenRaw } : {})}>
      <RequestViewInner {...props} />
    </RequestViewBoundary>
  );
}
