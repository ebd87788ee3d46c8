/** Browser mode: the content search box narrows the table to the files whose text holds the query. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './fixtures';

const TOOL_CHAIN = 'llama-stack/responses/recordings/f6960cae871e1fb2f6a749488d9bab55d3575489400bc517d40822048496c36b.json';

/** Files of the served folder whose text holds `phrase` (case-insensitive), found by reading every one. */
async function filesContaining(dir: string, phrase: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const out: string[] = [];
  for (const e of entries) {
    if (!e.isFile() || !e.name.endsWith('.json')) continue;
    const file = path.join(e.parentPath, e.name);
    if ((await readFile(file, 'utf8')).toLowerCase().includes(phrase.toLowerCase())) out.push(path.relative(dir, file).split(path.sep).join('/'));
  }
  return out.sort();
}

const rowPaths = async (page: import('@playwright/test').Page) =>
  (await page.getByRole('table', { name: 'Recordings' }).locator('[role="row"][data-path]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-path') ?? ''))).sort();

test('searching the contents narrows the table to the files holding the phrase', async ({ page, served }) => {
  const phrase = 'marketing updates October 2023';
  const expected = await filesContaining(served.dir, phrase);
  expect(expected.length).toBeGreaterThan(0);
  expect(expected.length).toBeLessThan(30);
  expect(expected).toContain(TOOL_CHAIN);

  await page.goto(served.url);
  await expect(page.getByText(`${served.fileCount} recordings`, { exact: true })).toBeVisible();
  const box = page.getByLabel('Search recording contents');
  await box.fill(phrase);
  const status = page.getByRole('status').filter({ hasText: 'contain it' });
  await expect(status).toContainText(`${expected.length} files contain it`);
  await expect(status).toContainText(/\d+(\.\d)? ms/);
  await expect(page.getByText(`${expected.length} of ${served.fileCount} recordings`, { exact: true })).toBeVisible();
  expect(await rowPaths(page)).toEqual(expected);

  // Combined with the filter box: both must match.
  await page.getByLabel('Filter recordings').fill('f6960cae');
  await expect(page.getByRole('table', { name: 'Recordings' }).locator('[role="row"][data-path]')).toHaveCount(1);
  await expect(page.locator(`[data-path="${TOOL_CHAIN}"]`)).toBeVisible();
  await page.getByLabel('Filter recordings').fill('');

  // A phrase in no file: nothing matches; clearing the search brings every row back.
  await box.fill('marketing updates October 1999');
  await expect(page.getByRole('status').filter({ hasText: 'contain it' })).toContainText('0 files contain it');
  await expect(page.getByText('No recordings match.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear content search' }).click();
  await expect(box).toHaveValue('');
  await expect(page.getByText(`${served.fileCount} recordings`, { exact: true })).toBeVisible();
});

test('a model name with punctuation ends as an exact list, like reading every file', async ({ page, served }) => {
  const expected = await filesContaining(served.dir, 'gpt-4o-mini');
  expect(expected.length).toBeGreaterThan(0);
  await page.goto(served.url);
  await expect(page.getByText(`${served.fileCount} recordings`, { exact: true })).toBeVisible();
  await page.getByLabel('Search recording contents').fill('GPT-4o-mini');
  await expect(page.getByRole('status').filter({ hasText: 'contain it' })).toContainText(`${expected.length} file${expected.length === 1 ? '' : 's'} contain it`);
  await expect(page.getByText(`${expected.length} of ${served.fileCount} recordings`, { exact: true })).toBeVisible();
  await page.getByLabel('Search recording contents').press('Escape');
  await expect(page.getByText(`${served.fileCount} recordings`, { exact: true })).toBeVisible();
});
