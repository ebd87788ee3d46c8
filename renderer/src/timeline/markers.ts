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
