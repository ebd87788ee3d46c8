import { cp, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusDir, listCorpusJson, withTempDir } from '../test-support/corpus';
import { FolderIndex } from './folder-index';
import {
  collectTextTerms, collectValueTerms, fileTerms, parseQuery, phraseMatcher, searchableText, SearchIndex, VERIFY_FILES,
} from './search-index';
import { WorkerPool } from './worker-pool';

const terms = (text: string) => {
  const out = new Set<string>();
  collectTextTerms(text, out);
  return [...out].sort();
};
const valueTerms = (value: unknown) => {
  const out = new Set<string>();
  collectValueTerms(value, out);
  return [...out].sort();
};

/** An index over in-memory files, with a reader that counts what it reads. */
function memoryIndex(files: Record<string, string>) {
  const index = new SearchIndex();
  for (const [p, text] of Object.entries(files)) index.add(p, fileTerms(JSON.parse(text), text), text.length);
  const reads: string[] = [];
  const read = async (p: string) => {
    reads.push(p);
    return files[p] === undefined ? null : new TextEncoder().encode(files[p]);
  };
  return { index, read, reads };
}

const rec = (content: string, extra: Record<string, unknown> = {}) => JSON.stringify({ request: { body: { messages: [{ role: 'user', content }] } }, ...extra }, null, 2);

describe('tokenizer', () => {
  it('lower-cases runs of letters, digits and underscores of 2 to 64 characters', () => {
    expect(terms('Hello, World! test_id=tests/integration/x.py::Test_Y a 42')).toEqual(
      ['42', 'hello', 'integration', 'py', 'test_id', 'test_y', 'tests', 'world'].sort(),
    );
    expect(terms(`${'x'.repeat(64)} ${'y'.repeat(65)}`)).toEqual(['x'.repeat(64)]);
  });

  it('keeps letters outside ASCII and splits on everything else', () => {
    expect(terms('Café naïve Ärger — 東京 emoji😀word')).toEqual(['café', 'emoji', 'naïve', 'word', 'ärger', '東京'].sort());
  });

  it('leaves out fractions written in text and unbroken blobs', () => {
    expect(terms('score 0.98765 and 12.5 and v3.11')).toEqual(['12', 'and', 'score', 'v3']);
    expect(terms('A'.repeat(300))).toEqual([]);
    expect(terms(`data ${'A'.repeat(300)}`)).toEqual(['data']);
  });

  it('reads keys, strings and integers of a parsed value, but not fractions or obfuscation padding', () => {
    expect(valueTerms({ Model: 'gpt-4o', created: 1759245088, n: -42, t: 0.7, big: 123.5, e: 1e-5, ok: true, none: null, obfuscation: 'Zq8PadDing' })).toEqual(
      ['123', '1759245088', '42', '4o', 'big', 'created', 'gpt', 'model', 'none', 'null', 'obfuscation', 'ok', 'true'].sort(),
    );
  });

  it('decodes JSON escapes for the phrase check and lets white space match any run of it', () => {
    const text = searchableText(JSON.stringify({ a: 'Line one\nLine two "quoted" caf\u00e9' }).replace('é', '\\u00e9'));
    expect(text).toContain('line one\nline two "quoted" café');
    expect(phraseMatcher('one line two')(text)).toBe(true);
    expect(phraseMatcher('one  line')(text)).toBe(true);
    expect(phraseMatcher('two line')(text)).toBe(false);
    expect(phraseMatcher('a+b (c)')('x a+b  (c) y')).toBe(true);
  });
});

describe('parseQuery', () => {
  it('splits like the tokenizer, the last word being a prefix', () => {
    expect(parseQuery('  Marketing Updates Oct ')).toMatchObject({ phrase: 'marketing updates oct', words: ['marketing', 'updates', 'oct'], prefix: true, needsCheck: true });
    expect(parseQuery('gpt')).toMatchObject({ words: ['gpt'], prefix: true, needsCheck: false });
    expect(parseQuery('gpt-4o')).toMatchObject({ words: ['gpt', '4o'], prefix: true, needsCheck: true });
    expect(parseQuery('"gpt-4o"')).toMatchObject({ words: ['gpt', '4o'], prefix: false, needsCheck: true });
  });

  it('does not look up words the index leaves out', () => {
    expect(parseQuery('temperature 0.7')).toMatchObject({ words: ['temperature'], skipped: ['0', '7'], needsCheck: true });
    expect(parseQuery('0.98765')).toMatchObject({ words: [], skipped: ['0', '98765'] });
    expect(parseQuery('123.5')).toMatchObject({ words: ['123'], prefix: false });
    expect(parseQuery('1e-05')).toMatchObject({ words: [] });
    expect(parseQuery('a')).toMatchObject({ words: [], skipped: ['a'] });
    expect(parseQuery('12345678901234567890')).toMatchObject({ words: [] });
  });
});

describe('SearchIndex', () => {
  it('finds files by word and by word prefix, intersecting several words', async () => {
    const { index } = memoryIndex({
      'a.json': rec('marketing updates for October 2023'),
      'b.json': rec('updates on marketing'),
      'c.json': rec('nothing relevant', { model: 'gpt-4o-mini' }),
    });
    expect((await index.search('marketing')).paths).toEqual(['a.json', 'b.json']);
    expect((await index.search('MARK')).paths).toEqual(['a.json', 'b.json']);
    expect((await index.search('octo')).paths).toEqual(['a.json']);
    expect((await index.search('content')).total).toBe(3);
    expect(await index.search('zebra')).toMatchObject({ paths: [], total: 0, exact: true });
    // Without a reader the phrase cannot be checked: files with all the words, approximate.
    expect(await index.search('marketing updates')).toMatchObject({ paths: ['a.json', 'b.json'], exact: false });
    expect((await index.search('marketing nothing')).total).toBe(0);
  });

  it('checks the exact phrase in few candidates by reading them', async () => {
    const { index, read, reads } = memoryIndex({
      'a.json': rec('marketing updates for October 2023'),
      'b.json': rec('updates on marketing'),
      'c.json': rec('MARKETING\nUPDATES\\ escaped'),
    });
    const result = await index.search('marketing updates', { read });
    expect(result).toMatchObject({ paths: ['a.json', 'c.json'], total: 2, exact: true, checked: 3 });
    expect(reads.sort()).toEqual(['a.json', 'b.json', 'c.json']);
    expect((await index.search('gpt-4o', { read })).total).toBe(0);
    expect((await index.search('"content": "marketing', { read })).paths).toEqual(['a.json', 'c.json']);
  });

  it('returns approximate results when the candidates are too many to read, unless exact is asked for', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < VERIFY_FILES + 10; i++) files[`f${i}.json`] = rec(i % 2 ? 'alpha beta' : 'beta alpha');
    const { index, read } = memoryIndex(files);
    const quick = await index.search('alpha beta', { read, limit: 5 });
    expect(quick).toMatchObject({ total: VERIFY_FILES + 10, exact: false, checked: 0 });
    expect(quick.paths).toHaveLength(5);
    expect(quick.note).toMatch(/Approximate/);
    const exact = await index.search('alpha beta', { read, exact: true, limit: 10_000 });
    expect(exact).toMatchObject({ total: (VERIFY_FILES + 10) / 2, exact: true });
    expect(exact.paths.every((p) => Number(p.slice(1, -5)) % 2 === 1)).toBe(true);
  });

  it('scans every file for a query without indexed words', async () => {
    const { index, read } = memoryIndex({ 'a.json': rec('temperature 0.7'), 'b.json': rec('temperature 0.75'), 'c.json': rec('nope') });
    expect(await index.search('0.7', { read })).toMatchObject({ paths: ['a.json', 'b.json'], exact: true, checked: 3 });
    expect(await index.search('0.75', { read })).toMatchObject({ paths: ['b.json'], exact: true });
    expect(await index.search('x', { read })).toMatchObject({ paths: [], exact: false, note: expect.stringMatching(/two letters/) });
    expect(await index.search('   ', { read })).toMatchObject({ paths: [], total: 0, exact: true });
  });

  it('replaces a changed file, forgets a removed one and stays right through compaction', async () => {
    const index = new SearchIndex();
    index.add('a.json', 'alpha\nshared', 10);
    index.add('b.json', 'beta\nshared', 10);
    expect((await index.search('shared')).paths).toEqual(['a.json', 'b.json']);
    index.add('a.json', 'gamma\nshared', 10); // changed on disk
    expect((await index.search('alpha')).total).toBe(0);
    expect((await index.search('gamma')).paths).toEqual(['a.json']);
    expect((await index.search('shared')).paths.sort()).toEqual(['a.json', 'b.json']);
    index.remove('b.json');
    expect((await index.search('shared')).paths).toEqual(['a.json']);
    expect(index.has('b.json')).toBe(false);

    // Churn: thousands of updates trigger compaction; results never change meaning.
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 1500; i++) index.add(`n${i}.json`, `common\nround${round}\nfile${i}`, 5);
    }
    for (let i = 0; i < 1500; i += 2) index.remove(`n${i}.json`);
    index.compact();
    expect(index.stats).toMatchObject({ files: 751, deadIds: 0 });
    expect((await index.search('round3', { limit: 10_000 })).total).toBe(750);
    expect((await index.search('round2')).total).toBe(0);
    expect((await index.search('file1499')).paths).toEqual(['n1499.json']);
    expect((await index.search('file14', { limit: 10_000 })).paths.sort()).toEqual(
      ['n1401.json', 'n1403.json', 'n1405.json', 'n1407.json', 'n1409.json', 'n141.json', 'n143.json', 'n145.json', 'n147.json', 'n149.json']
        .concat(Array.from({ length: 45 }, (_, k) => `n14${11 + 2 * k}.json`)).sort(),
    );
    expect((await index.search('gamma')).paths).toEqual(['a.json']);
    index.clear();
    expect((await index.search('gamma')).total).toBe(0);
  });

  it('stops a long check when cancelled', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 50; i++) files[`f${i}.json`] = rec('alpha beta');
    const { index, read, reads } = memoryIndex(files);
    let calls = 0;
    const result = await index.search('alpha beta', { read, exact: true, cancelled: () => ++calls > 5 });
    expect(result.cancelled).toBe(true);
    expect(reads.length).toBeLessThan(50);
  });
});

describe('content search over ../shared/corpus', () => {
  const pool = new WorkerPool(2);
  afterAll(() => pool.close());

  /** Files whose searchable text holds `phrase` at the start of a word (strict) or anywhere (loose). */
  async function bruteForce(files: string[], phrase: string) {
    const strict = new Set<string>();
    const loose = new Set<string>();
    const p = phrase.toLowerCase();
    for (const file of files) {
      const text = searchableText(await readFile(path.join(corpusDir, file), 'utf8'));
      let at = text.indexOf(p);
      if (at >= 0) loose.add(file);
      while (at >= 0) {
        if (at === 0 || !/[\p{L}\p{N}_]/u.test(text[at - 1]!)) {
          strict.add(file);
          break;
        }
        at = text.indexOf(p, at + 1);
      }
    }
    return { strict, loose };
  }

  it('agrees with reading every file', async () => {
    const index = new FolderIndex({ pool, watch: false, search: true });
    await index.open(corpusDir);
    await index.whenIndexed();
    const files = await listCorpusJson();
    for (const query of ['marketing updates October 2023', 'gpt-4o', 'knowledge_search', 'test_response_file_search', 'rec-0ea735928993', 'Llama', 'chat.completion.chunk', 'What is the capital']) {
      const result = await index.search(query, { limit: 100_000, exact: true });
      const { strict, loose } = await bruteForce(files, query);
      expect(result.exact, query).toBe(true);
      const found = new Set(result.paths);
      for (const f of strict) expect(found.has(f), `${query}: ${f}`).toBe(true);
      for (const f of found) expect(loose.has(f), `${query}: ${f}`).toBe(true);
      expect(result.total, query).toBeGreaterThan(0);
    }
    expect((await index.search('marketing updates October 2023', { limit: 1000 })).total).toBeLessThan(files.length / 5);
    await index.close();
  });

  it('follows the watcher: new, changed and removed files', async () => {
    await withTempDir(async (dir) => {
      await mkdir(path.join(dir, 'common/recordings'), { recursive: true });
      const index = new FolderIndex({ pool });
      await index.open(dir);
      await index.whenIndexed();
      await new Promise((r) => setTimeout(r, 300));
      const file = path.join(dir, 'common/recordings/new.json');
      const waitFor = async (query: string, total: number) => {
        for (let i = 0; i < 100 && (await index.search(query)).total !== total; i++) await new Promise((r) => setTimeout(r, 50));
        expect((await index.search(query)).total, query).toBe(total);
      };
      await writeFile(file, rec('the zanzibar archipelago'));
      await waitFor('zanzibar archipelago', 1);
      await writeFile(file, rec('the okavango delta'));
      await waitFor('okavango', 1);
      await waitFor('zanzibar', 0);
      await rm(file);
      await waitFor('okavango', 0);
      await index.close();
    });
  });
});

describe('FolderIndex watcher (one fs.watch per folder)', () => {
  const pool = new WorkerPool(1);
  afterAll(() => pool.close());
  const source = path.join(corpusDir, 'llama-stack/common/recordings/02c93bb3c314427bae2b7a7a6f054792b9f22d2cb4522eab802810be8672d3dc.json');

  const until = async (predicate: () => boolean, what: string) => {
    for (let i = 0; i < 100 && !predicate(); i++) await new Promise((r) => setTimeout(r, 50));
    expect(predicate(), what).toBe(true);
  };

  it('follows folders that appear, move and disappear', async () => {
    await withTempDir(async (tmp) => {
      const dir = path.join(tmp, 'tree');
      await mkdir(path.join(dir, 'a/recordings'), { recursive: true });
      await cp(source, path.join(dir, 'a/recordings/one.json'));
      const index = new FolderIndex({ pool });
      await index.open(dir);
      await index.whenIndexed();
      await new Promise((r) => setTimeout(r, 300));
      const paths = () => index.snapshot().rows.map((r) => r.path).sort();
      expect(paths()).toEqual(['a/recordings/one.json']);

      // A whole suite moved in from outside: its files are indexed, and followed afterwards.
      await mkdir(path.join(tmp, 'outside/recordings'), { recursive: true });
      await cp(source, path.join(tmp, 'outside/recordings/two.json'));
      await rename(path.join(tmp, 'outside'), path.join(dir, 'b'));
      await until(() => paths().includes('b/recordings/two.json'), 'moved-in folder indexed');
      await cp(source, path.join(dir, 'b/recordings/three.json'));
      await until(() => paths().includes('b/recordings/three.json'), 'file in the moved-in folder');

      // A folder made, then nested folders and a file in them.
      await mkdir(path.join(dir, 'c/deep/recordings'), { recursive: true });
      await new Promise((r) => setTimeout(r, 100));
      await writeFile(path.join(dir, 'c/deep/recordings/four.json'), await readFile(source));
      await until(() => paths().includes('c/deep/recordings/four.json'), 'file in a new nested folder');

      // Renaming a folder moves its rows; deleting one removes them; node_modules is ignored.
      await rename(path.join(dir, 'b'), path.join(dir, 'b2'));
      await until(() => !paths().some((p) => p.startsWith('b/')) && paths().includes('b2/recordings/three.json'), 'renamed folder');
      await rm(path.join(dir, 'c'), { recursive: true });
      await until(() => !paths().some((p) => p.startsWith('c/')), 'deleted folder');
      await mkdir(path.join(dir, 'node_modules/x'), { recursive: true });
      await writeFile(path.join(dir, 'node_modules/x/package.json'), '{}');
      await new Promise((r) => setTimeout(r, 300));
      expect(paths()).toEqual(['a/recordings/one.json', 'b2/recordings/three.json', 'b2/recordings/two.json']);
      expect(index.state.progress).toMatchObject({ total: 3, indexed: 3, done: true });
      expect((await index.search('ProcessResponse', { limit: 10 })).total).toBe(3);
      await index.close();
    });
  });

  it('says so when the opened folder itself is deleted', async () => {
    await withTempDir(async (tmp) => {
      const dir = path.join(tmp, 'tree');
      await mkdir(path.join(dir, 'a'), { recursive: true });
      await cp(source, path.join(dir, 'a/one.json'));
      const index = new FolderIndex({ pool });
      await index.open(dir);
      await index.whenIndexed();
      await new Promise((r) => setTimeout(r, 300));
      await rm(dir, { recursive: true });
      await until(() => index.state.progress.error === 'The opened folder was deleted or renamed.', 'root deleted');
      await until(() => index.snapshot().rows.length === 0, 'rows removed');
      await index.close();
    });
  });
});

describe('WorkerPool.release', () => {
  it('stops idle workers and starts them again for the next batch', async () => {
    const pool = new WorkerPool(1);
    try {
      const file = 'llama-stack/common/recordings/02c93bb3c314427bae2b7a7a6f054792b9f22d2cb4522eab802810be8672d3dc.json';
      expect((await pool.index(corpusDir, [file], true)).rows[0]!.kind).toBe('ollama');
      await pool.release();
      expect(pool.size).toBe(0);
      const again = await pool.index(corpusDir, [file], true);
      expect(pool.size).toBe(1);
      expect(again.rows[0]!.kind).toBe('ollama');
      expect(again.terms[0]).toContain('processresponse');
    } finally {
      await pool.close();
    }
  });
});
