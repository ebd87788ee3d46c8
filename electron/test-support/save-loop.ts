/**
 * Child process for the crash-safety test: saves and moves recordings through EditService in a tight
 * loop until it is killed. argv: <root> <historyDir> <count>
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { sha256Hex } from '../../shared/hash/sha256';
import { EditService } from '../services/edit-service';
import { crashVersions } from './crash-versions';

const [root, historyDir, countText] = process.argv.slice(2) as [string, string, string];
const count = Number(countText);
const service = new EditService(historyDir);
// A previous (killed) run may have moved a file to its other name.
const where: string[] = [];
for (let i = 0; i < count; i++) {
  const inA = await stat(path.join(root, `a/recordings/file-${i}.json`)).then(() => true, () => false);
  where.push(`${inA ? 'a' : 'b'}/recordings/file-${i}.json`);
}

for (let round = 0; ; round++) {
  for (let i = 0; i < count; i++) {
    const current = where[i]!;
    const text = await readFile(path.join(root, current), 'utf8');
    const versions = crashVersions(i);
    const next = text === versions[0] ? versions[1]! : versions[0]!;
    // Every third save also moves the file between its two names, as "rename to the expected name" does.
    const moveTo = round % 3 === 0 ? (current.startsWith('a/') ? `b/recordings/file-${i}.json` : `a/recordings/file-${i}.json`) : undefined;
    const result = await service.save(root, { path: current, text: next, baseSha256: sha256Hex(text), ...(moveTo ? { moveTo } : {}) });
    if (result.status === 'saved') where[i] = result.file.path;
    process.stdout.write('.');
  }
}
