/** Browser mode, end to end: the built `serve` on a copy of ../shared/corpus, driven in Debian chromium. */
import { expect, test } from './fixtures';

const TOOL_CHAIN = 'llama-stack/responses/recordings/f6960cae871e1fb2f6a749488d9bab55d3575489400bc517d40822048496c36b.json';

test('every file of the folder becomes a row, including broken ones', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(page.getByText(`${served.fileCount} recordings`, { exact: true })).toBeVisible();
  await expect(page.getByLabel('Opened folder')).toHaveText(served.dir);
});

test('the filter box narrows the rows', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(page.getByText(`${served.fileCount} recordings`, { exact: true })).toBeVisible();
  await page.getByLabel('Filter recordings').fill('test_response_file_search_streaming_events');
  await expect(page.getByText(new RegExp(`^\\d+ of ${served.fileCount} recordings$`))).toBeVisible();
  const rows = page.getByRole('table', { name: 'Recordings' }).locator('[role="row"][data-path]');
  const count = await rows.count();
  expect(count).toBeGreaterThan(0);
  expect(count).toBeLessThan(served.fileCount);
  await page.getByLabel('Filter recordings').fill('gpt-4o nothing-matches-this');
  await expect(page.getByText('No recordings match.')).toBeVisible();
});

test('a header click sorts by that column (numbers largest first), Shift adds a column', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(page.getByText(`${served.fileCount} recordings`, { exact: true })).toBeVisible();
  const table = page.getByRole('table', { name: 'Recordings' });
  const size = table.getByRole('columnheader', { name: /Size/ });
  const chunks = table.getByRole('columnheader', { name: /Chunks/ });
  const firstChunks = async () => Number((await table.locator('[role="row"][data-path]').first().getByRole('cell').nth(6).textContent()) || -1);
  await chunks.getByRole('button').click();
  await expect(chunks).toHaveAttribute('aria-sort', 'descending');
  await expect(table.getByRole('columnheader', { name: /Suite/ })).toHaveAttribute('aria-sort', 'none');
  expect(await firstChunks()).toBe(1399); // the corpus's longest stream
  await chunks.getByRole('button').click();
  await expect(chunks).toHaveAttribute('aria-sort', 'ascending');
  expect(await firstChunks()).toBe(-1); // recordings without chunks first
  // Shift adds a second column to the sort.
  await size.getByRole('button').click({ modifiers: ['Shift'] });
  await expect(size).toHaveAttribute('aria-sort', 'descending');
  await expect(chunks).toHaveAttribute('aria-sort', 'ascending');
  // A click without Shift sorts by that column alone again.
  await chunks.getByRole('button').click();
  await expect(size).toHaveAttribute('aria-sort', 'none');
  await expect(chunks).not.toHaveAttribute('aria-sort', 'none');
});

test('grouping by test id shows one group row per test', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(page.getByText(`${served.fileCount} recordings`, { exact: true })).toBeVisible();
  await page.getByLabel('Filter recordings').fill('test_response_file_search_filter_by_category');
  await page.getByLabel('Group by test').check();
  const groups = page.getByRole('table', { name: 'Recordings' }).locator('[role="row"][aria-expanded]');
  await expect(groups.first()).toBeVisible();
  await expect(groups.first()).toContainText('recordings');
  const groupCount = await groups.count();
  const rowCount = await page.getByRole('table', { name: 'Recordings' }).locator('[role="row"][data-path]').count();
  expect(groupCount).toBeGreaterThan(0);
  expect(rowCount).toBeGreaterThan(groupCount);
  await groups.first().click();
  await expect(groups.first()).toHaveAttribute('aria-expanded', 'false');
});

test('selecting a streamed tool-call recording shows its messages and tool calls', async ({ page, served }) => {
  await page.goto(served.url);
  await page.getByLabel('Filter recordings').fill('f6960cae');
  await page.locator(`[data-path="${TOOL_CHAIN}"]`).click();
  await expect(page).toHaveURL(new RegExp(`#/${TOOL_CHAIN.replace(/[.]/g, '\\.')}`));
  const messages = page.getByRole('list', { name: 'Messages' });
  await expect(messages).toBeVisible();
  await expect(messages.getByRole('listitem')).toHaveCount(3);
  await expect(messages).toContainText('What are the marketing updates?');
  const call = page.getByLabel('tool call knowledge_search');
  await expect(call.first()).toBeVisible();
  await expect(call.first()).toContainText('marketing updates October 2023');
  await expect(page.getByRole('table', { name: 'Parameters' })).toContainText('gpt-4o');
});

test('the link restores the open recording after a reload', async ({ page, served }) => {
  await page.goto(`${served.url}#/${TOOL_CHAIN}`);
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(TOOL_CHAIN.split('/').pop()!);
  await page.reload();
  await expect(page.getByRole('list', { name: 'Messages' })).toBeVisible();
});

test('keyboard: arrows move, Enter opens, typing filters', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(page.getByText(`${served.fileCount} recordings`, { exact: true })).toBeVisible();
  const table = page.getByRole('region', { name: /Recordings table/ });
  await table.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('table', { name: 'Recordings' }).getByRole('row', { selected: true })).toHaveCount(1);
  await table.focus();
  await page.keyboard.type('trunc');
  await expect(page.getByLabel('Filter recordings')).toHaveValue('trunc');
  await expect(page.getByRole('table', { name: 'Recordings' }).locator('[role="row"][data-path]')).toHaveCount(1);
});

test('a broken file is a row that says what is wrong', async ({ page, served }) => {
  await page.goto(served.url);
  await page.getByLabel('Filter recordings').fill('broken/');
  const truncated = page.locator('[data-path="broken/truncated.json"]');
  await expect(truncated).toContainText('text ends early');
  await expect(page.locator('[data-path="broken/conflict.json"]')).toContainText('merge-conflict marker');
  await expect(page.locator('[data-path="broken/not-a-recording.json"]')).toContainText('not a recording');
  await expect(page.locator('[data-path="broken/empty.json"]')).toContainText('empty');
  await truncated.click();
  await expect(page.getByLabel('Problems', { exact: true })).toContainText('text ends early');
  await page.getByRole('tab', { name: 'Raw JSON' }).click();
  await expect(page.getByLabel('Raw JSON')).toContainText('"request": {');
});
