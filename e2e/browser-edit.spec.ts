/**
 * Editing recordings in browser mode, end to end: the built `serve` on a copy of ../shared/corpus, driven in
 * Debian chromium. The served folder is shared by every test of the worker, so each test edits its own file
 * and anything a test adds is removed again.
 */
import type { ChildProcess } from 'node:child_process';
import { access, cp, mkdir, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { hashCandidates } from '../shared/hash/request-hash';
import { get, isJsonObject, jsonInt, set, type JsonValue } from '../shared/json/json-value';
import { parseJson } from '../shared/json/lossless-json';
import { writeRecordingJson } from '../shared/json/python-json';
import { corpusDir, expect, startServer, stopServe, test } from './fixtures';

const RESPONSE_EDIT = 'llama-stack/batches/recordings/3a680a3aabcdeab5d9a7cf137c2d4cb9dbd89b4a42691835373be5655e288f8c.json';
const RENAME_CHECKBOX = 'llama-stack-2025-10/eval/recordings/171c4dcb3dc848196f5d7fd87efd4626e70673c405ae1cd72b8dd0617104263e.json';
const MOVE_AFTER_SAVE = 'llama-stack/inference/recordings/0eca8ac9656056d4fd9b1802f01f6ae9f7ff628af04d5ed39f779a78a41a159b.json';
const CONFLICT_RELOAD = 'llama-stack/safety/recordings/5b7e53e3bea424c084752da1b0f795787bdc0e655b577246898d673a19270fe9.json';
const CONFLICT_OVERWRITE = 'llama-stack/safety/recordings/e810d124eb76fe74bd00df69a772f4b5283bdb3630655de5449cbd2abb252985.json';
const QUIET_RELOAD = 'llama-stack/safety/recordings/cc31e5406a4345e4001b8bf2f4c0f758492ef3dcf4d299f317e31853e6f2f6ec.json';
const UNDO_HISTORY = 'llama-stack/safety/recordings/8b8608ecaab4cb34b2ede2136f7613ef33b27b078b835745d62d79056f0c90aa.json';
const NORMALISE = 'llama-stack/responses/recordings/985edc91954e570c1e2e881c3e7eb611a9fd49c0aea188f63b58401a89bccbbe.json';
const SECRET = 'llama-stack/agents/recordings/fe8421b8175906beb6aefb1e354cdc3c3bc64145197f146a5877668f53925395.json';
const MISPLACED = 'llama-stack/responses/recordings/02c93bb3c314427bae2b7a7a6f054792b9f22d2cb4522eab802810be8672d3dc.json';

const exists = (p: string): Promise<boolean> => access(p).then(() => true, () => false);
const corpusText = (rel: string): Promise<string> => readFile(path.join(corpusDir, rel), 'utf8');

/** Open the Edit tab of a recording and wait until Monaco shows the text. */
async function openEditor(page: Page, url: string, rel: string): Promise<Locator> {
  await page.goto(`${url}#/${rel}?tab=edit`);
  const editor = page.getByRole('region', { name: 'Recording editor' });
  await expect(editor.locator('.view-lines')).toContainText('"request"');
  return editor;
}

/** Select the first occurrence of `find` with Monaco's find widget and type `replacement` over it. */
async function replaceInEditor(page: Page, editor: Locator, find: string, replacement: string): Promise<void> {
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Control+f');
  await page.keyboard.type(find);
  await expect(editor.locator('.find-widget .matchesCount')).toHaveText(/^1 of \d+$/);
  await page.keyboard.press('Escape');
  await page.keyboard.type(replacement);
  await expect(page.getByText('Unsaved changes', { exact: true })).toBeVisible();
}

async function save(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Save', exact: true }).click();
}

test('edit a message, save: the file on disk is the canonical text with exactly that change', async ({ page, served }) => {
  const abs = path.join(served.dir, RESPONSE_EDIT);
  const original = await corpusText(RESPONSE_EDIT);
  const editor = await openEditor(page, served.url, RESPONSE_EDIT);
  await expect(page.getByText('No unsaved changes')).toBeVisible();
  await replaceInEditor(page, editor, "It's nice to meet you", "It is lovely to meet you");
  await save(page);
  await expect(page.getByText(/^Saved 3a680a3a/)).toBeVisible();
  const expected = original.replace("It's nice to meet you", 'It is lovely to meet you');
  expect(expected).not.toBe(original);
  await expect.poll(() => readFile(abs, 'utf8')).toBe(expected);
  await expect(page.getByText('No unsaved changes')).toBeVisible();
  // a response edit keeps the name: nothing to rename
  await expect(page.getByRole('status', { name: 'Expected name' })).toHaveCount(0);
});

test('edit the request and rename in the same save: the file appears under the expected name, the old one is gone', async ({ page, served }) => {
  const oldAbs = path.join(served.dir, RENAME_CHECKBOX);
  const expected = (await corpusText(RENAME_CHECKBOX)).replace('Who is the CEO of Meta?', 'Who is the CTO of Meta?');
  const newName = hashCandidates(parseJson(expected))[0]!.name;
  const newRel = `${path.posix.dirname(RENAME_CHECKBOX)}/${newName}`;
  const editor = await openEditor(page, served.url, RENAME_CHECKBOX);
  await replaceInEditor(page, editor, 'the CEO of Meta', 'the CTO of Meta');
  const also = page.getByRole('checkbox', { name: 'Also rename to the expected name' });
  await expect(also).toBeVisible();
  await expect(page.getByText(newName).first()).toBeVisible();
  await also.check();
  await save(page);
  await expect.poll(() => exists(path.join(served.dir, newRel))).toBe(true);
  await expect.poll(() => exists(oldAbs)).toBe(false);
  expect(await readFile(path.join(served.dir, newRel), 'utf8')).toBe(expected);
  await expect(page).toHaveURL(new RegExp(`#/${newRel.replace(/[.]/g, '\\.')}`));
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(newName);
  await expect(page.getByText(`Saved as ${newRel}`)).toBeVisible();
});

test('edit test_id, save, then accept "Rename/move in this save": the file moves to the suite test_id names', async ({ page, served }) => {
  const oldAbs = path.join(served.dir, MOVE_AFTER_SAVE);
  const edited = (await corpusText(MOVE_AFTER_SAVE)).replace('"test_id": "tests/integration/inference/', '"test_id": "tests/integration/agents/');
  const newName = hashCandidates(parseJson(edited))[0]!.name;
  const newRel = `llama-stack/agents/recordings/${newName}`;
  const editor = await openEditor(page, served.url, MOVE_AFTER_SAVE);
  await replaceInEditor(page, editor, 'integration/inference/', 'integration/agents/');
  await save(page);
  await expect.poll(() => readFile(oldAbs, 'utf8')).toBe(edited);
  const offer = page.getByRole('status', { name: 'Expected name' });
  await expect(offer).toContainText(`The recorder will now look for tests/integration/agents/recordings/${newName}`);
  await offer.getByRole('button', { name: 'Rename/move in this save' }).click();
  await expect.poll(() => exists(path.join(served.dir, newRel))).toBe(true);
  await expect.poll(() => exists(oldAbs)).toBe(false);
  expect(await readFile(path.join(served.dir, newRel), 'utf8')).toBe(edited);
  await expect(page).toHaveURL(new RegExp(`#/${newRel.replace(/[.]/g, '\\.')}`));
  await expect(page.getByRole('status', { name: 'Expected name' })).toHaveCount(0);
});

test('changed on disk while edited: saving shows both versions; "Reload from disk" takes the disk version', async ({ page, served }) => {
  const abs = path.join(served.dir, CONFLICT_RELOAD);
  const original = await corpusText(CONFLICT_RELOAD);
  const external = original.replace('User: How many years can you be', 'User: How long can you be');
  const editor = await openEditor(page, served.url, CONFLICT_RELOAD);
  await replaceInEditor(page, editor, 'How many years', 'How many terms');
  await writeFile(abs, external);
  await expect(page.getByRole('alert', { name: 'Changed on disk' })).toBeVisible();
  await save(page);
  const dialog = page.getByRole('dialog', { name: 'File changed on disk' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('region', { name: /Differences: On disk and Your edits/ })).toBeVisible();
  await expect(dialog.locator('.editor.original .view-lines')).toContainText('How long can you be');
  await expect(dialog.locator('.editor.modified .view-lines')).toContainText('How many terms can you be');
  await dialog.getByRole('button', { name: 'Reload from disk' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(editor.locator('.view-lines')).toContainText('How long can you be');
  await expect(page.getByText('No unsaved changes')).toBeVisible();
  expect(await readFile(abs, 'utf8')).toBe(external);
  // Undo brings the person's edit back
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(editor.locator('.view-lines')).toContainText('How many terms can you be');
});

test('changed on disk while edited: "Overwrite" writes the person\'s version', async ({ page, served }) => {
  const abs = path.join(served.dir, CONFLICT_OVERWRITE);
  const original = await corpusText(CONFLICT_OVERWRITE);
  const external = original.replace('"content": "unsafe\\nS8"', '"content": "safe"');
  expect(external).not.toBe(original);
  const mine = original.replace('latest Taylor Swift song', 'latest Taylor Swift album');
  const editor = await openEditor(page, served.url, CONFLICT_OVERWRITE);
  await replaceInEditor(page, editor, 'Taylor Swift song', 'Taylor Swift album');
  await writeFile(abs, external);
  await expect(page.getByRole('alert', { name: 'Changed on disk' })).toBeVisible();
  await page.keyboard.press('Control+s');
  const dialog = page.getByRole('dialog', { name: 'File changed on disk' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Keep editing' }).click();
  await expect(dialog).toHaveCount(0);
  expect(await readFile(abs, 'utf8')).toBe(external);
  await save(page);
  await dialog.getByRole('button', { name: 'Overwrite' }).click();
  await expect.poll(() => readFile(abs, 'utf8')).toBe(mine);
  await expect(page.getByText('No unsaved changes')).toBeVisible();
  await expect(page.getByRole('alert', { name: 'Changed on disk' })).toHaveCount(0);
});

test('an open recording without unsaved edits reloads itself when the file changes on disk', async ({ page, served }) => {
  const abs = path.join(served.dir, QUIET_RELOAD);
  const editor = await openEditor(page, served.url, QUIET_RELOAD);
  await expect(editor.locator('.view-lines')).toContainText('romantic story');
  await writeFile(abs, (await corpusText(QUIET_RELOAD)).replace('romantic story', 'detective story'));
  await expect(editor.locator('.view-lines')).toContainText('detective story');
  await expect(page.getByText('Reloaded: the file changed on disk.')).toBeVisible();
  await expect(page.getByText('No unsaved changes')).toBeVisible();
});

test('undo, redo, revert to disk, and the saved versions of a file', async ({ page, served }) => {
  const abs = path.join(served.dir, UNDO_HISTORY);
  const original = await corpusText(UNDO_HISTORY);
  const editor = await openEditor(page, served.url, UNDO_HISTORY);
  const lines = editor.locator('.view-lines');
  await replaceInEditor(page, editor, 'principaux', 'grands');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(lines).toContainText('principaux bienfaits');
  await expect(page.getByText('No unsaved changes')).toBeVisible();
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(lines).toContainText('grands bienfaits');
  await expect(page.getByText('Unsaved changes', { exact: true })).toBeVisible();
  await save(page);
  const saved = original.replace('principaux bienfaits', 'grands bienfaits');
  await expect.poll(() => readFile(abs, 'utf8')).toBe(saved);

  await page.getByRole('button', { name: /^History/ }).click();
  const versions = page.getByRole('list', { name: 'Saved versions' });
  await expect(versions.getByRole('listitem')).toHaveCount(2);
  await expect(versions.getByRole('listitem').first()).toContainText('saved');
  const before = versions.getByRole('listitem').filter({ hasText: 'before the first save' });
  await before.getByRole('button', { name: 'Show' }).click();
  const dialog = page.getByRole('dialog', { name: 'Saved version' });
  await expect(dialog.locator('.editor.original .view-lines')).toContainText('principaux bienfaits');
  await dialog.getByRole('button', { name: 'Restore into editor' }).click();
  await expect(lines).toContainText('principaux bienfaits');
  await expect(page.getByText('Unsaved changes', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Revert to disk' }).click();
  await expect(lines).toContainText('grands bienfaits');
  await expect(page.getByText('No unsaved changes')).toBeVisible();
});

test('quick fix: normalise response ids with a preview; problems jump to their place', async ({ page, served }) => {
  const abs = path.join(served.dir, NORMALISE);
  const original = await corpusText(NORMALISE);
  const record = parseJson(original);
  const body = get(get(record, 'response'), 'body') as JsonValue[];
  body.forEach((chunk, i) => {
    const data = get(chunk, '__data__');
    if (!isJsonObject(data)) return;
    set(data, 'id', 'chatcmpl-provider-id');
    set(data, 'created', jsonInt(1746000000 + i));
  });
  await writeFile(abs, writeRecordingJson(record));
  const editor = await openEditor(page, served.url, NORMALISE);
  const problems = page.getByRole('list', { name: 'Editor problems' });
  const idProblem = problems.getByRole('button', { name: /response-id-not-normalized/ });
  await expect(idProblem).toBeVisible();
  await idProblem.click();
  const firstIdLine = original.split('\n').findIndex((l) => l.includes('"id": "rec-985edc91954e"')) + 1;
  await expect(editor.locator('.line-numbers.active-line-number')).toHaveText(String(firstIdLine));
  await expect(editor.locator('.view-lines')).toContainText('chatcmpl-provider-id');

  await page.getByRole('button', { name: 'Normalise response ids and created' }).click();
  const preview = page.getByRole('dialog', { name: 'Preview: Normalise response ids and created' });
  await expect(preview.locator('.editor.original .view-lines')).toContainText('chatcmpl-provider-id');
  await expect(preview.locator('.editor.modified .view-lines')).toContainText('rec-985edc91954e');
  expect(await readFile(abs, 'utf8')).not.toBe(original); // nothing written by a preview
  await preview.getByRole('button', { name: 'Apply' }).click();
  await expect(editor.locator('.view-lines')).toContainText('rec-985edc91954e');
  await expect(problems.getByRole('button', { name: /response-id-not-normalized/ })).toHaveCount(0);
  await save(page);
  await expect.poll(() => readFile(abs, 'utf8')).toBe(original);
});

test('quick fix: remove a secret-looking value from the request', async ({ page, served }) => {
  const abs = path.join(served.dir, SECRET);
  const record = parseJson(await corpusText(SECRET));
  const body = get(get(record, 'request'), 'body');
  if (!isJsonObject(body)) throw new Error('no request body');
  set(body, 'api_key', 'sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz012345');
  await writeFile(abs, writeRecordingJson(record));
  await openEditor(page, served.url, SECRET);
  await expect(page.getByRole('list', { name: 'Editor problems' })).toContainText('secret-in-request');
  await page.getByRole('button', { name: 'Remove secret at $.request.body.api_key' }).click();
  const preview = page.getByRole('dialog', { name: 'Preview: Remove secret at $.request.body.api_key' });
  await expect(preview.locator('.editor.modified .view-lines')).toContainText('<redacted>');
  await preview.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('list', { name: 'Editor problems' })).not.toContainText('secret-in-request');
  await save(page);
  set(body, 'api_key', '<redacted>');
  await expect.poll(() => readFile(abs, 'utf8')).toBe(writeRecordingJson(record));
});

test('quick fix: moving onto an existing file is refused and nothing changes', async ({ page, served }) => {
  const abs = path.join(served.dir, MISPLACED);
  const other = path.join(served.dir, 'llama-stack/common/recordings', path.basename(MISPLACED));
  const [before, otherBefore] = await Promise.all([readFile(abs, 'utf8'), readFile(other, 'utf8')]);
  await openEditor(page, served.url, MISPLACED);
  await page.getByRole('button', { name: 'Move to the folder implied by test_id' }).click();
  const preview = page.getByRole('dialog', { name: 'Preview: Move to the folder implied by test_id' });
  await expect(preview).toContainText(`llama-stack/common/recordings/${path.basename(MISPLACED)}`);
  await preview.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'already exists' })).toBeVisible();
  expect(await readFile(abs, 'utf8')).toBe(before);
  expect(await readFile(other, 'utf8')).toBe(otherBefore);
});

test('a file added to the folder appears without a reload', async ({ page, served }) => {
  const rel = 'llama-stack/responses/recordings/added-by-edit-e2e.json';
  const abs = path.join(served.dir, rel);
  await page.goto(served.url);
  await expect(page.getByText(`${served.fileCount} recordings`, { exact: true })).toBeVisible();
  await page.getByLabel('Filter recordings').fill('added-by-edit-e2e');
  await expect(page.getByText('No recordings match.')).toBeVisible();
  try {
    await writeFile(abs, await corpusText(RESPONSE_EDIT));
    await expect(page.locator(`[data-path="${rel}"]`)).toBeVisible();
  } finally {
    await unlink(abs).catch(() => undefined);
  }
  await expect(page.locator(`[data-path="${rel}"]`)).toHaveCount(0);
});

test('the editor works under the CSP: no violations, no eval, workers from the app itself', async ({ page, served }) => {
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error' || /Content Security Policy|Refused/.test(m.text())) problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('request', (r) => requests.push(r.url()));
  const editor = await openEditor(page, served.url, RESPONSE_EDIT);
  // the JSON worker validates against the recording schema
  await replaceInEditor(page, editor, 'request', 'requestX');
  await expect(page.getByRole('list', { name: 'Editor problems' })).toContainText('Missing property "request"');
  const origin = new URL(served.url).origin;
  expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([]);
  expect(requests.some((u) => /json\.worker-[\w-]+\.js$/.test(u))).toBe(true);
  expect(problems).toEqual([]);
  await page.getByRole('button', { name: 'Revert to disk' }).click();
  await expect(page.getByText('No unsaved changes')).toBeVisible();
});

test.describe('read-only mode', () => {
  let child: ChildProcess | null = null;
  let tmp = '';
  let url = '';

  test.beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'ri-e2e-ro-'));
    const dir = path.join(tmp, 'recordings');
    await mkdir(path.join(dir, path.dirname(RESPONSE_EDIT)), { recursive: true });
    await cp(path.join(corpusDir, RESPONSE_EDIT), path.join(dir, RESPONSE_EDIT));
    ({ url, child } = await startServer(dir, ['--read-only']));
  });

  test.afterAll(async () => {
    await stopServe(child);
    await rm(tmp, { recursive: true, force: true });
  });

  test('saving is disabled with a clear message; editing still works', async ({ page }) => {
    const editor = await openEditor(page, url, RESPONSE_EDIT);
    await expect(page.getByRole('note')).toContainText('Saving is disabled: this inspector was started with --read-only');
    await replaceInEditor(page, editor, "It's nice to meet you", 'Hi there');
    await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
    await page.keyboard.press('Control+s');
    expect(await readFile(path.join(tmp, 'recordings', RESPONSE_EDIT), 'utf8')).toBe(await corpusText(RESPONSE_EDIT));
  });
});
