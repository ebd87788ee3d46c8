/**
 * Crash safety, for real: a child process saves and moves recordings in a loop and is killed (SIGKILL)
 * at random moments, many times. Afterwards every recording exists in full, as one of its two versions,
 * under at least one of its names — never partial, never missing.
 */
import { spawn } from 'node:child_process';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, withTempDir } from '../test-support/corpus';
import { crashVersions } from '../test-support/crash-versions';

const COUNT = 4;
const KILLS = 25;

async function runAndKill(root: string, history: string, afterMs: number): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'electron/test-support/save-loop.ts'), root, history, String(COUNT)], {
    cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let saves = 0;
  let errors = '';
  child.stdout.on('data', (d: Buffer) => { saves += d.length; });
  child.stderr.on('data', (d: Buffer) => { errors += d.toString(); });
  // Wait for the loop to be running before arming the kill, so every kill lands mid-save.
  await new Promise<void>((resolve, reject) => {
    const start = setInterval(() => { if (saves > 0) { clearInterval(start); resolve(); } }, 5);
    child.on('exit', () => { clearInterval(start); reject(new Error(`save loop exited early: ${errors}`)); });
  });
  await new Promise((r) => setTimeout(r, afterMs));
  child.kill('SIGKILL');
  await new Promise((r) => child.on('close', r));
  return saves;
}

describe('crash safety of saving', () => {
  it(`leaves every file whole after ${KILLS} kills in the middle of saves and moves`, async () => {
    await withTempDir(async (root) => {
      await mkdir(path.join(root, 'a/recordings'), { recursive: true });
      await mkdir(path.join(root, 'b/recordings'), { recursive: true });
      for (let i = 0; i < COUNT; i++) await writeFile(path.join(root, `a/recordings/file-${i}.json`), crashVersions(i)[0]);
      const history = path.join(root, '.history');
      let totalSaves = 0;
      for (let k = 0; k < KILLS; k++) {
        totalSaves += await runAndKill(root, history, 5 + Math.floor(Math.random() * 60));
        for (let i = 0; i < COUNT; i++) {
          const [v0, v1] = crashVersions(i);
          const copies: string[] = [];
          for (const dir of ['a', 'b']) {
            const text = await readFile(path.join(root, `${dir}/recordings/file-${i}.json`), 'utf8').catch(() => null);
            if (text !== null) copies.push(text);
          }
          expect(copies.length, `file ${i} after kill ${k}`).toBeGreaterThan(0);
          for (const text of copies) expect(text === v0 || text === v1, `file ${i} after kill ${k} is whole`).toBe(true);
        }
        // The save loop needs one copy per file to go on; a kill between "write new" and "remove old" leaves two.
        for (let i = 0; i < COUNT; i++) {
          const a = path.join(root, `a/recordings/file-${i}.json`);
          const b = path.join(root, `b/recordings/file-${i}.json`);
          const [ta, tb] = await Promise.all([readFile(a, 'utf8').catch(() => null), readFile(b, 'utf8').catch(() => null)]);
          if (ta !== null && tb !== null) await (await import('node:fs/promises')).rm(b);
        }
      }
      expect(totalSaves).toBeGreaterThan(KILLS);
      // Only temporary files may be left over, never a stray recording.
      const leftovers = (await readdir(path.join(root, 'a/recordings'))).concat(await readdir(path.join(root, 'b/recordings')));
      expect(leftovers.filter((n) => n.endsWith('.json') && !/^file-\d\.json$/.test(n))).toEqual([]);
    });
  }, 120_000);
});
