/**
 * The citation view of a Responses chain: the final answer with every marker turned into a chip,
 * the annotations exactly as the server computes them (file_id, filename, code-point index into the
 * cleaned text), and, for each chip, the chunk(s) it resolves to. Markers the server leaves
 * unannotated are flagged with the reason.
 */
import { useEffect, useMemo, useRef, useState, type JSX } from 'react';
import type { ChunkRefView, CitationMarkerView, CitationsView, ResponseChainResult } from '../../../shared/response-chain-view';
import { around, chipName, codePoints, markerFilename, REASON_LONG, REASON_SHORT, scoreText, segments } from './citation-logic';
import { RecordingLink } from './chain-summary';
import { AttributesTable } from './search-result-cards';
import './responses.css';

export function CitationView({ result }: { result: ResponseChainResult }): JSX.Element {
  const stream = result.stream;
  const chain = result.chain;
  if (!chain || !stream) {
    return (
      <section className="ct-root" aria-label="Citations">
        <p className="tl-muted">{result.note ?? 'No Responses stream for this recording.'}</p>
      </section>
    );
  }
  const answer = chain.turns.find((t) => t.index === stream.answerTurn);
  const c = stream.citations;
  return (
    <section className="ct-root" aria-label="Citations">
      <h4 className="tl-h4">
        Citations
        {c && <span className="tl-badge">{c.annotations.length} annotation{c.annotations.length === 1 ? '' : 's'}</span>}
        {c && c.markers.length > 0 && <span className="tl-badge">{c.markers.length} marker{c.markers.length === 1 ? '' : 's'}</span>}
        {c && c.markers.some((m) => !m.annotated) && <span className="tl-badge tl-badge-partial">{c.markers.filter((m) => !m.annotated).length} not annotated</span>}
      </h4>
      {!c || !answer ? (
        <p className="tl-muted">
          This response ends without a final message ({stream.terminal === 'none' ? 'its last turn is missing' : `response.${stream.terminal}`}), so there is nothing to cite.
        </p>
      ) : (
        <>
          <p className="ct-lead">
            Final answer of turn {answer.index} (<RecordingLink path={answer.path} current={answer.path === result.path} />).
            Each marker is a chip; annotations are computed as the server computes them, with indexes in code points of the cleaned text.
          </p>
          <AnswerWithChips citations={c} />
          {c.markers.length === 0 && <p className="tl-muted">The answer has no citation markers.</p>}
          <AnnotationsTable citations={c} />
          {c.deltasReproduceText === false && (
            <p className="ev-note ev-note-warn">The streamed deltas do not add up to the final text.</p>
          )}
        </>
      )}
    </section>
  );
}

function AnswerWithChips({ citations: c }: { citations: CitationsView }): JSX.Element {
  const [open, setOpen] = useState<number | null>(null);
  const segs = useMemo(() => segments(c.rawText, c.markers), [c]);
  return (
    <>
      <div className="ct-answer" aria-label="Final answer with citations">
        {segs.map((s, i) =>
          s.kind === 'text' ? <span key={i}>{s.text}</span> : <Chip key={i} citations={c} index={s.marker} onOpen={() => setOpen(s.marker)} />,
        )}
      </div>
      {open !== null && c.markers[open] && <ChunkDialog citations={c} marker={c.markers[open]} onClose={() => setOpen(null)} />}
    </>
  );
}

function Chip({ citations: c, index, onOpen }: { citations: CitationsView; index: number; onOpen: () => void }): JSX.Element {
  const m = c.markers[index]!;
  const filename = markerFilename(c, m);
  const flagged = !m.annotated;
  return (
    <span className="ct-chip-wrap">
      <button type="button" className={flagged ? 'ct-chip ct-chip-flagged' : 'ct-chip'} aria-label={chipName(c, m)} onClick={onOpen}
        title={flagged && m.reason ? REASON_LONG[m.reason] : `${m.id} → annotation ${m.annotationIndex! + 1}`}>
        {flagged ? <span aria-hidden="true">⚠ </span> : <span className="ct-chip-n">{m.annotationIndex! + 1}</span>}
        {filename ?? shortId(m.id)}
      </button>
      {flagged && m.reason && (
        <span className="ct-flag" role="note">not annotated: {REASON_SHORT[m.reason]}{m.stripped ? '' : ' (left in the text)'}</span>
      )}
    </span>
  );
}

function shortId(id: string): string {
  const t = id.trim();
  return t.length > 18 ? `${t.slice(0, 8)}…${t.slice(-6)}` : t || '(empty)';
}

function AnnotationsTable({ citations: c }: { citations: CitationsView }): JSX.Element {
  const cleaned = useMemo(() => codePoints(c.cleanedText), [c]);
  return (
    <div className="ct-annotations">
      <div className="ct-table-wrap">
      <table className="ct-table" aria-label="Annotations">
        <caption>Annotations of the final response ({c.annotations.length}) — <code>output[…].content[0].annotations</code></caption>
        <thead>
          <tr><th>#</th><th>type</th><th>file_id</th><th>filename</th><th>index</th><th>cleaned text at index</th></tr>
        </thead>
        <tbody>
          {c.annotations.length === 0 && <tr><td colSpan={6} className="tl-muted">none</td></tr>}
          {c.annotations.map((a, i) => {
            const [before, at, after] = around(cleaned, a.index, 16);
            return (
              <tr key={i}>
                <td>{i}</td>
                <td><code>{a.type}</code></td>
                <td><code>{a.file_id}</code></td>
                <td>{a.filename}</td>
                <td className="ct-num">{a.index}</td>
                <td className="ct-context"><span className="tl-muted">…{before}</span><mark>{at || '∎'}</mark><span className="tl-muted">{after}</span></td>
              </tr>
            );
          })}
        </tbody>
      </table>
      </div>
      <p className="tl-muted tl-small">Cleaned text: {cleaned.length} code points (every <code>{"<|file-…|>"}</code> marker removed, with at most one space before it).</p>
    </div>
  );
}

function ChunkDialog({ citations: c, marker: m, onClose }: { citations: CitationsView; marker: CitationMarkerView; onClose: () => void }): JSX.Element {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) {
      try {
        d.showModal();
      } catch {
        d.setAttribute('open', '');
      }
    }
    return () => d?.close();
  }, []);
  const annotation = m.annotationIndex !== null ? c.annotations[m.annotationIndex] : undefined;
  return (
    <dialog ref={ref} className="ct-dialog" aria-label="Cited chunk" onClose={onClose}>
      <div className="ct-dialog-head">
        <strong><code>{m.raw}</code></strong>
        {annotation ? (
          <span className="tl-badge tl-badge-ok">annotation {m.annotationIndex} · index {annotation.index}</span>
        ) : (
          <span className="tl-badge tl-badge-partial">not annotated{m.reason ? `: ${REASON_SHORT[m.reason]}` : ''}</span>
        )}
        <button type="button" className="rv-btn rv-btn-small ct-close" onClick={() => ref.current?.close()} aria-label="Close">Close</button>
      </div>
      {m.reason && <p className="ev-note ev-note-warn">{REASON_LONG[m.reason]}</p>}
      <p className="tl-small">Resolution: {m.resolution.note}{m.startStep !== null && <> · streamed in chunks {m.startStep}–{m.endStep}</>}</p>
      {m.resolution.chunks.length === 0 ? (
        <p className="tl-muted">No chunk of any search in this chain has this id.</p>
      ) : (
        m.resolution.chunks.map((r, i) => <ChunkCard key={i} refView={r} />)
      )}
    </dialog>
  );
}

function ChunkCard({ refView: r }: { refView: ChunkRefView }): JSX.Element {
  const ch = r.chunk;
  return (
    <article className="ct-chunk" aria-label={`chunk ${ch.rank} ${ch.filename ?? 'unknown'}`}>
      <dl className="ct-fields">
        <dt>filename</dt><dd>{ch.filename ?? <span className="tl-muted">unknown (not in transcript)</span>}</dd>
        <dt>document id</dt><dd><code>{ch.documentId}</code></dd>
        <dt>score</dt><dd className="ct-num">{scoreText(ch.score, ch.scoreText)}</dd>
        <dt>rank</dt><dd>[{ch.rank}]{r.query !== null && <> of the search for “{r.query}”</>}</dd>
        <dt>from</dt><dd>{r.scope === 'current' ? `turn ${r.turn ?? '?'}` : 'an earlier response'}{r.toolCallId && <> · tool call <code>{r.toolCallId}</code></>}</dd>
      </dl>
      <AttributesTable chunk={ch} />
      <div className="ct-chunk-text" aria-label="Chunk text">{ch.text}</div>
    </article>
  );
}
