/**
 * A knowledge_search / file_search tool result as cards under its tool message: one card per chunk
 * (rank, filename, document id, score, attributes, text), linked to the tool call it answers. The
 * raw text stays one click away. Any other tool message is shown as it is.
 */
import { useMemo, useState, type JSX, type ReactNode } from 'react';
import { chunkView, type ChunkView } from '../../../shared/response-chain-view';
import { looksLikeFileSearchResult, parseFileSearchResult, type FileSearchResult } from '../../../shared/responses/index';
import { LongText } from '../request-view/long-text';
import { JumpLink } from '../request-view/nav';
import type { Part, TranscriptMessage } from '../request-view/transcript';
import { scoreText } from './citation-logic';
import './responses.css';

/** The tool message's content as the parser wants it: one string, or the list of text parts. */
export function toolContentFromParts(parts: readonly Part[]): string | string[] | null {
  if (parts.length === 0 || parts.some((p) => p.kind !== 'text' || p.label !== undefined)) return null;
  const texts = parts.map((p) => (p.kind === 'text' ? p.text : ''));
  return texts.length === 1 ? texts[0]! : texts;
}

export interface ParsedToolMessage {
  readonly result: FileSearchResult;
  readonly chunks: readonly ChunkView[];
}

/** Parse a transcript tool message as a file-search result; null when it is not one. */
export function parseToolMessage(message: TranscriptMessage): ParsedToolMessage | null {
  if (message.roleClass !== 'tool') return null;
  const content = toolContentFromParts(message.parts);
  if (content === null || !looksLikeFileSearchResult(content)) return null;
  const target = message.answers?.target ?? null;
  const args = target?.args.state === 'json' ? target.args.raw : null;
  const result = parseFileSearchResult(content, { toolCallId: message.answers?.toolCallId ?? null, argumentsJson: args });
  if (!result.recognised) return null;
  return { result, chunks: result.chunks.map(chunkView) };
}

/** The body of a tool message: cards when it is a search result, else the raw parts as they are. */
export function ToolMessageBody({ message, raw }: { message: TranscriptMessage; raw: ReactNode }): JSX.Element {
  const parsed = useMemo(() => parseToolMessage(message), [message]);
  const [showRaw, setShowRaw] = useState(false);
  if (!parsed) return <>{raw}</>;
  return (
    <>
      <SearchResultCards parsed={parsed} message={message} />
      <button type="button" className="rv-btn rv-btn-small sr-raw-toggle" aria-expanded={showRaw} onClick={() => setShowRaw(!showRaw)}>
        {showRaw ? 'Hide raw text' : 'Show raw text'}
      </button>
      {showRaw && <div className="sr-raw">{raw}</div>}
    </>
  );
}

export function SearchResultCards({ parsed, message }: { parsed: ParsedToolMessage; message: TranscriptMessage }): JSX.Element {
  const { result, chunks } = parsed;
  const target = message.answers?.target ?? null;
  return (
    <section className="sr-root" aria-label="Search results">
      <div className="sr-head">
        <span className="rv-chip rv-chip-result">{result.toolName ?? 'search'} result</span>
        <span>
          {chunks.length} chunk{chunks.length === 1 ? '' : 's'}
          {result.query !== null && <> for <q className="sr-query">{result.query}</q></>}
        </span>
        {target ? (
          <JumpLink to={target.anchorId} title={`Go to the call in message #${target.messageNumber}`}>{`from tool call ${target.name}`}</JumpLink>
        ) : (
          <span className="rv-warn-text">the tool call is not in this request</span>
        )}
        {result.instruction !== 'unknown' && result.instruction !== 'none' && (
          <span className="tl-badge" title="wording of the citation instruction">{result.instruction === 'v2510' ? '2025-10 wording' : 'current wording'}</span>
        )}
      </div>
      {result.issues.length > 0 && (
        <ul className="sr-issues" aria-label="Parse notes">
          {result.issues.map((i, k) => <li key={k} className="rv-inline-warn">{i.message}</li>)}
        </ul>
      )}
      {chunks.length === 0 ? (
        <p className="rv-muted rv-small">The search returned no chunk.</p>
      ) : (
        <div className="sr-cards">
          {chunks.map((c) => <ResultCard key={`${c.rank}-${c.documentId}`} chunk={c} />)}
        </div>
      )}
    </section>
  );
}

function ResultCard({ chunk: c }: { chunk: ChunkView }): JSX.Element {
  return (
    <article className="sr-card" aria-label={`result ${c.rank} ${c.filename ?? 'unknown'}`}>
      <div className="sr-card-head">
        <span className="sr-rank">[{c.rank}]</span>
        <span className="sr-filename">{c.filename ?? <span className="rv-muted">unknown filename</span>}</span>
        <span className="sr-score" title="score as printed">score {scoreText(c.score, c.scoreText)}</span>
        {c.score !== null && <ScoreBar score={c.score} />}
      </div>
      <div className="sr-ids">
        document_id <code>{c.documentId}</code>
        {c.fileId && c.fileId !== c.documentId && <> · file_id <code>{c.fileId}</code></>}
        {c.chunkId && <> · chunk_id <code>{c.chunkId}</code></>}
        {!c.cite.matchesDocumentId && <span className="rv-warn-text"> · cites <code>{c.cite.id ?? '(nothing)'}</code></span>}
      </div>
      <AttributesTable chunk={c} />
      <LongText text={c.text} className="sr-text" limit={4000} />
    </article>
  );
}

function ScoreBar({ score }: { score: number }): JSX.Element {
  const pct = Math.max(0, Math.min(1, score)) * 100;
  return <span className="sr-bar" aria-hidden="true"><span style={{ width: `${pct}%` }} /></span>;
}

export function AttributesTable({ chunk: c }: { chunk: ChunkView }): JSX.Element | null {
  if (c.attributes && c.attributes.length > 0) {
    return (
      <table className="sr-attrs" aria-label="Attributes">
        <tbody>
          {c.attributes.map((a, i) => (
            <tr key={i}>
              <th scope="row">{a.key}</th>
              <td className={a.kind === 'str' ? '' : 'sr-attr-literal'}>{a.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  if (c.attributesRaw) return <p className="sr-attrs-raw">attributes (as printed): <code>{c.attributesRaw}</code></p>;
  return null;
}
