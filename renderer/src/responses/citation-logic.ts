/**
 * Pure helpers of the citation view: the final answer cut into text and marker pieces, the names
 * and flags of the chips, and the code-point positions of annotations in the cleaned text.
 */
import type { CitationMarkerView, CitationsView } from '../../../shared/response-chain-view';
import type { MarkerReason } from '../../../shared/responses/index';

export type Segment = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'marker'; readonly marker: number };

/** The raw answer as text pieces and markers (markers hold UTF-16 offsets into the raw text). */
export function segments(rawText: string, markers: readonly Pick<CitationMarkerView, 'rawStart' | 'rawEnd'>[]): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  markers.forEach((m, i) => {
    if (m.rawStart < at || m.rawEnd > rawText.length) return; // overlapping or out of range: left as text
    if (m.rawStart > at) out.push({ kind: 'text', text: rawText.slice(at, m.rawStart) });
    out.push({ kind: 'marker', marker: i });
    at = m.rawEnd;
  });
  if (at < rawText.length) out.push({ kind: 'text', text: rawText.slice(at) });
  return out;
}

/** The filename a marker stands for: its annotation's, else the resolved chunk's. */
export function markerFilename(c: Pick<CitationsView, 'annotations'>, m: CitationMarkerView): string | null {
  if (m.annotationIndex !== null) return c.annotations[m.annotationIndex]?.filename ?? null;
  return m.resolution.chunks.find((r) => r.chunk.filename !== null)?.chunk.filename ?? null;
}

/** Accessible name of a chip: `citation file-284290576316 us_marketing_q1.txt`. */
export function chipName(c: Pick<CitationsView, 'annotations'>, m: CitationMarkerView): string {
  return `citation ${m.id.trim() || '(empty id)'} ${markerFilename(c, m) ?? 'unresolved'}`;
}

export const REASON_SHORT: Readonly<Record<MarkerReason, string>> = {
  'uuid-id': 'UUID id',
  'not-a-file-id': 'not a file id',
  'other-syntax': 'other syntax',
  'not-in-citation-files': 'not returned by a search of this response',
  'instruction-example': 'sample id from the instruction',
};

export const REASON_LONG: Readonly<Record<MarkerReason, string>> = {
  'uuid-id': 'A UUID document id: the server only recognises <|file-…|> markers, so this one stays in the text and gets no annotation.',
  'not-a-file-id': 'The id does not match the server’s file-id pattern (file- followed by letters, digits, _ or -): the marker stays in the text, unannotated.',
  'other-syntax': 'Not the <|file-…|> syntax: the server leaves it in the text and annotates nothing.',
  'not-in-citation-files': 'Stripped from the text, but no file search of this response returned this id, so the server adds no annotation.',
  'instruction-example': 'The sample id of the citation instruction, copied by the model: stripped, not annotated.',
};

/** Code points of `s` as an array (so `index` of an annotation can be looked up). */
export function codePoints(s: string): string[] {
  return Array.from(s);
}

/** The cleaned text around a code-point index: [before, at, after] (at = the character the index points at). */
export function around(cleaned: readonly string[], index: number, width = 24): [string, string, string] {
  const before = cleaned.slice(Math.max(0, index - width), index).join('');
  const at = cleaned[index] ?? '';
  const after = cleaned.slice(index + 1, index + 1 + width).join('');
  return [before, at, after];
}

export function scoreText(score: number | null, scoreText: string): string {
  if (scoreText) return scoreText;
  return score === null ? '?' : String(score);
}
