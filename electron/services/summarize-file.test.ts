import { readFile, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusDir, listCorpusJson, withTempDir } from '../test-support/corpus';
import { fileTerms, TermNumbers } from './search-index';
import { indexFileSync, MAX_INDEX_BYTES, readSized } from './summarize-file';

const text = (bytes: Uint8Array | { grownTo: number }): string => ('grownTo' in bytes ? `grown to ${bytes.grownTo}` : Buffer.from(bytes).toString());

describe('readSized (the workers\' reads into a reused buffer)', () => {
  it('reads what the file holds now, whether it grew or shrank since its stat, at any size', async () => {
    await withTempDir(async (dir) => {
      const file = path.join(dir, 'a.json');
      await writeFile(file, 'abcdef');
      expect(text(readSized(file, 6))).toBe('abcdef');
      expect(text(readSized(file, 2))).toBe('abcdef'); // grew after the stat
      expect(text(readSized(file, 50))).toBe('abcdef'); // shrank after the stat
      const big = 'x'.repeat(3 * 1024 * 1024);
      await writeFile(file, big);
      expect(text(readSized(file, big.length))).toBe(big);
      await writeFile(file, 'small again');
      expect(text(readSized(file, 11))).toBe('small again');
      const nine = 'y'.repeat(9 * 1024 * 1024); // above the reused buffer's limit: a buffer of its own
      await writeFile(file, nine);
      expect(text(readSized(file, nine.length))).toBe(nine);
      // Grown past the indexer's limit since the stat: not read at all.
      await truncate(file, MAX_INDEX_BYTES + 10);
      expect(text(readSized(file, 10))).toBe(`grown to ${MAX_INDEX_BYTES + 10}`);
      expect(text(readSized(file, 9 * 1024 * 1024))).toBe(`grown to ${MAX_INDEX_BYTES + 10}`);
    });
  });
});

describe('indexFileSync with numbered terms', () => {
  it('gives each corpus file the terms fileTerms gives, each once, numbered consistently across files', async () => {
    const numbers = new TermNumbers();
    const texts: string[] = [];
    const files = (await listCorpusJson()).slice(0, 40);
    for (const rel of files) {
      numbers.startFile();
      const result = indexFileSync(corpusDir, rel, numbers);
      expect('row' in result && result.row.path).toBe(rel);
      texts.push(...numbers.takeNewTerms());
      const got = numbers.ids.map((n) => texts[n]!);
      expect(new Set(got).size).toBe(got.length);
      const text = await readFile(path.join(corpusDir, rel), 'utf8');
      expect([...got].sort()).toEqual(fileTerms(JSON.parse(text), text).sort());
    }
  });
});
