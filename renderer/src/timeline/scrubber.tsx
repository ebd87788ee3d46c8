/**
 * The stream scrubber: an accessible slider over positions -1 (before the first chunk) .. steps - 1,
 * one tick per chunk drawn on a canvas (redrawn only on resize), and marker buttons above the track.
 * Dragging seeks on every pointer move that changes the position.
 */
import { memo, useCallback, useEffect, useMemo, useRef, type JSX, type PointerEvent as ReactPointerEvent } from 'react';
import type { Marker } from '../../../shared/stream';
import { positionText } from './format';
import { assignLanes, MARKER_GLYPH, markerAriaLabel } from './markers';
import { layoutTicks, pointerToPosition, positionToFraction, tickHeights } from './ticks';
import './timeline.css';

export interface ScrubberProps {
  position: number;
  steps: number;
  markers: readonly Marker[];
  /** Tick level per step (0 = plain chunk, 1 = adds text, 2 = error); optional. */
  levels?: ArrayLike<number>;
  /** Tick weight per step (characters added); taller ticks for heavier columns. Optional. */
  weights?: ArrayLike<number>;
  onSeek(position: number): void;
  /** Called when a drag starts / ends (e.g. to pause replay while dragging). */
  onDragChange?(dragging: boolean): void;
}

export const Scrubber = memo(function Scrubber({ position, steps, markers, levels, weights, onSeek, onDragChange }: ScrubberProps): JSX.Element {
  const drag = useRef<{ left: number; width: number; last: number; id: number } | null>(null);
  const percent = `${(positionToFraction(position, steps) * 100).toFixed(3)}%`;

  const seekAt = (clientX: number) => {
    const d = drag.current;
    if (!d) return;
    const p = pointerToPosition(clientX, d.left, d.width, steps);
    if (p !== d.last) {
      d.last = p;
      onSeek(p);
    }
  };
  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (e.button !== 0 || steps <= 0) return;
    const rect = e.currentTarget.getBoundingClientRect();
    drag.current = { left: rect.left, width: rect.width, last: position, id: e.pointerId };
    try {
      e.currentTarget.setPointerCapture(e.pointerId);
    } catch {
      /* synthetic or already-released pointer: dragging still works while over the track */
    }
    e.currentTarget.focus({ preventScroll: true });
    e.preventDefault();
    onDragChange?.(true);
    seekAt(e.clientX);
  };
  const onPointerMove = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (drag.current?.id === e.pointerId) seekAt(e.clientX);
  };
  const endDrag = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (drag.current?.id !== e.pointerId) return;
    drag.current = null;
    if (e.currentTarget.hasPointerCapture?.(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
    onDragChange?.(false);
  };

  return (
    <div className="tl-scrubber">
      <MarkerRow markers={markers} steps={steps} onSeek={onSeek} />
      <div
        className="tl-track"
        role="slider"
        tabIndex={0}
        aria-label="Stream position"
        aria-valuemin={-1}
        aria-valuemax={Math.max(-1, steps - 1)}
        aria-valuenow={position}
        aria-valuetext={positionText(position, steps)}
        aria-orientation="horizontal"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={endDrag}
        onPointerCancel={endDrag}
        onLostPointerCapture={endDrag}
      >
        <TickCanvas steps={steps} levels={levels} weights={weights} />
        <div className="tl-progress" style={{ width: percent }} />
        <div className="tl-thumb" style={{ left: percent }} />
      </div>
    </div>
  );
});

/** Marker glyphs above the track, stacked in lanes when close; memoised so scrubbing does not re-render them. */
const MarkerRow = memo(function MarkerRow({ markers, steps, onSeek }: { markers: readonly Marker[]; steps: number; onSeek(p: number): void }) {
  const layout = useMemo(() => {
    const fractions = markers.map((m) => positionToFraction(m.step, steps));
    return { fractions, lanes: assignLanes(fractions, MARKER_GAP) };
  }, [markers, steps]);
  if (markers.length === 0) return <div className="tl-markers tl-markers-empty" />;
  const laneCount = Math.max(...layout.lanes) + 1;
  return (
    <div className="tl-markers" style={{ height: `${laneCount * MARKER_LANE_PX + 2}px` }}>
      {markers.map((m, i) => {
        const label = markerAriaLabel(m);
        return (
          <button
            key={`${m.kind}-${m.step}-${i}`}
            type="button"
            className={`tl-marker tl-marker-${m.kind}`}
            style={{ left: `${(layout.fractions[i]! * 100).toFixed(3)}%`, bottom: `${layout.lanes[i]! * MARKER_LANE_PX + 1}px` }}
            title={label}
            aria-label={label}
            onClick={() => onSeek(m.step)}
          >
            <span aria-hidden="true">{MARKER_GLYPH[m.kind]}</span>
          </button>
        );
      })}
    </div>
  );
});

/** Markers closer than this fraction of the track go to separate lanes. */
const MARKER_GAP = 0.03;
const MARKER_LANE_PX = 17;

/** The ticks, drawn once per size change on a canvas sized to the track (device pixels). */
const TickCanvas = memo(function TickCanvas({ steps, levels, weights }: {
  steps: number; levels?: ArrayLike<number> | undefined; weights?: ArrayLike<number> | undefined;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const draw = useCallback(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const dpr = window.devicePixelRatio || 1;
    const cssWidth = canvas.clientWidth;
    const cssHeight = canvas.clientHeight;
    const w = Math.max(1, Math.round(cssWidth * dpr));
    const h = Math.max(1, Math.round(cssHeight * dpr));
    if (canvas.width !== w) canvas.width = w;
    if (canvas.height !== h) canvas.height = h;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.clearRect(0, 0, w, h);
    const style = getComputedStyle(canvas);
    const colors = [
      style.getPropertyValue('--tl-tick').trim() || '#afb8c1',
      style.getPropertyValue('--tl-tick-text').trim() || '#57606a',
      style.getPropertyValue('--tl-tick-error').trim() || '#cf222e',
    ];
    const lineW = Math.max(1, Math.floor(dpr));
    const ticks = layoutTicks(steps, w, levels, weights);
    const heights = tickHeights(ticks);
    // One fillRect per pixel column; batched by colour to keep state changes low.
    for (let level = 0; level < colors.length; level++) {
      ctx.fillStyle = colors[level]!;
      ticks.forEach((t, i) => {
        if (t.level !== level) return;
        const th = Math.max(2, Math.round(h * heights[i]!));
        ctx.fillRect(Math.min(t.x, w - lineW), h - th, lineW, th);
      });
    }
  }, [steps, levels, weights]);

  useEffect(() => {
    draw();
    const canvas = ref.current;
    if (!canvas || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => draw());
    observer.observe(canvas);
    return () => observer.disconnect();
  }, [draw]);

  return <canvas ref={ref} className="tl-ticks" aria-hidden="true" />;
});
