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
  /** Highest level of the chunks drawn in this column (0 = adds no text, 1 = adds text, 2 = error). */
  readonly level: number;
  /** How many chunks fall into this column. */
  readonly count: number;
  /** Sum of the chunks' weights (e.g. characters added). */
  readonly weight: number;
}

/**
 * One tick per chunk, merged per pixel column: chunk k sits at the track fraction of position k.
 * `levels[k]` (default 0) is kept as the column maximum so text-bearing chunks stay visible;
 * `weights[k]` (default 1) is summed.
 */
export function layoutTicks(steps: number, width: number, levels?: ArrayLike<number>, weights?: ArrayLike<number>): Tick[] {
  const w = Math.floor(width);
  if (steps <= 0 || w <= 0) return [];
  const ticks: Tick[] = [];
  let current: { x: number; level: number; count: number; weight: number } | null = null;
  for (let k = 0; k < steps; k++) {
    const x = Math.min(w - 1, Math.round(positionToFraction(k, steps) * w));
    const level = levels?.[k] ?? 0;
    const weight = weights?.[k] ?? 1;
    if (current && current.x === x) {
      current.count++;
      current.weight += weight;
      if (level > current.level) current.level = level;
    } else {
      if (current) ticks.push(current);
      current = { x, level, count: 1, weight };
    }
  }
  if (current) ticks.push(current);
  return ticks;
}

/**
 * Height (0..1) of each tick: columns whose chunks add more text on average are taller
 * (square-root scale against the heaviest column), so the track reads like a waveform of the
 * stream; never below `min`; error columns are full height.
 */
export function tickHeights(ticks: readonly Tick[], min = 0.3): number[] {
  const mean = (t: Tick) => (t.count > 0 ? Math.max(0, t.weight) / t.count : 0);
  let max = 0;
  for (const t of ticks) max = Math.max(max, mean(t));
  return ticks.map((t) => (t.level >= 2 ? 1 : max <= 0 ? min : min + (1 - min) * Math.sqrt(mean(t) / max)));
}
