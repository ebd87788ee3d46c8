import { readFile, writeFile, mkdir, rm, rename, utimes } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HostEvent, RecordingRow } from '../../shared/host-api';
import { corpusDir, listCorpusJson, withTempDir } from '../test-support/corpus';
import { FolderIndex } from './folder-index';
import { WorkerPool } from './worker-pool';

const pool = new WorkerPool(2);
afterAll(() => pool.close());

/** The kind a person would name for a file, decided here from the raw JSON independently of the model. */
function expectedKind(record: any): string {
  const req = record.request;
  const resp = record.response;
  if (resp.is_exception) return 'exception';
  if (req.tool_name) return 'tool';
  if (req.payload) return 'http';
  if (req.api === 'file_processors') return 'file-processor';
  const first = Array.isArray(resp.body) ? resp.body[0] : resp.body;
  const type: string = first?.__type__ ?? '';
  if (type.endsWith('.Model') || ['/v1/models', '/api/tags'].includes(req.endpoint)) return 'models';
  if (type.includes('chat_completion')) return 'chat';
  if (type.endsWith('completion.Completion')) return 'completion';
  if (type.endsWith('CreateEmbeddingResponse')) return 'embeddings';
  if (type.startsWith('ollama.')) return 'ollama';
  if (req.endpoint?.includes('generate_content')) return 'genai';
  return 'unknown';
}

describe('FolderIndex over ../shared/corpus', () => {
  it('indexes every corpus file with the right kind, streaming flag and chunk count', async () => {
    const index = new FolderIndex({ pool, watch: false });
    const events: HostEvent[] = [];
    index.subscribe((e) => events.push(e));
    await index.open(corpusDir);
    await index.whenIndexed();
    const files = await listCorpusJson();
    const { rows, progress } = index.snapshot();
    expect(progress).toMatchObject({ total: files.length, indexed: files.length, done: true });
    expect(rows.map((r) => r.path).sort()).toEqual(files);
    const byPath = new Map(rows.map((r) => [r.path, r]));
    for (const file of files) {
      const record = JSON.parse(await readFile(path.join(corpusDir, file), 'utf8'));
      const row = byPath.get(file) as RecordingRow;
      expect(row.kind, file).toBe(expectedKind(record));
      expect(row.streaming, file).toBe(record.response.is_streaming === true);
      expect(row.chunks, file).toBe(record.response.is_streaming && Array.isArray(record.response.body) ? record.response.body.length : null);
      expect(row.testId, file).toBe(record.test_id ?? record.request.test_id ?? null);
      expect(row.problems.filter((p) => p.severity === 'error'), file).toEqual([]);
    }
    // Rows arrived in batches while indexing ran, with progress events, not in one piece at the end.
    expect(events.filter((e) => e.type === 'rows').length).toBeGreaterThan(0);
    expect(events.at(-1)).toMatchObject({ type: 'progress', progress: { done: true } });
    await index.close();
  });
});

describe('FolderIndex with bad input', () => {
  it('turns every broken file into a row that says what is wrong', async () => {
    await withTempDir(async (dir) => {
      const files: Record<string, string | Buffer> = {
        'a/empty.json': '',
        'a/truncated.json': '{"request": {"url": "x", ',
        'a/not-object.json': '[1, 2, 3]',
        'a/no-response.json': '{"request": {"url": "u", "body": {}}}',
        'a/binary.json': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0xff, 0xfe]),
        'a/latin1.json': Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x3a, 0x31, 0x7d]),
        'a/conflict.json': '<<<<<<< HEAD\n{}\n=======\n[]\n>>>>>>> x\n',
        'a/readme.txt': 'not a candidate',
      };
      for (const [rel, content] of Object.entries(files)) {
        await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
        await writeFile(path.join(dir, rel), content);
      }
      const index = new FolderIndex({ pool, watch: false });
      await index.open(dir);
      await index.whenIndexed();
      const rows = new Map(index.snapshot().rows.map((r) => [r.path, r]));
      expect(rows.size).toBe(7);
      const message = (p: string) => rows.get(p)!.problems.map((x) => x.message).join(' ');
      expect(message('a/empty.json')).toMatch(/empty/);
      expect(message('a/truncated.json')).toMatch(/ends early/);
      expect(message('a/not-object.json')).toMatch(/Top level is an array/);
      expect(message('a/no-response.json')).toMatch(/without response/);
      expect(message('a/binary.json')).toMatch(/binary/);
      expect(message('a/latin1.json')).toMatch(/not valid UTF-8/);
      expect(message('a/conflict.json')).toMatch(/merge-conflict marker "<<<<<<<" at line 1/);
      for (const row of rows.values()) expect(row.problems[0]!.severity).toBe('error');
      await index.close();
    });
  });

  it('follows the folder live: added, changed and removed files update the rows', async () => {
    await withTempDir(async (dir) => {
      const source = path.join(corpusDir, 'llama-stack/common/recordings/02c93bb3c314427bae2b7a7a6f054792b9f22d2cb4522eab802810be8672d3dc.json');
      const text = await readFile(source, 'utf8');
      await mkdir(path.join(dir, 'common/recordings'), { recursive: true });
      const index = new FolderIndex({ pool });
      const events: HostEvent[] = [];
      index.subscribe((e) => events.push(e));
      await index.open(dir);
      await index.whenIndexed();
      const waitFor = async (predicate: () => boolean) => {
        for (let i = 0; i < 100 && !predicate(); i++) await new Promise((r) => setTimeout(r, 50));
        expect(predicate()).toBe(true);
      };
      await new Promise((r) => setTimeout(r, 300)); // let the watcher settle
      await writeFile(path.join(dir, 'common/recordings/new.json'), text);
      await waitFor(() => index.getRow('common/recordings/new.json')?.kind === 'ollama');
      await writeFile(path.join(dir, 'common/recordings/new.json'), '{');
      await waitFor(() => index.getRow('common/recordings/new.json')?.kind === 'broken');
      await rename(path.join(dir, 'common/recordings/new.json'), path.join(dir, 'common/recordings/moved.json'));
      await waitFor(() => !index.getRow('common/recordings/new.json') && !!index.getRow('common/recordings/moved.json'));
      await rm(path.join(dir, 'common/recordings/moved.json'));
      await waitFor(() => index.snapshot().rows.length === 0);
      expect(events.some((e) => e.type === 'removed')).toBe(true);
      await index.close();
    });
  });

  it('while the first index runs, what the watcher saw wins over an older worker result, whatever the mtimes', async () => {
    await withTempDir(async (dir) => {
      await writeFile(path.join(dir, 'a.json'), '{"note": "zorblax"}\n');
      await writeFile(path.join(dir, 'b.json'), '{"note": "zorblax"}\n');
      // A pool whose answers are held back: the workers have read the files, the host hears of it later.
      let letThrough = () => undefined as void;
      const gate = new Promise<void>((resolve) => { letThrough = resolve; });
      const held = new (class extends WorkerPool {
        override index(...args: Parameters<WorkerPool['index']>) {
          return super.index(...args).then(async (batch) => { await gate; return batch; });
        }
      })(1);
      const index = new FolderIndex({ pool: held });
      const rowEvent = (rel: string) => new Promise<void>((resolve) => index.subscribe((e) => { if (e.type === 'rows' && e.rows.some((r) => r.path === rel)) resolve(); }));
      const seen = rowEvent('b.json');
      try {
        await index.open(dir);
        // The watcher runs once the walk is over; a file it reports proves it is running.
        const probe = rowEvent('probe.json');
        await new Promise((r) => setTimeout(r, 100));
        await writeFile(path.join(dir, 'probe.json'), '{}\n');
        await probe;
        await rm(path.join(dir, 'a.json'));
        // b.json replaced by a rename, with an mtime older than the version the worker read
        await writeFile(path.join(dir, 'b.tmp'), '{"note": "quuxian"}\n');
        const old = new Date(Date.now() - 60_000);
        await utimes(path.join(dir, 'b.tmp'), old, old);
        await rename(path.join(dir, 'b.tmp'), path.join(dir, 'b.json'));
        await seen;
        await new Promise((r) => setTimeout(r, 200));
        letThrough();
        await index.whenIndexed();
        expect(index.getRow('a.json')).toBeUndefined();
        expect((await index.search('zorblax')).paths).toEqual([]);
        expect((await index.search('quuxian')).paths).toEqual(['b.json']);
        expect(index.snapshot().progress).toMatchObject({ total: 2, indexed: 2, done: true }); // b.json and the probe
      } finally {
        letThrough();
        await index.close();
        await held.close();
      }
    });
  });

  it('refuses to open something that is not a folder', async () => {
    const index = new FolderIndex({ pool, watch: false });
    await expect(index.open(path.join(corpusDir, 'MANIFEST.md'))).rejects.toThrow(/not a folder/);
    await expect(index.open('/definitely/not/here')).rejects.toThrow(/does not exist/);
    await index.close();
  });
});
