/** Tool calls inside assistant messages and the links between calls and their answers. */
import type { JSX } from 'react';
import { JsonBlock } from './json-block';
import { LongText } from './long-text';
import { JumpLink, useNav } from './nav';
import type { ToolArgs, ToolCallInfo, ToolLink } from './transcript';

function ArgumentsView({ args, name }: { args: ToolArgs; name: string }): JSX.Element {
  switch (args.state) {
    case 'json':
    case 'object':
      return <JsonBlock value={args.value} label={args.state === 'object' ? 'Arguments (structured)' : 'Arguments'} name={`Arguments of ${name}`} />;
    case 'invalid':
      return (
        <div className="rv-args-invalid">
          <p className="rv-inline-warn">Arguments are not valid JSON ({args.error}); shown as recorded:</p>
          <LongText text={args.raw} mono />
        </div>
      );
    case 'empty':
      return <p className="rv-muted rv-small">(empty arguments string)</p>;
    default:
      return <p className="rv-muted rv-small">(no arguments)</p>;
  }
}

export function ToolCallView({ call }: { call: ToolCallInfo }): JSX.Element {
  const nav = useNav();
  const flash = nav.highlighted === call.anchorId;
  return (
    <div
      role="group"
      aria-label={`tool call ${call.name}`}
      id={nav.idPrefix + call.anchorId}
      tabIndex={-1}
      className={flash ? 'rv-call rv-flash' : 'rv-call'}
    >
      <div className="rv-call-head">
        <span className="rv-chip rv-chip-call">tool call</span>
        <span className="rv-call-name">{call.name}</span>
        {call.id && <code className="rv-call-id" title="tool call id">{call.id}</code>}
        {call.type && call.type !== 'function' && <span className="rv-chip">{call.type}</span>}
        <span className="rv-call-answers">
          {call.answeredBy.length === 0 ? (
            <span className="rv-muted">no answer in this request</span>
          ) : (
            call.answeredBy.map((n, i) => (
              <span key={n}>
                {i > 0 && ', '}
                <JumpLink to={`msg-${n}`}>{`answered by message #${n}`}</JumpLink>
              </span>
            ))
          )}
        </span>
      </div>
      <ArgumentsView args={call.args} name={call.name} />
      {call.extra && <JsonBlock value={call.extra} label="Other call fields" name={`Other fields of tool call ${call.name}`} defaultCollapsed />}
    </div>
  );
}

/** "answers tool call get_weather" link shown on a tool message / tool result. */
export function AnswerLink({ link }: { link: ToolLink }): JSX.Element {
  const ref = link.toolCallId ?? link.name ?? '?';
  if (!link.target) {
    return (
      <span className="rv-answer rv-answer-missing">
        answers <code>{ref}</code> <span className="rv-warn-text">(no such tool call in this request)</span>
      </span>
    );
  }
  const target = link.target;
  return (
    <span className="rv-answer">
      <JumpLink to={target.anchorId} title={`Go to the call in message #${target.messageNumber}`}>
        {`answers tool call ${target.name}`}
      </JumpLink>
      {link.toolCallId && <> <code className="rv-call-id">{link.toolCallId}</code></>}
      <span className="rv-muted"> (message #{target.messageNumber})</span>
    </span>
  );
}
