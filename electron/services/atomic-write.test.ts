import { chmod, open, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withTempDir } from '../test-support/corpus';
import { atomicWrite, type AtomicFs } from './atomic-write';

const realFs: AtomicFs = { open, rename, stat, unlink, chmod };

describe('atomicWrite', () => {
  it('replaces the file and keeps its permissions', async () => {
    await withTempDir(async (dir) => {
      const file = path.join(dir, 'a.json');
      await writeFile(file, 'old');
      await chmod(file, 0o600);
      await atomicWrite(file, 'new');
      expect(await readFile(file, 'utf8')).toBe('new');
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect(await readdir(dir)).toEqual(['a.json']);
    });
  });

  it.each([
    ['the disk is full while writing', (fs: AtomicFs): AtomicFs => ({
      ...fs,
      open: (async (...args: Parameters<typeof open>) => {
        const handle = await fs.open(...args);
        return new Proxy(handle, { get: (t, p) => (p === 'writeFile' ? async () => { throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }); } : (t as any)[p]?.bind?.(t) ?? (t as any)[p]) });
      }) as typeof open,
    })],
    ['permission is denied for the temporary file', (fs: AtomicFs): AtomicFs => ({
      ...fs, open: (async () => { throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }); }) as unknown as typeof open,
    })],
    ['the rename fails', (fs: AtomicFs): AtomicFs => ({
      ...fs, rename: (async () => { throw Object.assign(new Error('EXDEV: rename failed'), { code: 'EXDEV' }); }) as typeof rename,
    })],
  ])('leaves the original intact when %s', async (_name, inject) => {
    await withTempDir(async (dir) => {
      const file = path.join(dir, 'a.json');
      await writeFile(file, 'original bytes');
      await expect(atomicWrite(file, 'replacement', inject(realFs))).rejects.toThrow();
      expect(await readFile(file, 'utf8')).toBe('original bytes');
      expect(await readdir(dir)).toEqual(['a.json']);
    });
  });
});
