/**
 * Fixtures for the browser-mode e2e suite: a temporary copy of ../shared/corpus (plus a few broken files)
 * served by the built `recording-inspector serve`, exactly as a person would run it.
 */
import { test as base, expect } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { spawnServe, stopServe } from '../electron/serve/spawn-serve';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const corpusDir = path.resolve(repoRoot, '../shared/corpus');

export interface ServedFolder {
  dir: string;
  url: string;
  /** Files in the folder that are recordings or candidates (every *.json). */
  fileCount: number;
}

export const BROKEN_FILES: Record<string, string> = {
  'broken/truncated.json': '{\n  "test_id": "tests/integration/x/test_x.py::test_y",\n  "request": {\n',
  'broken/not-a-recording.json': '{"hello": "world"}\n',
  'broken/conflict.json': '<<<<<<< HEAD\n{"a": 1}\n=======\n{"a": 2}\n>>>>>>> branch\n',
  'broken/empty.json': '',
};

async function countJson(dir: string): Promise<number> {
  const { readdir } = await import('node:fs/promises');
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.json')).length;
}

export function startServer(dir: string, extraArgs: string[] = []): Promise<{ url: string; child: ChildProcess }> {
  return spawnServe(path.join(repoRoot, 'out/main/cli.js'), dir, { configDir: path.join(dir, '..', 'config'), dataHome: path.join(dir, '..', 'data'), extraArgs });
}

export const test = base.extend<{}, { served: ServedFolder }>({
  served: [async ({}, use) => {
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'ri-e2e-'));
    const dir = path.join(tmp, 'recordings');
    await cp(corpusDir, dir, { recursive: true });
    for (const [rel, text] of Object.entries(BROKEN_FILES)) {
      await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
      await writeFile(path.join(dir, rel), text);
    }
    const { url, child } = await startServer(dir);
    await use({ dir, url, fileCount: await countJson(dir) });
    await stopServe(child);
    await rm(tmp, { recursive: true, force: true });
  }, { scope: 'worker' }],
});

export { expect, stopServe };
