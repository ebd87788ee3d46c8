import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withTempDir } from '../test-support/corpus';
import { xdgTrash } from './trash';

describe.runIf(process.platform === 'linux')('xdgTrash', () => {
  it('moves the file into Trash/files with a .trashinfo naming where it came from', async () => {
    await withTempDir(async (dir) => {
      const trash = xdgTrash(path.join(dir, 'Trash'));
      await mkdir(path.join(dir, 'rec dir'));
      const file = path.join(dir, 'rec dir/a.json');
      await writeFile(file, '{}');
      await trash(file);
      await writeFile(file, '{"second": true}');
      await trash(file);
      expect((await readdir(path.join(dir, 'rec dir')))).toEqual([]);
      expect((await readdir(path.join(dir, 'Trash/files'))).sort()).toEqual(['a.json', 'a.json.2']);
      const info = await readFile(path.join(dir, 'Trash/info/a.json.2.trashinfo'), 'utf8');
      expect(info).toMatch(new RegExp(`^\\[Trash Info\\]\\nPath=${dir.split('/').map(encodeURIComponent).join('/')}/rec%20dir/a\\.json\\nDeletionDate=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\n$`));
      expect(await readFile(path.join(dir, 'Trash/files/a.json.2'), 'utf8')).toBe('{"second": true}');
    });
  });
});
