/**
 * Marker navigation and labels for the stream scrubber. Pure: no React, no DOM.
 * Positions are step indexes; -1 means "before the first chunk".
 */
import type { Marker, MarkerKind } from '../../../shared/stream';

/** Distinct marker steps, ascending. */
export function markerSteps(markers: readonly Marker[]): number[] {
  return [...new Set(markers.map((m) => m.step))].sort((a, b) => a - b);
}

/** The first marker step strictly after `position`, or null when there is none. */
export function nextMarkerStep(markers: readonly Marker[], position: number): number | null {
  let best: number | null = null;
  for (const m of markers) if (m.step > position && (best === null || m.step < best)) best = m.step;
  return best;
}

/** The last marker step strictly before `position`, or null when there is none. */
export function previousMarkerStep(markers: readonly Marker[], position: number): number | null {
  let best: number | null = null;
  for (const m of markers) if (m.step < position && (best === null || m.step > best)) best = m.step;
  return best;
}

export const MARKER_KIND_LABEL: Record<MarkerKind, string> = {
  'first-token': 'first token',
  'tool-call': 'tool call',
  finish: 'finish',
  usage: 'usage',
  error: 'error',
};

/** Accessible name / tooltip of a marker, e.g. "marker: first token at chunk 3". */
export function markerAriaLabel(marker: Marker): string {
  const label = marker.label.trim() || MARKER_KIND_LABEL[marker.kind];
  const choice = marker.choice !== undefined && marker.choice > 0 ? ` (choice ${marker.choice})` : '';
  return `marker: ${label}${choice} at chunk ${marker.step}`;
}

/** One-character glyph drawn for a marker kind. */
export const MARKER_GLYPH: Record<MarkerKind, string> = {
  'first-token': '▶',
  'tool-call': 'ƒ',
  finish: '■',
  usage: 'Σ',
  error: '!',
};

/**
 * Stacks markers that would overlap: markers are given in any order with their track fractions;
 * a marker goes to the lowest lane whose last marker is at least `minGap` to its left.
 * Returns the lane per input marker (0 = bottom), at most `maxLanes - 1`.
 */
export function assignLanes(fractions: readonly number[], minGap: number, maxLanes = 3): number[] {
  const order = fractions.map((f, i) => [f, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const laneEnd: number[] = [];
  const lanes = new Array<number>(fractions.length).fill(0);
  for (const [f, i] of order) {
    let lane = laneEnd.findIndex((end) => f - end >= minGap);
    if (lane === -1) lane = laneEnd.length < maxLanes ? laneEnd.length : maxLanes - 1;
    laneEnd[lane] = f;
    lanes[i] = lane;
  }
  return lanes;
}
