// Builds the app when out/ is missing or older than the sources, so `npm run serve`/`cli` just work.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const marker = path.join(root, 'out/main/cli.js');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) latest = Math.max(latest, statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
  }
  return latest;
}

const sources = ['electron', 'renderer', 'shared'].map((d) => newest(path.join(root, d)));
if (!existsSync(marker) || Math.max(...sources) > statSync(marker).mtimeMs) {
  process.stderr.write('Building Recording Inspector…\n');
  execSync('npx electron-vite build', { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}
