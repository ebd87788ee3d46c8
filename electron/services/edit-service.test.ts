import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../shared/hash/sha256';
import { corpusDir, withTempDir } from '../test-support/corpus';
import { EditService } from './edit-service';

const SAMPLE = 'llama-stack/responses/recordings/a3e1da36b2ead08e5e53aa5c8bd43f2ba03e75a4ba68e3580198ec73ee92ccf8.json';

async function setup(dir: string) {
  const root = path.join(dir, 'root');
  const rel = 'responses/recordings/a3e1da36b2ead08e5e53aa5c8bd43f2ba03e75a4ba68e3580198ec73ee92ccf8.json';
  await mkdir(path.join(root, 'responses/recordings'), { recursive: true });
  await cp(path.join(corpusDir, SAMPLE), path.join(root, rel));
  const original = await readFile(path.join(root, rel), 'utf8');
  return { root, rel, original, service: new EditService(path.join(dir, 'history')) };
}

describe('EditService', () => {
  it('saves in canonical form so only the edited line changes', async () => {
    await withTempDir(async (dir) => {
      const { root, rel, original, service } = await setup(dir);
      // An editor that re-indented everything (4 spaces, different line breaks) and changed one value.
      const edited = original.replace(/^( +)/gm, (m) => m + m).replace('"is_streaming": true', '"is_streaming":   false');
      const result = await service.save(root, { path: rel, text: edited, baseSha256: sha256Hex(original) });
      expect(result.status).toBe('saved');
      const saved = await readFile(path.join(root, rel), 'utf8');
      const changed = saved.split('\n').filter((line, i) => line !== original.split('\n')[i]);
      expect(changed).toEqual(['    "is_streaming": false']);
    });
  });

  it('keeps exotic numbers exactly (floats in exponent form, 0.0) when re-saving', async () => {
    await withTempDir(async (dir) => {
      const { root, rel, original, service } = await setup(dir);
      const result = await service.save(root, { path: rel, text: original, baseSha256: sha256Hex(original) });
      expect(result.status).toBe('saved');
      expect(await readFile(path.join(root, rel), 'utf8')).toBe(original);
    });
  });

  it('refuses invalid JSON with the reason and writes nothing', async () => {
    await withTempDir(async (dir) => {
      const { root, rel, original, service } = await setup(dir);
      const result = await service.save(root, { path: rel, text: original.slice(0, 100), baseSha256: sha256Hex(original) });
      expect(result).toMatchObject({ status: 'invalid', message: expect.stringMatching(/not valid JSON .*line \d+, column \d+/) });
      expect(await readFile(path.join(root, rel), 'utf8')).toBe(original);
    });
  });

  it('reports a conflict when the file changed on disk, and overwrites only when forced', async () => {
    await withTempDir(async (dir) => {
      const { root, rel, original, service } = await setup(dir);
      const theirs = original.replace('"is_streaming": true', '"is_streaming": false');
      await writeFile(path.join(root, rel), theirs);
      const mine = original.replace('"endpoint": "/v1/chat/completions"', '"endpoint": "/v1/chat/completions2"');
      const conflict = await service.save(root, { path: rel, text: mine, baseSha256: sha256Hex(original) });
      expect(conflict).toMatchObject({ status: 'conflict', disk: { text: theirs } });
      expect(await readFile(path.join(root, rel), 'utf8')).toBe(theirs);
      const forced = await service.save(root, { path: rel, text: mine, baseSha256: sha256Hex(original), force: true });
      expect(forced.status).toBe('saved');
      expect(await readFile(path.join(root, rel), 'utf8')).toBe(mine);
    });
  });

  it('moves the file to the expected name in the same save, refusing to overwrite another recording', async () => {
    await withTempDir(async (dir) => {
      const { root, rel, original, service } = await setup(dir);
      const moveTo = 'other/recordings/' + 'b'.repeat(64) + '.json';
      const result = await service.save(root, { path: rel, text: original, baseSha256: sha256Hex(original), moveTo });
      expect(result).toMatchObject({ status: 'saved', movedFrom: rel, file: { path: moveTo } });
      expect(await readdir(path.join(root, 'responses/recordings'))).toEqual([]);
      expect(await readFile(path.join(root, moveTo), 'utf8')).toBe(original);
      await cp(path.join(root, moveTo), path.join(root, rel));
      await expect(service.save(root, { path: rel, text: original, baseSha256: sha256Hex(original), moveTo })).rejects.toThrow(/already exists/);
      await expect(service.save(root, { path: rel, text: original, baseSha256: sha256Hex(original), moveTo: '../escape.json' })).rejects.toThrow(/outside/);
    });
  });

  it('keeps every saved version, plus the original, in its own folder', async () => {
    await withTempDir(async (dir) => {
      const { root, rel, original, service } = await setup(dir);
      const v1 = original.replace('"is_streaming": true', '"is_streaming": false');
      await service.save(root, { path: rel, text: v1, baseSha256: sha256Hex(original) });
      await service.save(root, { path: rel, text: original, baseSha256: sha256Hex(v1) });
      const history = await service.history(root, rel);
      expect(history.map((h) => h.note)).toEqual(['saved', 'saved', 'before the first save']);
      expect(await service.readVersion(root, rel, history[2]!.id)).toBe(original);
      expect(await service.readVersion(root, rel, history[1]!.id)).toBe(v1);
      expect(await readdir(path.join(root, 'responses/recordings'))).toHaveLength(1);
      await expect(service.readVersion(root, rel, '../../etc/passwd')).rejects.toThrow(/Unknown history entry/);
    });
  });
});
