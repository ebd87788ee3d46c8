/** Transport buttons, speed choice and the position readout of the stream timeline. */
import { memo, type JSX } from 'react';
import type { PlaybackUnit } from '../../../shared/host-api';
import { positionReadout } from './format';
import { decodeSpeed, encodeSpeed, speedOptionsFor } from './speed';
import './timeline.css';

export interface PlaybackControlsProps {
  position: number;
  steps: number;
  playing: boolean;
  rate: number;
  unit: PlaybackUnit;
  onSeek(position: number): void;
  onToggle(): void;
  onSpeed(rate: number, unit: PlaybackUnit): void;
}

export const PlaybackControls = memo(function PlaybackControls(props: PlaybackControlsProps): JSX.Element {
  const { position, steps, playing, rate, unit } = props;
  const last = steps - 1;
  const atStart = position <= -1;
  const atEnd = position >= last;
  return (
    <div className="tl-controls">
      <button type="button" className="tl-btn" aria-label="Jump to start" title="Jump to start (Home)" aria-disabled={atStart}
        onClick={() => props.onSeek(-1)}><Icon d={ICONS.start} /></button>
      <button type="button" className="tl-btn" aria-label="Step back" title="Step back (←)" aria-disabled={atStart}
        onClick={() => props.onSeek(position - 1)}><Icon d={ICONS.back} /></button>
      <button type="button" className="tl-btn tl-play" aria-label={playing ? 'Pause' : 'Play'} title={playing ? 'Pause (Space)' : 'Play (Space)'}
        aria-disabled={steps <= 0} onClick={props.onToggle}><Icon d={playing ? ICONS.pause : ICONS.play} /></button>
      <button type="button" className="tl-btn" aria-label="Step forward" title="Step forward (→)" aria-disabled={atEnd}
        onClick={() => props.onSeek(position + 1)}><Icon d={ICONS.forward} /></button>
      <button type="button" className="tl-btn" aria-label="Jump to end" title="Jump to end (End)" aria-disabled={atEnd}
        onClick={() => props.onSeek(last)}><Icon d={ICONS.end} /></button>
      <label className="tl-speed">
        <span className="tl-muted">Speed</span>
        <select aria-label="Speed" value={encodeSpeed(rate, unit)}
          onChange={(e) => {
            const s = decodeSpeed(e.currentTarget.value);
            if (s) props.onSpeed(s.rate, s.unit);
          }}>
          <optgroup label="Chunks per second">
            {speedOptionsFor(rate, unit).filter((o) => o.unit === 'chunks').map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </optgroup>
          <optgroup label="Tokens per second (≈ 4 characters)">
            {speedOptionsFor(rate, unit).filter((o) => o.unit === 'tokens').map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </optgroup>
        </select>
      </label>
      <output className="tl-readout" aria-live="off" title="Chunk shown / chunks (the link's ?chunk=)">
        chunk {positionReadout(position, steps)}
      </output>
    </div>
  );
});

/** 16×16 icon paths (no icon font needed). */
const ICONS = {
  start: 'M2 3h2v10H2zM9.5 3v10L4.5 8zM15 3v10l-5-5z',
  back: 'M11 3v10L4 8zM12 3h2v10h-2z',
  play: 'M4 2.5v11L13.5 8z',
  pause: 'M4 3h3v10H4zM9 3h3v10H9z',
  forward: 'M5 3v10l7-5zM2 3h2v10H2z',
  end: 'M1 3v10l5-5zM6.5 3v10l5-5zM12 3h2v10h-2z',
} as const;

function Icon({ d }: { d: string }): JSX.Element {
  return (
    <svg className="tl-icon" width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d={d} fill="currentColor" />
    </svg>
  );
}
