/**
 * The reconstruction pane: the answer as it stood after chunk k, with the text chunk k added marked.
 * Cheap to re-render on every scrub frame: stateAt is O(1), texts are one text node plus one <mark>,
 * tool calls and usage are memoised on primitive props / stable objects.
 */
import { memo, useLayoutEffect, useMemo, useRef, type JSX } from 'react';
import { stateAt, type ChoiceState, type Step, type Timeline, type TimelineError, type ToolCallState } from '../../../shared/stream';
import { toJsonText } from '../request-view/json-format';
import { addedText, flattenUsage, splitLast } from './format';
import './timeline.css';

export interface ReconstructionPaneProps {
  timeline: Timeline;
  /** Step index: -1 = before the first chunk. */
  position: number;
}

/** Memoised on (timeline, position): echoes of the host clock that do not move the position cost nothing. */
export const ReconstructionPane = memo(function ReconstructionPane({ timeline, position }: ReconstructionPaneProps): JSX.Element {
  const state = stateAt(timeline, position);
  const step = state.position >= 0 ? timeline.steps[state.position] : undefined;
  const many = state.choices.length > 1;
  return (
    <section className="tl-pane" aria-label="Reconstructed answer">
      <div className={many ? 'tl-choices tl-choices-many' : 'tl-choices'}>
        {state.choices.map((c, i) => (
          <ChoiceView key={c.index} choice={c} step={step} title={many ? `Choice ${c.index}` : null}
            testSuffix={i === 0 ? '' : `-${c.index}`} />
        ))}
      </div>
      {state.usage && <UsageTable usage={state.usage} fresh={step?.added.some((d) => d.field === 'usage') ?? false} />}
      {state.error && <StreamErrorLine error={state.error} />}
    </section>
  );
});

function ChoiceView({ choice, step, title, testSuffix }: {
  choice: ChoiceState; step: Step | undefined; title: string | null; testSuffix: string;
}): JSX.Element {
  const i = choice.index;
  const finishFresh = step?.added.some((d) => d.choice === i && d.field === 'finish') ?? false;
  return (
    <section className="tl-choice" aria-label={title ?? 'Answer'}>
      {title && <h4 className="tl-h4">{title}</h4>}
      <div className="tl-choice-meta">
        {choice.role !== null && <span className="tl-chip">{choice.role}</span>}
      </div>
      {choice.reasoning && (
        <section className="tl-reasoning" aria-label="Reasoning">
          <h5 className="tl-h5">Reasoning</h5>
          <FollowText text={choice.reasoning} added={addedText(step, i, 'reasoning')} testId={`reasoning-text${testSuffix}`} />
        </section>
      )}
      <FollowText text={choice.content} added={addedText(step, i, 'content')} testId={`answer-text${testSuffix}`} className="tl-content" />
      {choice.refusal && (
        <section className="tl-refusal" aria-label="Refusal">
          <h5 className="tl-h5">Refusal</h5>
          <FollowText text={choice.refusal} added={addedText(step, i, 'refusal')} testId={`refusal-text${testSuffix}`} />
        </section>
      )}
      {choice.toolCalls.length > 0 && (
        <div className="tl-tools">
          {choice.toolCalls.map((t) => (
            <ToolCallView key={t.index} id={t.id} name={t.name} args={t.arguments} parse={t.argumentsParse}
              parsed={t.parsedArguments} added={addedText(step, i, 'toolArgs', t.index)}
              fresh={step?.added.some((d) => d.choice === i && d.toolIndex === t.index) ?? false} />
          ))}
        </div>
      )}
      <p className={finishFresh ? 'tl-finish tl-fresh' : 'tl-finish'}>
        <span className="tl-muted">finish reason </span>
        {choice.finishReason !== null ? <code>{choice.finishReason}</code> : <span className="tl-muted">— not yet</span>}
      </p>
    </section>
  );
}

/**
 * Text so far as one text node, plus the part the current chunk added in <mark class="last-delta">.
 * Keeps the mark scrolled into view inside its own box (never scrolls ancestors).
 */
function FollowText({ text, added, testId, className }: { text: string; added: string; testId: string; className?: string }): JSX.Element {
  const boxRef = useRef<HTMLDivElement>(null);
  const markRef = useRef<HTMLElement>(null);
  const [before, last] = splitLast(text, added);
  useLayoutEffect(() => {
    const box = boxRef.current;
    const mark = markRef.current;
    if (!box || !mark || box.scrollHeight <= box.clientHeight) return;
    const top = mark.offsetTop;
    const bottom = top + mark.offsetHeight;
    if (bottom > box.scrollTop + box.clientHeight) box.scrollTop = bottom - box.clientHeight + 6;
    else if (top < box.scrollTop) box.scrollTop = Math.max(0, top - 6);
  }, [text.length]);
  return (
    <div ref={boxRef} className={className ? `tl-text ${className}` : 'tl-text'} data-testid={testId}>
      {before}
      {last && <mark ref={markRef} className="last-delta">{last}</mark>}
    </div>
  );
}

const ToolCallView = memo(function ToolCallView({ id, name, args, parse, parsed, added, fresh }: {
  id: string | null; name: string | null; args: string; parse: ToolCallState['argumentsParse']; parsed: unknown; added: string; fresh: boolean;
}) {
  const pretty = useMemo(() => (parse === 'complete' ? toJsonText(parsed) : null), [parse, parsed]);
  const [before, last] = splitLast(args, added);
  const shownName = name ?? '(no name yet)';
  return (
    <div role="group" aria-label={`tool call ${shownName}`} className={fresh ? 'tl-tool tl-fresh' : 'tl-tool'}>
      <div className="tl-tool-head">
        <span className="tl-chip tl-chip-tool">tool call</span>
        <span className="tl-tool-name">{shownName}</span>
        {id && <code className="tl-muted tl-tool-id">{id}</code>}
        <span className={parse === 'complete' ? 'tl-badge tl-badge-ok' : 'tl-badge tl-badge-partial'}>
          {parse === 'complete' ? 'complete' : 'partial'}
        </span>
      </div>
      {pretty !== null ? (
        <pre className="tl-args" aria-label={`Arguments of ${shownName}`}>{pretty}</pre>
      ) : (
        <pre className="tl-args tl-args-raw" aria-label={`Arguments of ${shownName} (partial)`}>
          {before}
          {last && <mark className="last-delta">{last}</mark>}
          {!args && <span className="tl-muted">(no arguments yet)</span>}
        </pre>
      )}
    </div>
  );
});

export const UsageTable = memo(function UsageTable({ usage, fresh }: { usage: Readonly<Record<string, unknown>>; fresh: boolean }) {
  const rows = useMemo(() => flattenUsage(usage), [usage]);
  return (
    <table className={fresh ? 'tl-usage tl-fresh' : 'tl-usage'} aria-label="Usage">
      <caption>Usage</caption>
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k}><th scope="row">{k}</th><td>{v}</td></tr>
        ))}
      </tbody>
    </table>
  );
});

function StreamErrorLine({ error }: { error: TimelineError }): JSX.Element {
  return (
    <p className="tl-stream-error">
      <strong>The stream ended with an exception:</strong> {error.type}
      {error.status !== undefined && <> (status {error.status})</>}
      {error.message && <>: {error.message}</>}
    </p>
  );
}
