import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withTempDir } from '../test-support/corpus';
import { resolveExistingInside, resolveInside } from './path-guard';

describe('path confinement', () => {
  it('accepts relative paths inside the folder', () => {
    expect(resolveInside('/data/rec', 'a/b.json')).toBe(path.resolve('/data/rec/a/b.json'));
    expect(resolveInside('/data/rec', 'a/../b.json')).toBe(path.resolve('/data/rec/b.json'));
  });

  it.each(['../x.json', 'a/../../x.json', '/etc/passwd', 'C:\\x.json', '%2e%2e/x.json', 'a%2fb', 'a\0b'])('refuses %j', (p) => {
    expect(() => resolveInside('/data/rec', p)).toThrow();
  });

  it('refuses symlinks that lead out of the folder', async () => {
    await withTempDir(async (dir) => {
      const root = path.join(dir, 'root');
      await mkdir(root);
      await writeFile(path.join(dir, 'secret.json'), '{}');
      await writeFile(path.join(root, 'ok.json'), '{}');
      await symlink(path.join(dir, 'secret.json'), path.join(root, 'link.json'));
      await symlink(path.join(root, 'ok.json'), path.join(root, 'inner-link.json'));
      await expect(resolveExistingInside(root, 'ok.json')).resolves.toBe(path.join(root, 'ok.json'));
      await expect(resolveExistingInside(root, 'inner-link.json')).resolves.toBe(path.join(root, 'inner-link.json'));
      await expect(resolveExistingInside(root, 'link.json')).rejects.toThrow(/outside the opened folder/);
      await expect(resolveExistingInside(root, 'missing.json')).rejects.toThrow(/no longer exists/);
    });
  });
});
