/** The transcript: one block per message with role badge, content parts, tool calls and answers. */
import type { JSX } from 'react';
import { JsonBlock } from './json-block';
import { LongText } from './long-text';
import { AudioAttachment, FileAttachment, ImageAttachment } from './media';
import { useNav } from './nav';
import { AnswerLink, ToolCallView } from './tool-calls';
import { ToolMessageBody } from '../responses/search-result-cards';
import type { Part, Transcript, TranscriptMessage } from './transcript';

export function PartView({ part }: { part: Part }): JSX.Element {
  switch (part.kind) {
    case 'text':
      if (part.label) {
        return (
          <div className={`rv-part rv-part-labelled rv-part-${part.label.replace(/\W+/g, '-')}`}>
            <span className="rv-chip">{part.label}</span>
            <LongText text={part.text} />
          </div>
        );
      }
      return (
        <div className="rv-part">
          <LongText text={part.text} />
        </div>
      );
    case 'image':
      return <ImageAttachment url={part.url} {...(part.detail ? { detail: part.detail } : {})} {...(part.note ? { note: part.note } : {})} />;
    case 'audio':
      return <AudioAttachment format={part.format} data={part.data} {...(part.url ? { url: part.url } : {})} />;
    case 'file':
      return (
        <FileAttachment filename={part.filename} fileId={part.fileId} data={part.data}
          {...(part.url ? { url: part.url } : {})} {...(part.mime ? { mime: part.mime } : {})} />
      );
    case 'tool_call':
      return <ToolCallView call={part.call} />;
    case 'tool_result':
      return (
        <div className={part.isError ? 'rv-result rv-result-error' : 'rv-result'}>
          <div className="rv-result-head">
            <span className="rv-chip rv-chip-result">{part.isError ? 'tool error' : 'tool result'}</span>
            <AnswerLink link={part.link} />
          </div>
          <PartList parts={part.parts} />
        </div>
      );
    default:
      return (
        <div className="rv-part">
          <JsonBlock value={part.value} label={part.label} />
        </div>
      );
  }
}

export function PartList({ parts }: { parts: Part[] }): JSX.Element {
  if (parts.length === 0) return <p className="rv-muted rv-small">(empty content)</p>;
  return (
    <>
      {parts.map((p, i) => (
        <PartView key={i} part={p} />
      ))}
    </>
  );
}

export function MessageView({ message }: { message: TranscriptMessage }): JSX.Element {
  const nav = useNav();
  const m = message;
  const cls = ['rv-msg', `rv-msg-${m.roleClass}`, nav.highlighted === m.anchorId ? 'rv-flash' : ''].filter(Boolean).join(' ');
  return (
    <li role="listitem" id={nav.idPrefix + m.anchorId} aria-label={`${m.role} message ${m.number}`} tabIndex={-1} className={cls}>
      <div className="rv-msg-head">
        <span className="rv-msg-num">#{m.number}</span>
        <span className={`rv-role rv-role-${m.roleClass}`}>{m.role}</span>
        {m.name && (
          <span className="rv-muted">
            name <code>{m.name}</code>
          </span>
        )}
        {m.answers && <AnswerLink link={m.answers} />}
      </div>
      {m.issue && <p className="rv-inline-warn">{m.issue}</p>}
      <div className="rv-msg-body">
        {m.roleClass === 'tool' ? <ToolMessageBody message={m} raw={<PartList parts={m.parts} />} /> : <PartList parts={m.parts} />}
      </div>
      {m.extra && <JsonBlock value={m.extra} label="Other message fields" name={`Other fields of message ${m.number}`} defaultCollapsed />}
    </li>
  );
}

export function TranscriptView({ transcript }: { transcript: Transcript }): JSX.Element {
  const n = transcript.messages.length;
  const calls = transcript.calls.length;
  const unanswered = transcript.calls.filter((c) => c.answeredBy.length === 0).length;
  return (
    <section className="rv-section">
      <h4 className="rv-h4">
        Messages <span className="rv-count">{n}</span>
        {calls > 0 && (
          <span className="rv-h-note">
            {calls} tool call{calls === 1 ? '' : 's'}
            {unanswered > 0 && `, ${unanswered} without answer`}
          </span>
        )}
      </h4>
      {transcript.issues.map((issue) => (
        <p key={issue} role="note" className="rv-notice rv-notice-warning">{issue}</p>
      ))}
      {n === 0 ? (
        <p className="rv-muted">No messages.</p>
      ) : (
        <ol role="list" aria-label="Messages" className="rv-transcript">
          {transcript.messages.map((m) => (
            <MessageView key={m.number} message={m} />
          ))}
        </ol>
      )}
    </section>
  );
}
