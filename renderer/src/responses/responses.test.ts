import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { resultForChain, responseChainResult, type ResponseChainResult } from '../../../shared/response-chain-view';
import { buildChains, deriveEvents, eventsUpTo, type ChainInput } from '../../../shared/responses/index';
import { transcriptFromList } from '../request-view/transcript';
import { splitByPaths } from './chain-summary';
import { around, chipName, codePoints, segments } from './citation-logic';
import { CitationView } from './citation-view';
import { EventsPanel } from './events-panel';
import { emittedIndexes, eventSummary, filterRows, progressText, sequenceLabel, sourceLabel, typeCounts, visibleRows } from './events-logic';
import { parseToolMessage, toolContentFromParts } from './search-result-cards';

const CORPUS = fileURLToPath(new URL('../../../../shared/corpus', import.meta.url));
const REC = 'llama-stack/responses/recordings/';
const ANSWER = `${REC}6e47f2fe6a351aaec4642b5ae164a7095c81fea7eacaad788591e36eab7b935c.json`;
const TURN0 = `${REC}3ae0877c874cb4dac4d29ed4985b1e6fa46f297c52614bd07c7de299168ec74a.json`;
const SEED = `${REC}f6960cae871e1fb2f6a749488d9bab55d3575489400bc517d40822048496c36b.json`;
const UUID_ANSWER = `${REC}6cf85f8a8edca663b20beac97afcc79dfb4a3aaca2a9ce58712a0ae40e0a1364.json`;
const itc = existsSync(CORPUS) ? it : it.skip;

const input = (rel: string): ChainInput => {
  const text = readFileSync(`${CORPUS}/${rel}`, 'utf8');
  return { path: rel, record: JSON.parse(text) as unknown, text };
};
const example = (version: 'HEAD' | 'V2510' = 'HEAD'): ResponseChainResult => responseChainResult(ANSWER, [input(TURN0), input(ANSWER)], version);
const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('events logic', () => {
  itc('emittedIndexes follows eventsUpTo at every position of every turn of the corpus chains', () => {
    const dir = `${CORPUS}/${REC}`;
    const inputs = readdirSync(dir).filter((f) => f.endsWith('.json')).slice(0, 400).map((f) => input(`${REC}${f}`));
    const chains = buildChains(inputs).filter((c) => c.turns.length > 1).slice(0, 12);
    expect(chains.length).toBeGreaterThan(3);
    for (const chain of chains) {
      for (const version of ['HEAD', 'V2510'] as const) {
        const stream = deriveEvents(chain, { version });
        for (const t of stream.turns) {
          for (let step = -1; step <= t.chunkCount; step += Math.max(1, Math.floor(t.chunkCount / 7))) {
            const expected = eventsUpTo(stream, t.turn, step);
            expect(emittedIndexes(stream.events, stream.turns, t.turn, step).map((i) => stream.events[i])).toEqual(expected);
          }
          expect(emittedIndexes(stream.events, stream.turns, t.turn, null)).toHaveLength(eventsUpTo(stream, t.turn, null).length);
        }
      }
    }
  });

  itc('rows of the worked example: earlier turns whole, the open turn up to the chunk, derived events placed and marked', () => {
    const r = example();
    const stream = r.stream!;
    // before the first chunk of the answer turn: turn 0 and the prologue of turn 1
    const before = visibleRows(stream, 1, -1, false);
    expect(before.every((row) => row.source.turn === 0 || row.source.phase === 'prologue')).toBe(true);
    expect(before.at(-1)!.type).toBe('response.output_item.done');
    // chunk 30: the delta " <" is the newest (HEAD seq 46)
    const at30 = visibleRows(stream, 1, 30, false);
    expect(at30.at(-1)!.event).toMatchObject({ type: 'response.output_text.delta', delta: ' <', sequence_number: 46 });
    expect(at30).toHaveLength(46);
    // from the first turn's point of view the answer turn has not started
    expect(visibleRows(stream, 0, 3, false).some((row) => row.source.turn === 1)).toBe(false);
    // the end, with derived events: annotation.added after the deltas that close the markers, output_text.done before content_part.done
    const end = visibleRows(stream, 1, 69, true);
    expect(end.filter((row) => row.kind === 'emitted')).toHaveLength(86);
    const derived = end.filter((row) => row.kind === 'derived');
    expect(derived.map((d) => d.type)).toEqual(['response.output_text.annotation.added', 'response.output_text.annotation.added', 'response.output_text.done']);
    const firstAnn = end.findIndex((row) => row.kind === 'derived');
    expect(end[firstAnn - 1]!.event).toMatchObject({ delta: '>.' });
    const done = end.findIndex((row) => row.type === 'response.output_text.done');
    expect(end[done + 1]!.type).toBe('response.content_part.done');
    expect(derived.every((d) => d.note?.startsWith('synthetic'))).toBe(true);
    // at chunk 35 the first marker is not complete: no annotation yet
    expect(visibleRows(stream, 1, 35, true).some((row) => row.kind === 'derived')).toBe(false);
    expect(visibleRows(stream, 1, 39, true).filter((row) => row.kind === 'derived')).toHaveLength(1);
  });

  itc('type filter, counts and labels', () => {
    const stream = example().stream!;
    const rows = visibleRows(stream, 1, 69, false);
    expect(filterRows(rows, 'response.output_text.delta')).toHaveLength(67);
    expect(filterRows(rows, null)).toBe(rows);
    const counts = typeCounts(stream, false);
    expect(counts[0]).toEqual({ type: 'response.created', count: 1, derived: false });
    expect(counts.find((c) => c.type === 'response.output_text.delta')?.count).toBe(67);
    expect(counts.some((c) => c.type === 'response.output_text.annotation.added')).toBe(false);
    expect(typeCounts(stream, true).find((c) => c.type === 'response.output_text.annotation.added')).toEqual({ type: 'response.output_text.annotation.added', count: 2, derived: true });
    expect(progressText({ shown: 86, emitted: 86, total: 86, derived: 0, filtered: false })).toBe('86 of 86 emitted');
    expect(progressText({ shown: 67, emitted: 86, total: 86, derived: 0, filtered: true })).toBe('67 shown · 86 of 86 emitted');
    expect(progressText({ shown: 56, emitted: 55, total: 86, derived: 1, filtered: false })).toBe('55 of 86 emitted + 1 derived');
    const completed = rows.at(-1)!;
    expect(sequenceLabel(completed.event)).toBe('#86');
    expect(sourceLabel(completed.source)).toBe('turn 1 · end');
    expect(eventSummary(completed.event)).toBe('resp_placeholder_1 completed · 2 output items · 847 tokens');
    expect(eventSummary({ type: 'response.output_text.delta', delta: ' <', item_id: 'msg_1', output_index: 1, content_index: 0 })).toBe('" <"');
    expect(eventSummary({ type: 'response.file_search_call.completed', item_id: 'fc_1', output_index: 0 })).toBe('fc_1 · oi 0');
    const v = example('V2510').stream!;
    expect(sequenceLabel(v.events.at(-1)!.event as unknown as Record<string, unknown>)).toBe('—');
    expect(sourceLabel({ turn: 2, step: 4, phase: 'chunk', emittedAt: 9 })).toBe('turn 2 · chunk 4 (sent after 9)');
  });
});

describe('citation logic', () => {
  itc('cuts the raw answer into text and chips named after the cited file', () => {
    const c = example().stream!.citations!;
    const segs = segments(c.rawText, c.markers);
    expect(segs.filter((s) => s.kind === 'marker')).toHaveLength(2);
    expect(segs.map((s) => (s.kind === 'text' ? s.text : c.markers[s.marker]!.raw)).join('')).toBe(c.rawText);
    expect(chipName(c, c.markers[0]!)).toBe('citation file-450428750202 us_marketing_q1.txt');
    expect(chipName(c, c.markers[1]!)).toBe('citation file-450428750204 eu_marketing_q1.txt');
    const cleaned = codePoints(c.cleanedText);
    expect(cleaned).toHaveLength(233);
    expect(around(cleaned, 136, 6)).toEqual(['region', '.', ' Addit']);
    expect(around(cleaned, 232, 4)).toEqual(['kets', '.', '']);
  });

  it('segments tolerate overlapping and out-of-range markers, and count code points', () => {
    expect(segments('ab<|x|>cd', [{ rawStart: 2, rawEnd: 7 }, { rawStart: 3, rawEnd: 5 }, { rawStart: 8, rawEnd: 20 }])).toEqual([
      { kind: 'text', text: 'ab' }, { kind: 'marker', marker: 0 }, { kind: 'text', text: 'cd' },
    ]);
    expect(codePoints('a😀b')).toEqual(['a', '😀', 'b']);
    expect(around(codePoints('a😀b.'), 3, 2)).toEqual(['😀b', '.', '']);
  });

  itc('UUID markers are named by their id and flagged', () => {
    const r = responseChainResult(UUID_ANSWER, [input(UUID_ANSWER)]);
    const c = r.stream!.citations!;
    expect(c.annotations).toHaveLength(0);
    expect(c.markers.every((m) => m.reason === 'uuid-id' && !m.stripped)).toBe(true);
    expect(chipName(c, c.markers[0]!)).toMatch(/^citation e2018310-5772-477c-ae70-9a3ed4669b24 /);
  });

  it('splits a message around the recording paths it names', () => {
    expect(splitByPaths('a/x.json answers b, not a/x.json2', ['a/x.json'])).toEqual([{ path: 'a/x.json' }, ' answers b, not ', { path: 'a/x.json' }, '2']);
    expect(splitByPaths('nothing', [])).toEqual(['nothing']);
  });
});

describe('search result cards', () => {
  itc('parse the seed tool message into 4 chunks linked to its call', () => {
    const record = JSON.parse(readFileSync(`${CORPUS}/${SEED}`, 'utf8')) as { request: { body: { messages: unknown[] } } };
    const transcript = transcriptFromList(record.request.body.messages);
    const tool = transcript.messages.find((m) => m.roleClass === 'tool')!;
    const parsed = parseToolMessage(tool)!;
    expect(parsed.chunks.map((c) => c.filename)).toEqual(['us_engineering_q2.txt', 'us_marketing_q1.txt', 'eu_marketing_q1.txt', 'asia_sales_q3.txt']);
    expect(parsed.chunks[0]).toMatchObject({ rank: 1, documentId: 'file-284290576317', scoreText: '1.1939300430192143' });
    expect(parsed.chunks[0]!.attributes).toContainEqual({ key: 'date', value: '1680307200.0', kind: 'float' });
    expect(parsed.result.toolCallId).toBe(tool.answers!.toolCallId);
    expect(tool.answers!.target!.name).toBe('knowledge_search');
    // other messages are not search results
    expect(transcript.messages.filter((m) => m.roleClass !== 'tool').map(parseToolMessage).every((p) => p === null)).toBe(true);
  });

  it('rebuilds the content from text parts and ignores other tool messages', () => {
    expect(toolContentFromParts([{ kind: 'text', text: 'a' }])).toBe('a');
    expect(toolContentFromParts([{ kind: 'text', text: 'a' }, { kind: 'text', text: 'b' }])).toEqual(['a', 'b']);
    expect(toolContentFromParts([{ kind: 'json', label: 'x', value: 1 }])).toBeNull();
    const t = transcriptFromList([{ role: 'tool', tool_call_id: 'c1', content: '{"temperature": 21}' }]);
    expect(parseToolMessage(t.messages[0]!)).toBeNull();
    const single = transcriptFromList([
      { role: 'assistant', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'file_search', arguments: '{"query":"q"}' } }] },
      { role: 'tool', tool_call_id: 'c1', content: "file_search tool found 1 chunks:\nBEGIN of file_search tool results.\n[1] document_id: file-1, score: 0.5 cite as <|file-1|>\nhello\nEND of file_search tool results.\n" },
    ]);
    const p = parseToolMessage(single.messages[1]!)!;
    expect(p.chunks).toHaveLength(1);
    expect(p.chunks[0]).toMatchObject({ documentId: 'file-1', text: 'hello', attributes: null });
    expect(p.result.query).toBe('q');
  });
});

describe('components (static render)', () => {
  itc('EventsPanel lists the events up to the position with the newest current, and says ids are placeholders', () => {
    const r = example();
    const html = decode(renderToStaticMarkup(createElement(EventsPanel, { result: r, position: 30, version: 'HEAD', onVersion: () => undefined })));
    expect(html).toContain('aria-label="Responses events"');
    expect(html).toContain('aria-label="Server version"');
    expect(html).toContain('<option value="HEAD" selected="">current (HEAD)</option>');
    expect(html).toContain('<option value="V2510">2025-10</option>');
    expect(html).toContain('aria-label="Event type filter"');
    expect(html).toContain('Ids are placeholders');
    expect(html).toContain('46 of 86 emitted');
    expect(html).toContain('Show derived events');
    // suggestion: these recordings look like the 2025-10 server
    expect(html).toContain('Use 2025-10');
  });

  itc('CitationView renders chips, flags and the annotations table', () => {
    const html = decode(renderToStaticMarkup(createElement(CitationView, { result: example() })));
    expect(html).toContain('aria-label="citation file-450428750202 us_marketing_q1.txt"');
    expect(html).toContain('aria-label="citation file-450428750204 eu_marketing_q1.txt"');
    expect(html).toMatch(/<td class="ct-num">136<\/td>/);
    expect(html).toMatch(/<td class="ct-num">232<\/td>/);
    const uuid = decode(renderToStaticMarkup(createElement(CitationView, { result: responseChainResult(UUID_ANSWER, [input(UUID_ANSWER)]) })));
    expect(uuid).toContain('not annotated: UUID id (left in the text)');
    const none = decode(renderToStaticMarkup(createElement(CitationView, { result: resultForChain('x.json', undefined, 'HEAD', 1) })));
    expect(none).toContain('not a turn of a Responses request');
  });
});
