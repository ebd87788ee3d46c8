import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusDir, listCorpusJson, withTempDir } from '../test-support/corpus';
import { fileTerms, TermNumbers } from './search-index';
import { indexFileSync, readSized } from './summarize-file';

describe('readSized (the workers\' reads into a reused buffer)', () => {
  it('reads what the file holds now, whether it grew or shrank since its stat, at any size', async () => {
    await withTempDir(async (dir) => {
      const file = path.join(dir, 'a.json');
      await writeFile(file, 'abcdef');
      expect(Buffer.from(readSized(file, 6)).toString()).toBe('abcdef');
      expect(Buffer.from(readSized(file, 2)).toString()).toBe('abcdef'); // grew after the stat
      expect(Buffer.from(readSized(file, 50)).toString()).toBe('abcdef'); // shrank after the stat
      const big = 'x'.repeat(3 * 1024 * 1024);
      await writeFile(file, big);
      expect(Buffer.from(readSized(file, big.length)).toString()).toBe(big);
      await writeFile(file, 'small again');
      expect(Buffer.from(readSized(file, 11)).toString()).toBe('small again');
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
