/**
 * The raw JSON of chunk k and the deltas it added. Renders a deferred position, so dragging the
 * scrubber never waits for JSON pretty-printing: React drops stale renders of this pane.
 */
import { memo, useDeferredValue, type JSX } from 'react';
import type { Timeline } from '../../../shared/stream';
import { JsonBlock } from '../request-view/json-block';
import { describeDelta } from './format';
import './timeline.css';

export interface ChunkInspectorProps {
  timeline: Timeline;
  position: number;
}

export function ChunkInspector({ timeline, position }: ChunkInspectorProps): JSX.Element {
  const deferred = useDeferredValue(position);
  return <ChunkInspectorBody timeline={timeline} position={deferred} stale={deferred !== position} />;
}

const ChunkInspectorBody = memo(function ChunkInspectorBody({ timeline, position, stale }: ChunkInspectorProps & { stale: boolean }) {
  const step = position >= 0 ? timeline.steps[position] : undefined;
  return (
    <section className={stale ? 'tl-inspector tl-stale' : 'tl-inspector'} aria-label="Chunk inspector">
      <h4 className="tl-h4">
        {step ? `Chunk ${step.index}` : 'Before the first chunk'}
        {step && <span className="tl-kind" title="chunk kind">{shortKind(step.kind)}</span>}
        {step && position >= timeline.chunkCount && <span className="tl-badge tl-badge-error">recorded exception (not a chunk)</span>}
        {step?.lines && <span className="tl-muted tl-h-note">body lines {step.lines[0]}–{step.lines[1] - 1}</span>}
      </h4>
      {!step && <p className="tl-muted">Nothing received yet. Step forward (→) to see chunk 0.</p>}
      {step?.note && <p className="tl-note">{step.note}</p>}
      {step && (
        step.added.length > 0 ? (
          <ul className="tl-deltas" aria-label="Deltas added">
            {step.added.map((d, i) => {
              const { where, text } = describeDelta(d);
              return (
                <li key={i} className={`tl-delta tl-delta-${d.field}`}>
                  <span className="tl-delta-where">{where}</span> <code className="tl-delta-text">{text}</code>
                </li>
              );
            })}
          </ul>
        ) : (
          <p className="tl-muted tl-small">This chunk added nothing to the answer.</p>
        )
      )}
      {step && <JsonBlock value={step.raw} label={`Raw chunk ${step.index}`} name={`Chunk ${step.index} JSON`} />}
    </section>
  );
});

/** `openai.types.chat.chat_completion_chunk.ChatCompletionChunk` -> `ChatCompletionChunk`. */
export function shortKind(kind: string): string {
  const i = kind.lastIndexOf('.');
  return i >= 0 && /^[\w.]+$/.test(kind) ? kind.slice(i + 1) : kind;
}
