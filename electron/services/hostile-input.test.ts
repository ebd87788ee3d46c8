/**
 * Hostile and broken input, one case each: every file becomes a row with a clear message, the rest of
 * the folder keeps working, nothing is written, and nothing throws.
 */
import { execFileSync } from 'node:child_process';
import { cp, mkdir, open, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RecordingRow } from '../../shared/host-api';
import { corpusDir, withTempDir } from '../test-support/corpus';
import { FolderIndex } from './folder-index';
import { HostService } from './host-service';
import { Settings } from './settings';
import { WorkerPool } from './worker-pool';

const pool = new WorkerPool(2);
afterAll(() => pool.close());

const GOOD = 'llama-stack/common/recordings/02c93bb3c314427bae2b7a7a6f054792b9f22d2cb4522eab802810be8672d3dc.json';

async function snapshotTree(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const info = await stat(file);
    out.set(file, `${info.size}:${info.mtimeMs}`);
  }
  return out;
}

describe('hostile input in the opened folder', () => {
  it('gives every bad file a row that says what is wrong, writes nothing, and keeps the good files', async () => {
    await withTempDir(async (dir) => {
      const root = path.join(dir, 'root');
      await mkdir(path.join(root, 'bad'), { recursive: true });
      await cp(path.join(corpusDir, GOOD), path.join(root, 'good.json'));
      const deep = 100_000;
      const cases: Record<string, string | Buffer> = {
        'bad/broken.json': '{"request": {"url": 1,, }',
        'bad/truncated.json': (await readFile(path.join(corpusDir, GOOD), 'utf8')).slice(0, 200),
        'bad/zero.json': '',
        'bad/binary.json': Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37) % 256)),
        'bad/invalid-utf8.json': Buffer.concat([Buffer.from('{"a": "'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]),
        'bad/not-a-recording.json': '{"name": "package", "version": "1.0.0"}',
        'bad/unknown-shape.json': '{"request": {"foo": 1}, "response": {"body": null, "is_streaming": false}, "extra": true}',
        'bad/missing-response.json': '{"test_id": null, "request": {"method": "POST", "url": "http://x/v1/models", "body": {}}}',
        'bad/deep.json': `{"request": {"method": "POST", "url": "http://x/y", "headers": {}, "body": {"deep": ${'['.repeat(deep)}${']'.repeat(deep)}}, "endpoint": "/y", "model": ""}, "response": {"body": null, "is_streaming": false}}`,
        'bad/conflict.json': '<<<<<<< HEAD\n{"a": 1}\n=======\n{"a": 2}\n>>>>>>> theirs\n',
      };
      for (const [rel, content] of Object.entries(cases)) await writeFile(path.join(root, rel), content);
      // A single 50 MB string, and a 300 MB (sparse) file.
      await writeFile(path.join(root, 'bad/huge-string.json'), `{"request": {"method": "POST", "url": "http://x/y", "headers": {}, "body": {"s": "${'x'.repeat(50 * 1024 * 1024)}"}, "endpoint": "/y", "model": ""}, "response": {"body": null, "is_streaming": false}}`);
      const big = await open(path.join(root, 'bad/300mb.json'), 'w');
      await big.truncate(300 * 1024 * 1024);
      await big.close();
      // A symlink loop and a link pointing out of the folder.
      await symlink('loop-b.json', path.join(root, 'bad/loop-a.json'));
      await symlink('loop-a.json', path.join(root, 'bad/loop-b.json'));
      await symlink(path.join(dir, 'outside.json'), path.join(root, 'bad/escape.json'));
      await writeFile(path.join(dir, 'outside.json'), '{"secret": true}');

      const before = await snapshotTree(root);
      const index = new FolderIndex({ pool, watch: false });
      await index.open(root);
      await index.whenIndexed();
      const rows = new Map<string, RecordingRow>(index.snapshot().rows.map((r) => [r.path, r]));
      const message = (rel: string) => rows.get(rel)?.problems.map((p) => `${p.severity}:${p.message}`).join(' | ') ?? 'NO ROW';

      expect(rows.get('good.json')?.kind).toBe('ollama');
      expect(rows.get('good.json')?.hash?.status).toBe('unverifiable'); // not a hash-shaped name, but fully read
      expect(message('bad/broken.json')).toMatch(/^error:Invalid JSON at line 1, column \d+/);
      expect(message('bad/truncated.json')).toMatch(/ends early/);
      expect(message('bad/zero.json')).toMatch(/empty \(0 bytes\)/);
      expect(message('bad/binary.json')).toMatch(/binary|not valid UTF-8/);
      expect(message('bad/invalid-utf8.json')).toMatch(/not valid UTF-8/);
      expect(message('bad/not-a-recording.json')).toMatch(/not a recording/);
      expect(rows.get('bad/unknown-shape.json')?.problems.some((p) => p.code === 'request-kind-unknown' || p.code === 'unknown-request')).toBe(true);
      expect(message('bad/missing-response.json')).toMatch(/response/);
      expect(rows.get('bad/deep.json')?.kind).not.toBe('broken');
      expect(rows.get('bad/huge-string.json')?.kind).not.toBe('broken');
      expect(message('bad/conflict.json')).toMatch(/merge-conflict marker/);
      expect(message('bad/300mb.json')).toMatch(/300\.0 MB.*not summarised/);
      expect(message('bad/loop-a.json')).toMatch(/link loop|cannot|Cannot/i);
      expect(rows.size).toBe(Object.keys(cases).length + 6);

      // Nothing in the folder was written or touched.
      expect(await snapshotTree(root)).toEqual(before);
      await index.close();
    });
  }, 120_000);

  it('refuses to send huge files or links out of the folder to the renderer, with a reason', async () => {
    await withTempDir(async (dir) => {
      const root = path.join(dir, 'root');
      await mkdir(root);
      const big = await open(path.join(root, 'big.json'), 'w');
      await big.truncate(60 * 1024 * 1024);
      await big.close();
      await writeFile(path.join(dir, 'outside.json'), '{}');
      await symlink(path.join(dir, 'outside.json'), path.join(root, 'escape.json'));
      const service = new HostService(new Settings(path.join(dir, 'data')), { mode: 'browser', version: 'test' });
      await service.openFolder(root);
      await service.index.whenIndexed();
      const file = (await service.call('readRecording', { path: 'big.json' })) as { text: string; tooLarge?: string };
      expect(file.text).toBe('');
      expect(file.tooLarge).toMatch(/60\.0 MB/);
      await expect(service.call('readRecording', { path: 'escape.json' })).rejects.toThrow(/outside the opened folder/);
      await expect(service.call('readRecording', { path: '../outside.json' })).rejects.toThrow(/outside the opened folder/);
      await service.close();
    });
  });

  it('says so when the opened folder itself is deleted, and keeps running', async () => {
    await withTempDir(async (dir) => {
      const root = path.join(dir, 'root');
      await mkdir(path.join(root, 'a'), { recursive: true });
      await cp(path.join(corpusDir, GOOD), path.join(root, 'a/x.json'));
      const index = new FolderIndex({ pool });
      await index.open(root);
      await index.whenIndexed();
      await new Promise((r) => setTimeout(r, 300));
      await rm(root, { recursive: true, force: true });
      for (let i = 0; i < 100 && !index.state.progress.error; i++) await new Promise((r) => setTimeout(r, 50));
      expect(index.state.progress.error).toMatch(/deleted or renamed/);
      expect(index.snapshot().rows).toEqual([]);
      await index.close();
    });
  });

  it.skipIf(process.getuid?.() === 0)('reports files and folders without read permission', async () => {
    await withTempDir(async (dir) => {
      const root = path.join(dir, 'root');
      await mkdir(path.join(root, 'locked'), { recursive: true });
      await writeFile(path.join(root, 'secret.json'), '{}');
      execFileSync('chmod', ['000', path.join(root, 'secret.json'), path.join(root, 'locked')]);
      const index = new FolderIndex({ pool, watch: false });
      await index.open(root);
      await index.whenIndexed();
      const rows = new Map(index.snapshot().rows.map((r) => [r.path, r]));
      expect(rows.get('secret.json')?.problems[0]?.message).toMatch(/permission/);
      expect(rows.get('locked')?.problems[0]?.message).toMatch(/cannot be read/);
      execFileSync('chmod', ['755', path.join(root, 'locked')]);
      await index.close();
    });
  });
});
