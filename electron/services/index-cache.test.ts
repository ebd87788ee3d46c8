import { cp, mkdir, readdir, readFile, rm, stat, truncate, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { RecordingRow } from '../../shared/host-api';
import { corpusDir, withTempDir } from '../test-support/corpus';
import { FolderIndex } from './folder-index';
import { decodePostings, encodePostings, IndexCache, indexerFingerprint } from './index-cache';
import { SearchIndex } from './search-index';
import { WorkerPool } from './worker-pool';

const pool = new WorkerPool(2);
afterAll(() => pool.close());

/** The corpus's smaller tree only (22 files), for tests that do not need all of it. */
const onlyTheOlderTree = (src: string): boolean => !/[\\/]llama-stack([\\/]|$)/.test(src);

const QUERIES = ['gpt-4o', 'promotional campaigns for q1', 'test_response_non_streaming_file_search', 'knowledge_search', 'xyzzy-not-there', 'mar'];

async function openIndexed(folder: string, cache: IndexCache): Promise<FolderIndex> {
  // racyMs 0: the tests write files and reopen at once (the racy rule has a test of its own)
  const index = new FolderIndex({ pool, watch: false, search: true, cache, racyMs: 0 });
  await index.open(folder);
  await index.whenIndexed();
  return index;
}

const sortedRows = (index: FolderIndex): RecordingRow[] => index.snapshot().rows.sort((a, b) => a.path.localeCompare(b.path));

async function searches(index: FolderIndex): Promise<Array<{ paths: string[]; total: number }>> {
  const out = [];
  for (const q of QUERIES) {
    const r = await index.search(q, { limit: 100_000, exact: true });
    out.push({ paths: [...r.paths].sort(), total: r.total });
  }
  return out;
}

describe('SearchIndex export and restore', () => {
  it('answers every query the same after a round trip, and keeps working when files change', async () => {
    const index = new SearchIndex();
    index.add('a.json', 'alpha\nbeta\nshared', 10);
    index.add('b.json', 'beta\nshared\ngamma', 20);
    index.add('c.json', 'shared\ndelta', 30);
    index.remove('c.json'); // a dead id is not exported
    index.add('a.json', 'alpha\nepsilon\nshared', 11); // replaced: new id, old one dead
    const data = index.exportData();
    expect(data.paths).toEqual(['b.json', 'a.json']);
    const restored = SearchIndex.fromData(data);
    for (const q of ['alpha', 'beta', 'shared', 'delta', 'eps', 'gamma']) {
      expect((await restored.search(q)).paths.sort(), q).toEqual((await index.search(q)).paths.sort());
    }
    // Growing a restored postings list copies it out of the shared buffer.
    restored.add('d.json', 'shared\nbeta', 5);
    expect((await restored.search('shared')).paths.sort()).toEqual(['a.json', 'b.json', 'd.json']);
    expect((await restored.search('beta')).paths.sort()).toEqual(['b.json', 'd.json']);
    expect(data.ids.length).toBe(6); // the export itself is untouched
  });
});

describe('postings encoding', () => {
  it('decodes what it encodes and refuses anything inconsistent', () => {
    fc.assert(fc.property(fc.array(fc.uniqueArray(fc.nat({ max: 70_000 }), { minLength: 1, maxLength: 50 }), { maxLength: 40 }), (lists) => {
      const paths = Array.from({ length: 70_001 }, (_, i) => `f${i}`);
      const sorted = lists.map((l) => [...l].sort((a, b) => a - b));
      const offsets = [0];
      for (const l of sorted) offsets.push(offsets.at(-1)! + l.length);
      const data = { paths, sizes: paths.map(() => 1), terms: sorted.map((_, i) => `t${i}`), offsets: Uint32Array.from(offsets), ids: Uint32Array.from(sorted.flat()) };
      const bytes = encodePostings(data);
      const back = decodePostings(bytes, data.paths, data.sizes, data.terms, data.ids.length);
      expect(back && [...back.ids]).toEqual([...data.ids]);
      expect(back && [...back.offsets]).toEqual([...data.offsets]);
      if (bytes.length > 0) expect(decodePostings(bytes.subarray(0, bytes.length - 1), data.paths, data.sizes, data.terms, data.ids.length)).toBeNull();
      expect(decodePostings(bytes, data.paths.slice(0, 10), data.sizes, data.terms, data.ids.length) === null || data.ids.every((id) => id < 10)).toBe(true);
    }));
  });
});

describe('IndexCache', () => {
  it('reopens a folder from the cache: same rows and search results, no file read', async () => {
    await withTempDir(async (dir) => {
      const folder = path.join(dir, 'recordings');
      await cp(corpusDir, folder, { recursive: true });
      const cache = new IndexCache(path.join(dir, 'data'), 'fingerprint-1');
      const first = await openIndexed(folder, cache);
      expect(first.openStats).toMatchObject({ cache: false, reused: 0 });
      const rows = sortedRows(first);
      const found = await searches(first);
      await first.close(); // writes the cache
      expect(first.lastCacheWrite?.bytes).toBeGreaterThan(0);

      const second = await openIndexed(folder, cache);
      expect(second.openStats).toEqual({ cache: true, reused: rows.length, read: 0 });
      expect(sortedRows(second)).toEqual(rows);
      expect(await searches(second)).toEqual(found);
      await second.close();

      // Another indexer build never reuses these rows.
      const other = await openIndexed(folder, new IndexCache(path.join(dir, 'data'), 'fingerprint-2'));
      expect(other.openStats).toMatchObject({ cache: false, reused: 0, read: rows.length });
      await other.close();
    });
  });

  it('reads again exactly the files that changed, were added or removed, also with size and mtime put back', async () => {
    await withTempDir(async (dir) => {
      const folder = path.join(dir, 'recordings');
      await cp(corpusDir, folder, { recursive: true });
      const cache = new IndexCache(path.join(dir, 'data'), 'fp');
      const first = await openIndexed(folder, cache);
      const rows = sortedRows(first);
      await first.close();

      const victim = rows.find((r) => r.kind === 'chat' && r.hash?.status === 'current')!;
      const victimFile = path.join(folder, victim.path);
      const before = await stat(victimFile);
      const text = await readFile(victimFile, 'utf8');
      // Same length, same mtime: only ctime (and the content) tell.
      const edited = text.replace(/"model": "([^"]*)"/, (_m, model: string) => `"model": "${'Z'.repeat(model.length)}"`);
      expect(edited.length).toBe(text.length);
      await writeFile(victimFile, edited);
      await utimes(victimFile, before.atime, before.mtime);
      const gone = rows.find((r) => r.path !== victim.path)!;
      await rm(path.join(folder, gone.path));
      await writeFile(path.join(folder, 'added.json'), '{"not": "a recording"}\n');

      const second = await openIndexed(folder, cache);
      expect(second.openStats).toEqual({ cache: true, reused: rows.length - 2, read: 2 });
      const now = new Map(second.snapshot().rows.map((r) => [r.path, r]));
      expect(now.has(gone.path)).toBe(false);
      expect(now.get('added.json')?.kind).toBe('not-a-recording');
      expect(now.get(victim.path)?.hash?.status).toBe('mismatch'); // the request changed under its name
      const removedHits = await second.search(gone.name.replace('.json', ''), { exact: true });
      expect(removedHits.paths).not.toContain(gone.path);
      expect((await second.search('zzzz', { exact: true })).paths).toContain(victim.path);
      await second.close();

      // The changes were written back: a third open reads nothing.
      const third = await openIndexed(folder, cache);
      expect(third.openStats).toEqual({ cache: true, reused: rows.length, read: 0 }); // one gone, one added
      await third.close();
    });
  });

  it('keeps the cache up to date from the watcher (written when the folder is closed at the latest)', async () => {
    await withTempDir(async (dir) => {
      const folder = path.join(dir, 'recordings');
      await cp(corpusDir, folder, { recursive: true, filter: onlyTheOlderTree });
      const cache = new IndexCache(path.join(dir, 'data'), 'fp');
      const index = new FolderIndex({ pool, watch: true, cache, racyMs: 0 });
      await index.open(folder);
      await index.whenIndexed();
      const count = index.snapshot().rows.length;
      expect(count).toBeGreaterThan(10);
      const seen = new Promise<void>((resolve) => index.subscribe((e) => { if (e.type === 'rows' && e.rows.some((r) => r.path === 'new.json')) resolve(); }));
      await writeFile(path.join(folder, 'new.json'), '{"request": {}, "response": {}}\n');
      await seen;
      await index.close();
      const again = await openIndexed(folder, cache);
      expect(again.openStats).toEqual({ cache: true, reused: count + 1, read: 0 });
      expect(again.getRow('new.json')).toBeDefined();
      await again.close();
    });
  });

  it('does not cache a file modified moments before it was read (a later write in the same tick would go unseen)', async () => {
    await withTempDir(async (dir) => {
      const folder = path.join(dir, 'recordings');
      await cp(corpusDir, folder, { recursive: true, filter: onlyTheOlderTree });
      const files = (await readdir(folder, { recursive: true })).filter((f) => f.endsWith('.json'));
      const old = new Date(Date.now() - 60_000);
      for (const f of files) await utimes(path.join(folder, f), old, old); // ctime stays now: racy
      const cache = new IndexCache(path.join(dir, 'data'), 'fp');
      const open = async () => {
        const index = new FolderIndex({ pool, watch: false, cache }); // the default racy window
        await index.open(folder);
        await index.whenIndexed();
        await index.close();
        return index.openStats;
      };
      await open();
      expect(await open()).toMatchObject({ read: files.length, reused: 0 }); // none was cached
    });
  });

  it('ignores a damaged, foreign or truncated cache file and rewrites it', async () => {
    await withTempDir(async (dir) => {
      const folder = path.join(dir, 'recordings');
      await cp(corpusDir, folder, { recursive: true, filter: onlyTheOlderTree });
      const cache = new IndexCache(path.join(dir, 'data'), 'fp');
      const first = await openIndexed(folder, cache);
      const count = first.snapshot().rows.length;
      expect(count).toBeGreaterThan(10);
      await first.close();
      const file = cache.fileFor(folder);
      const size = (await stat(file)).size;

      await truncate(file, Math.floor(size / 2));
      expect(await cache.load(folder)).toBeNull();
      const reread = await openIndexed(folder, cache);
      expect(reread.openStats).toMatchObject({ cache: false, read: count });
      await reread.close();
      expect((await cache.load(folder))?.size).toBe(count);

      // A damaged rows chunk (the header still fine): its files are read again, the rest is reused.
      const bytes = await readFile(file);
      const at = bytes.indexOf('[{"path"');
      bytes.write('X', at);
      await writeFile(file, bytes);
      const patched = await openIndexed(folder, cache);
      expect(patched.openStats).toMatchObject({ cache: true, read: count, reused: 0 });
      expect(patched.snapshot().rows.length).toBe(count);
      await patched.close();

      await writeFile(file, 'garbage');
      expect(await cache.load(folder)).toBeNull();
      // A cache is for one folder only (the name is a hash of the path; the header says which).
      await openIndexed(folder, cache).then((i) => i.close());
      expect(await cache.load(path.join(dir, 'elsewhere'))).toBeNull();
    });
  });

  it('keeps the twelve most recent folder caches and removes temp files a killed save left', async () => {
    await withTempDir(async (dir) => {
      const data = path.join(dir, 'index-cache');
      await mkdir(data);
      const old = new Date(Date.now() - 3600_000);
      for (let i = 0; i < 14; i++) {
        await writeFile(path.join(data, `old-${i}.cache`), 'x');
        await utimes(path.join(data, `old-${i}.cache`), old, new Date(old.getTime() + i * 1000));
      }
      await writeFile(path.join(data, 'killed.cache.1.2.tmp'), 'x');
      await utimes(path.join(data, 'killed.cache.1.2.tmp'), old, old);
      await writeFile(path.join(data, 'saving.cache.3.4.tmp'), 'x');
      await new IndexCache(data, 'fp').save(path.join(dir, 'folder'), [], null);
      const names = (await readdir(data)).sort();
      expect(names.filter((n) => n.endsWith('.cache'))).toHaveLength(12);
      expect(names).not.toContain('old-0.cache'); // the oldest go first
      expect(names).toContain('old-13.cache');
      expect(names).not.toContain('killed.cache.1.2.tmp');
      expect(names).toContain('saving.cache.3.4.tmp'); // may be another process's save in progress
    });
  });

  it('fingerprints the built worker and every chunk it imports', async () => {
    await withTempDir(async (dir) => {
      await writeFile(path.join(dir, 'worker.js'), 'import { a } from "./chunks/a-1.js";\n');
      await mkdir(path.join(dir, 'chunks'));
      await writeFile(path.join(dir, 'chunks', 'a-1.js'), 'import "./b-1.js"; export const a = 1;\n');
      await writeFile(path.join(dir, 'chunks', 'b-1.js'), 'export const b = 1;\n');
      const one = indexerFingerprint(path.join(dir, 'worker.js'));
      expect(one).toMatch(/^[0-9a-f]{64}$/);
      await writeFile(path.join(dir, 'chunks', 'b-1.js'), 'export const b = 2;\n');
      expect(indexerFingerprint(path.join(dir, 'worker.js'))).not.toBe(one);
      expect(indexerFingerprint(null)).toBeNull();
      expect(indexerFingerprint(path.join(dir, 'missing.js'))).toBeNull();
    });
  });
});
