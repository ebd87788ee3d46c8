// Citations (§5): the server algorithm (code-point indexes, one dropped space, only `file-` ids),
// and the inspector's marker view (unannotated markers flagged with a reason, chunk resolution).
import { describe, expect, it } from 'vitest';
import { analyzeCitations, codePointLength, extractCitations, INSTRUCTION_EXAMPLE_ID, type ToolResultSource } from './citations';
import { parseFileSearchResult } from './tool-results';

const files = new Map([
  ['file-abc123', 'a.txt'],
  ['file-def456', 'b.txt'],
]);

function source(
  scope: 'current' | 'earlier',
  chunks: { id: string; fileId?: string; filename?: string }[],
  query = 'q',
): ToolResultSource {
  const parts = [
    { type: 'text', text: `file_search tool found ${chunks.length} chunks:\nBEGIN of file_search tool results.\n` },
    ...chunks.map((c, i) => {
      const attrs = [
        `'document_id': '${c.id}'`,
        ...(c.filename ? [`'filename': '${c.filename}'`] : []),
        ...(c.fileId ? [`'file_id': '${c.fileId}'`] : []),
      ];
      return {
        type: 'text',
        text: `[${i + 1}] document_id: ${c.id}, score: 0.5, attributes: {${attrs.join(', ')}} cite as <|${c.id}|>\nchunk ${i + 1} of ${query}\n`,
      };
    }),
    { type: 'text', text: 'END of file_search tool results.\n' },
    {
      type: 'text',
      text: `The above results were retrieved to help answer the user's query: "${query}". Use them as supporting information only in answering this query. \n`,
    },
  ];
  return {
    result: parseFileSearchResult(parts),
    scope,
    turn: scope === 'current' ? 0 : null,
    toolCallId: 'call_1',
    messageIndex: 2,
  };
}

describe('extractCitations (server algorithm)', () => {
  it('matches the unit test TestExtractCitationsFromText: indexes 30, 44, 59', () => {
    const raw =
      'Start [not-a-file]. New source <|file-abc123|>. Other source <|file-def456|>? Repeat source <|file-abc123|>! No citation.';
    const r = extractCitations(raw, files);
    expect(r.cleanedText).toBe('Start [not-a-file]. New source. Other source? Repeat source! No citation.');
    expect(r.annotations).toEqual([
      { type: 'file_citation', file_id: 'file-abc123', filename: 'a.txt', index: 30 },
      { type: 'file_citation', file_id: 'file-def456', filename: 'b.txt', index: 44 },
      { type: 'file_citation', file_id: 'file-abc123', filename: 'a.txt', index: 59 },
    ]);
    expect(['.', '?', '!'].map((c, i) => r.cleanedText[r.annotations[i]!.index])).toEqual(['.', '?', '!']);
  });

  it('drops exactly one space; adjacent markers share an index; a final marker indexes len(cleaned)', () => {
    const r = extractCitations('a  <|file-abc123|>. fact <|file-abc123|> <|file-def456|>. end <|file-def456|>', files);
    expect(r.cleanedText).toBe('a . fact. end');
    expect(r.annotations.map((a) => a.index)).toEqual([2, 8, 8, 13]);
    expect(r.annotations[3]!.index).toBe(codePointLength(r.cleanedText));
    const tabs = extractCitations('x\t<|file-abc123|>.\n<|file-abc123|>.', files);
    expect(tabs.cleanedText).toBe('x\t.\n.');
  });

  it('counts code points, not UTF-16 units, before a marker', () => {
    const raw = 'Growth 📈 in 𝔼𝕌 markets <|file-abc123|>. Next ’quote’ <|file-def456|>.';
    const r = extractCitations(raw, files);
    expect(r.cleanedText).toBe('Growth 📈 in 𝔼𝕌 markets. Next ’quote’.');
    // 3 non-BMP characters before the first marker: UTF-16 offset is 3 more than the index
    expect(r.annotations.map((a) => a.index)).toEqual([22, 36]);
    expect(r.cleanedText.indexOf('markets.') + 'markets'.length).toBe(25);
    expect([...r.cleanedText][22]).toBe('.');
    expect([...r.cleanedText][36]).toBe('.');
  });

  it('recognises only <|file-[A-Za-z0-9_-]+|>', () => {
    const raw =
      'u <|d2a1bbec-1f2e-4a3b-9c8d-0123456789ab|>. n <|None|>. d <|file-a.b|>. s <| file-abc123 |>. b [file-abc123]. l 【file-abc123】.';
    const r = extractCitations(raw, files);
    expect(r.cleanedText).toBe(raw);
    expect(r.annotations).toEqual([]);
  });

  it('strips ids that no search returned, without annotating them', () => {
    const r = extractCitations(`known <|file-abc123|>. unknown <|file-zzz|>. sample <|${INSTRUCTION_EXAMPLE_ID}|>.`, files);
    expect(r.cleanedText).toBe('known. unknown. sample.');
    expect(r.annotations.map((a) => a.file_id)).toEqual(['file-abc123']);
  });
});

describe('analyzeCitations (marker view)', () => {
  const current = source('current', [
    { id: 'file-1', filename: 'one.txt' },
    { id: 'd2a1bbec-1f2e-4a3b-9c8d-0123456789ab', fileId: 'file-968934238755', filename: 'uuid.txt' },
  ]);
  const earlier = source('earlier', [{ id: 'file-old', filename: 'old.txt' }], 'earlier query');

  it('annotates, flags and resolves every marker', () => {
    const raw =
      'A <|file-1|>. U <|d2a1bbec-1f2e-4a3b-9c8d-0123456789ab|>. F <|file-968934238755|>. O <|file-old|>. H <|file-ghost|>. ' +
      `S <|${INSTRUCTION_EXAMPLE_ID}|>. N <|None|>. B [file-1].`;
    const a = analyzeCitations(raw, [current, earlier]);
    expect(a.annotations).toEqual([{ type: 'file_citation', file_id: 'file-1', filename: 'one.txt', index: 1 }]);
    expect(a.citationFiles.map((f) => f.fileId)).toEqual(['file-1', 'd2a1bbec-1f2e-4a3b-9c8d-0123456789ab']);
    expect(a.markers.map((m) => [m.id, m.stripped, m.annotated, m.reason, m.resolution.kind])).toEqual([
      ['file-1', true, true, null, 'document-id'],
      ['d2a1bbec-1f2e-4a3b-9c8d-0123456789ab', false, false, 'uuid-id', 'document-id'],
      ['file-968934238755', true, false, 'not-in-citation-files', 'attributes-file-id'],
      ['file-old', true, false, 'not-in-citation-files', 'cross-response'],
      ['file-ghost', true, false, 'not-in-citation-files', 'unresolved'],
      [INSTRUCTION_EXAMPLE_ID, true, false, 'instruction-example', 'unresolved'],
      ['None', false, false, 'not-a-file-id', 'unresolved'],
      ['file-1', false, false, 'other-syntax', 'document-id'],
    ]);
    expect(a.annotationViews).toHaveLength(1);
    expect(a.annotationViews[0]!.chunks.map((c) => [c.chunk.rank, c.chunk.filename, c.query])).toEqual([[1, 'one.txt', 'q']]);
    expect(a.markers[3]!.resolution.chunks[0]!.query).toBe('earlier query');
    // markers left in the text point into the cleaned text where they start
    const uuid = a.markers[1]!;
    expect([...a.cleanedText].slice(uuid.cleanedIndex, uuid.cleanedIndex + 3).join('')).toBe('<|d');
    expect(a.cleanedText.startsWith('A. U <|d2a1bbec')).toBe(true);
  });

  it('places markers in the stream: the step of the delta holding the first and last character', () => {
    const deltas = [' region', ' <', '|', 'file', '-', '1', '|', '>.'].map((text, i) => ({ text, step: i + 10 }));
    const raw = deltas.map((d) => d.text).join('');
    const a = analyzeCitations(raw, [current], { deltas });
    expect(a.cleanedText).toBe(' region.');
    expect(a.markers[0]).toMatchObject({ startStep: 11, endStep: 17, rawStart: 8, rawEnd: 18, cleanedIndex: 7 });
    expect(a.deltasReproduceText).toBe(true);
  });

  it('says "unknown (not in transcript)" when attributes have no filename', () => {
    const s = source('current', [{ id: 'file-nofn' }]);
    const a = analyzeCitations('x <|file-nofn|>.', [s]);
    expect(a.annotations[0]).toMatchObject({ file_id: 'file-nofn', filename: 'unknown' });
    expect(a.citationFiles[0]!.filenameInTranscript).toBe(false);
  });
});
