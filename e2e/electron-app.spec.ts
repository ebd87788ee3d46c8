/**
 * The real desktop app through Playwright's _electron. Runs wherever the Electron binary exists; where it
 * cannot be downloaded (this project's CI machine has no route to it) the test is skipped and says why.
 */
import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function electronBinary(): string | null {
  const pkg = path.join(repoRoot, 'node_modules/electron');
  const pathFile = path.join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = path.join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();

test('desktop app opens ./recordings and shows a request', async () => {
  test.skip(!binary, 'SKIPPED: the Electron binary is not installed here (node_modules/electron/dist is missing; it downloads on first `npm start` on a machine with internet).');
  const app = await electron.launch({
    executablePath: binary!,
    args: [repoRoot, path.join(repoRoot, 'recordings'), ...(process.env.CI ? ['--no-sandbox'] : [])],
    cwd: repoRoot,
  });
  try {
    const window = await app.firstWindow();
    await expect(window.getByLabel('Opened folder')).toHaveText(path.join(repoRoot, 'recordings'));
    const rows = window.getByRole('table', { name: 'Recordings' }).locator('[role="row"][data-path]');
    await expect(rows.first()).toBeVisible();
    await rows.first().click();
    await expect(window.getByRole('tab', { name: 'Request' })).toBeVisible();
    // The page sees only the typed bridge: no Node, no require.
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await window.evaluate(() => typeof (window as unknown as { recordingInspectorHost?: { invoke?: unknown } }).recordingInspectorHost?.invoke)).toBe('function');
  } finally {
    await app.close();
  }
});
