// File-search tool results (§5.7): every real `tool found` message of the corpus, plus hand-made
// edge cases for the parts the corpus does not exercise.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { looksLikeFileSearchResult, parseFileSearchResult } from './tool-results';

const CORPUS = fileURLToPath(new URL('../../../shared/corpus', import.meta.url));

function listJson(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? listJson(p) : e.name.endsWith('.json') ? [p] : [];
  });
}

interface ToolMessage {
  file: string;
  content: unknown;
  toolCallId: string;
  text: string;
}

/** Tool messages whose text contains `tool found` (the grep the brief asks for). */
function corpusToolMessages(): ToolMessage[] {
  const out: ToolMessage[] = [];
  for (const file of listJson(CORPUS)) {
    const raw = fs.readFileSync(file, 'utf8');
    if (!raw.includes('tool found')) continue;
    const rec = JSON.parse(raw) as {
      request?: { body?: { messages?: { role: string; content: unknown; tool_call_id: string }[] } };
    };
    for (const m of rec.request?.body?.messages ?? []) {
      if (m.role !== 'tool') continue;
      const text = Array.isArray(m.content) ? m.content.map((p: { text?: string }) => p.text ?? '').join('') : String(m.content);
      if (text.includes('tool found'))
        out.push({ file: path.relative(CORPUS, file), content: m.content, toolCallId: m.tool_call_id, text });
    }
  }
  return out;
}

const part = (text: string) => ({ type: 'text', text });
const header = (n: number, t = 'knowledge_search') => part(`${t} tool found ${n} chunks:\nBEGIN of ${t} tool results.\n`);
const footer = (t = 'knowledge_search') => part(`END of ${t} tool results.\n`);
const context = (q: string) =>
  part(
    `The above results were retrieved to help answer the user's query: "${q}". Use them as supporting information only in answering this query. Cite sources immediately at the end of sentences before punctuation, using \`<|file-id|>\` format (e.g., 'This is a fact <|file-Cn3MSNn72ENTiiq11Qda4A|>.'). Do not add extra punctuation. Use only the file IDs provided (do not invent new ones).\n`,
  );

describe('parseFileSearchResult on the corpus', () => {
  const messages = corpusToolMessages();

  it('finds the corpus tool results', () => {
    expect(messages.length).toBe(93);
  });

  it('parses every real result without issues, chunk counts agreeing with the header and an independent count', () => {
    const forms = { parenthesised: 0, bare: 0 };
    const names = new Set<string>();
    let uuid = 0;
    for (const m of messages) {
      const r = parseFileSearchResult(m.content, { toolCallId: m.toolCallId });
      expect(r.recognised, m.file).toBe(true);
      expect(r.issues, m.file).toEqual([]);
      expect(r.contentForm).toBe('parts');
      expect(r.toolCallId).toBe(m.toolCallId);
      names.add(r.toolName ?? '');
      expect(r.chunks.length).toBe(r.headerCount);
      // independent count: chunk headers in the joined text
      expect(r.chunks.length).toBe((m.text.match(/(?:^|\n)\[\d+\] document_id: /g) ?? []).length);
      expect(r.query, m.file).not.toBeNull();
      expect(r.querySource).toBe('context');
      expect(['v2510', 'head']).toContain(r.instruction);
      r.chunks.forEach((c, i) => {
        expect(c.rank).toBe(i + 1);
        expect(c.cite.matchesDocumentId).toBe(true);
        expect(c.attributesParse).toBe('literal');
        expect(c.filename).toMatch(/\.(txt|pdf)$/);
        expect(Number.isFinite(c.score)).toBe(true);
        expect(c.scoreText).toMatch(/^\d/);
        expect(c.text.length).toBeGreaterThan(0);
        expect(c.text.endsWith('\n')).toBe(false);
        expect(c.attributes?.['document_id'] ?? c.documentId).toBe(c.documentId);
        // the raw literal is a verbatim slice of the part
        expect(c.raw).toContain(c.attributesRaw);
        forms[c.cite.form as 'parenthesised' | 'bare']++;
        if (/^[0-9a-f]{8}-/.test(c.documentId)) {
          uuid++;
          expect(c.fileId).toMatch(/^file-\d+$/);
          expect(c.chunkId).not.toBeNull();
        }
      });
    }
    expect(names).toEqual(new Set(['knowledge_search', 'file_search']));
    expect(forms).toEqual({ parenthesised: 99, bare: 162 });
    expect(uuid).toBe(35);
  });

  it('reproduces the worked example tool message (§8.1)', () => {
    const m = messages.find((x) => x.file.includes('6e47f2fe'))!;
    const r = parseFileSearchResult(m.content, { toolCallId: m.toolCallId });
    expect(r.toolName).toBe('knowledge_search');
    expect(r.query).toBe('marketing updates');
    expect(r.instruction).toBe('v2510');
    expect(r.chunks.map((c) => [c.rank, c.documentId, c.scoreText, c.filename])).toEqual([
      [1, 'file-450428750203', '0.941792927903724', 'us_engineering_q2.txt'],
      [2, 'file-450428750202', '0.838783128682284', 'us_marketing_q1.txt'],
      [3, 'file-450428750204', '0.7976212300200285', 'eu_marketing_q1.txt'],
      [4, 'file-450428750205', '0.6226722371553097', 'asia_sales_q3.txt'],
    ]);
    const c2 = r.chunks[1]!;
    expect(c2.cite.form).toBe('parenthesised');
    expect(c2.text).toBe('US promotional campaigns for Q1 2023. Revenue increased by 15% in the US region.');
    expect(c2.attributes).toMatchObject({ region: 'us', category: 'marketing', date: 1672531200 });
    expect(c2.attributesRaw).toContain("'date': 1672531200.0");
  });

  it('reads the HEAD-era form (§8.3): file_search, bare cite, file_id/chunk_id attributes', () => {
    const m = messages.find((x) => x.file.includes('5513bd49'))!;
    const r = parseFileSearchResult(m.content);
    expect(r.toolName).toBe('file_search');
    expect(r.headerCount).toBe(4);
    expect(r.instruction).toBe('head');
    expect(r.chunks.every((c) => c.cite.form === 'bare' && c.fileId !== null && c.chunkId !== null)).toBe(true);
    expect(r.chunks[0]!.attributes).toHaveProperty('chunk_tokenizer');
  });
});

describe('parseFileSearchResult edge cases', () => {
  it('apostrophes, True/False/None, tuples, nan and inf inside attributes', () => {
    const chunk = part(
      `[1] document_id: file-1, score: nan, attributes: {"author": "O'Brien", 'title': "It's \\"quoted\\"", 'ok': True, 'draft': False, 'owner': None, 'span': (1, 2), 'max': inf, 'tags': ['a', "b'c"]} cite as <|file-1|>\nBody with 'quotes'.\n`,
    );
    const r = parseFileSearchResult([header(1), chunk, footer(), context('q')]);
    expect(r.issues).toEqual([]);
    const c = r.chunks[0]!;
    expect(Number.isNaN(c.score)).toBe(true);
    expect(c.scoreText).toBe('nan');
    expect(c.attributes).toEqual({
      author: "O'Brien",
      title: 'It\'s "quoted"',
      ok: true,
      draft: false,
      owner: null,
      span: [1, 2],
      max: Infinity,
      tags: ['a', "b'c"],
    });
    expect(c.text).toBe("Body with 'quotes'.");
    expect(c.cite).toEqual({ id: 'file-1', form: 'bare', matchesDocumentId: true });
  });

  it('falls back on unknown reprs (datetime.datetime) and still recovers filename, file_id and text', () => {
    const chunk = part(
      "[1] document_id: file-9, score: 1e-05, attributes: {'filename': 'report.txt', 'created': datetime.datetime(2024, 1, 2, 3, 4), 'file_id': 'file-77'} (cite as <|file-9|>)\nLine one\nLine two\n",
    );
    const r = parseFileSearchResult([header(1), chunk, footer(), context('dates')]);
    const c = r.chunks[0]!;
    expect(c.attributesParse).toBe('fallback');
    expect(c.attributes).toBeNull();
    expect(c.attributesRaw).toBe(
      "{'filename': 'report.txt', 'created': datetime.datetime(2024, 1, 2, 3, 4), 'file_id': 'file-77'}",
    );
    expect(c.filename).toBe('report.txt');
    expect(c.fileId).toBe('file-77');
    expect(c.score).toBe(1e-5);
    expect(c.text).toBe('Line one\nLine two');
    expect(c.cite.form).toBe('parenthesised');
    expect(r.issues.map((i) => i.kind)).toEqual(['attributes-fallback']);
  });

  it('both cite forms, chunks without attributes, None ids and cite mismatches', () => {
    const r = parseFileSearchResult([
      header(3),
      part('[1] document_id: file-a, score: 0.5 (cite as <|file-a|>)\nA\n'),
      part('[2] document_id: None, score: 0.25 cite as <|None|>\nB\n'),
      part("[3] document_id: file-c, score: 0.1, attributes: {'filename': 'c.txt'} cite as <|file-x|>\nC\n"),
      footer(),
      context('x'),
    ]);
    expect(r.chunks.map((c) => [c.documentId, c.cite.form, c.attributesParse, c.text])).toEqual([
      ['file-a', 'parenthesised', 'absent', 'A'],
      ['None', 'bare', 'absent', 'B'],
      ['file-c', 'bare', 'literal', 'C'],
    ]);
    expect(r.chunks[2]!.cite.matchesDocumentId).toBe(false);
    expect(r.issues.map((i) => i.kind)).toEqual(['cite-mismatch']);
  });

  it('single-string content is split before each chunk line, with a warning', () => {
    const s =
      'file_search tool found 2 chunks:\nBEGIN of file_search tool results.\n' +
      "[1] document_id: file-1, score: 0.9, attributes: {'filename': 'a.txt'} cite as <|file-1|>\nfirst\nmore\n" +
      "[2] document_id: file-2, score: 0.8, attributes: {'filename': 'b.txt'} cite as <|file-2|>\nsecond\n" +
      'END of file_search tool results.\n' +
      `The above results were retrieved to help answer the user's query: "split me". Use them as supporting information only in answering this query. \n`;
    const r = parseFileSearchResult(s);
    expect(r.contentForm).toBe('string');
    expect(r.toolName).toBe('file_search');
    expect(r.chunks.map((c) => [c.documentId, c.text, c.filename])).toEqual([
      ['file-1', 'first\nmore', 'a.txt'],
      ['file-2', 'second', 'b.txt'],
    ]);
    expect(r.query).toBe('split me');
    expect(r.issues.map((i) => i.kind)).toEqual(['single-string-content']);
  });

  it('flags a header count that disagrees with the chunk parts', () => {
    const r = parseFileSearchResult([
      header(3),
      part('[1] document_id: file-1, score: 0.9 cite as <|file-1|>\nx\n'),
      footer(),
      context('q'),
    ]);
    expect(r.issues.map((i) => i.kind)).toEqual(['count-mismatch']);
  });

  it('reads both empty-result endings and takes the query from the call arguments when needed', () => {
    const v2510 = parseFileSearchResult([
      header(0),
      footer(),
      part(
        `The above results were retrieved to help answer the user's query: "nothing". Use them as supporting information only in answering this query.\n`,
      ),
    ]);
    expect([v2510.emptyEnding, v2510.instruction, v2510.chunks.length, v2510.issues]).toEqual(['v2510', 'none', 0, []]);
    const head = parseFileSearchResult([
      header(0, 'file_search'),
      footer('file_search'),
      part(
        `The above results were retrieved to help answer the user's query: "q \\"x\\"". Use them as supporting information only in answering this query. \n`,
      ),
    ]);
    expect(head.emptyEnding).toBe('head');
    expect(head.query).toBe('q \\"x\\"');
    const noContext = parseFileSearchResult(
      [header(1), part('[1] document_id: file-1, score: 0.9 cite as <|file-1|>\nx\n'), footer()],
      { argumentsJson: '{"query":"from args"}' },
    );
    expect([noContext.query, noContext.querySource]).toEqual(['from args', 'arguments']);
  });

  it('reports content that is not a file-search result', () => {
    for (const content of ['exp_003', 42, null, [{ type: 'image' }], '{"query": "x", "top_k": []}']) {
      const r = parseFileSearchResult(content);
      expect(r.recognised).toBe(false);
      expect(r.issues.map((i) => i.kind)).toEqual(['not-file-search']);
      expect(looksLikeFileSearchResult(content)).toBe(false);
    }
  });
});
