/**
 * Geometry of the scrubber: position <-> fraction of the track, and the tick layout drawn on a canvas
 * (at most one tick per device-pixel column, so 1,400 or 100,000 chunks cost the same to draw).
 * Positions run from -1 (before the first chunk) to steps - 1 (after the last one).
 */

/** Fraction [0, 1] of the track for a position in [-1, steps - 1]. */
export function positionToFraction(position: number, steps: number): number {
  if (steps <= 0) return 0;
  const p = Math.max(-1, Math.min(steps - 1, position));
  return (p + 1) / steps;
}

/** Nearest position for a fraction of the track (clamped to [-1, steps - 1]). */
export function fractionToPosition(fraction: number, steps: number): number {
  if (steps <= 0 || !Number.isFinite(fraction)) return -1;
  const f = Math.max(0, Math.min(1, fraction));
  return Math.max(-1, Math.min(steps - 1, Math.round(f * steps) - 1));
}

/** Position under a pointer at `clientX` over a track spanning [left, left + width). */
export function pointerToPosition(clientX: number, left: number, width: number, steps: number): number {
  if (width <= 0) return -1;
  return fractionToPosition((clientX - left) / width, steps);
}

export interface Tick {
  /** Device-pixel column (integer, 0 <= x < width). */
  readonly x: number;
  /** Highest level of the chunks drawn in this column (e.g. 1 = adds text, 0 = other). */
  readonly level: number;
  /** How many chunks fall into this column. */
  readonly count: number;
}

/**
 * One tick per chunk, merged per pixel column: chunk k sits at the track fraction of position k.
 * `levels[k]` (default 0) is kept as the column maximum so text-bearing chunks stay visible.
 */
export function layoutTicks(steps: number, width: number, levels?: ArrayLike<number>): Tick[] {
  const w = Math.floor(width);
  if (steps <= 0 || w <= 0) return [];
  const ticks: Tick[] = [];
  let current: { x: number; level: number; count: number } | null = null;
  for (let k = 0; k < steps; k++) {
    const x = Math.min(w - 1, Math.round(positionToFraction(k, steps) * w));
    const level = levels?.[k] ?? 0;
    if (current && current.x === x) {
      current.count++;
      if (level > current.level) current.level = level;
    } else {
      if (current) ticks.push(current);
      current = { x, level, count: 1 };
    }
  }
  if (current) ticks.push(current);
  return ticks;
}
