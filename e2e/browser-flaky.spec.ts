/**
 * Flaky-recording tools in browser mode, end to end: the test view of a re-recorded test, diffing two of
 * its variants, "why was my recording not found?", the cleanup assistant (with the trash), and the git
 * features on a temporary work tree (a modified file flagged, its diff with HEAD, a deleted file).
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { access, cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { corpusDir, expect, startServer, stopServe, test } from './fixtures';

const TEST_ID = 'tests/integration/responses/test_file_search.py::test_response_file_search_filter_by_category[openai_client-txt=openai/gpt-4o]';
const REC = 'llama-stack/responses/recordings';
/** The chat request of the test: one current recording and six left behind by re-recording. */
const CURRENT = '6cf85f8a8edca663b20beac97afcc79dfb4a3aaca2a9ce58712a0ae40e0a1364.json';
const STALE_BRANCH = '0b85055d1c6561066aacb5c8bb0903548f8b5339f2aee9873d4c6ddc9d618fe5.json';
const STALE_FLOATS = '2fa72534cefd5c8baeb7e65efd1e9f6bdb8710a974804a5bc79fd8bca669464f.json';
const STALE_RAW = 'b615a3e10275f75dfb8da3474c2cbca56862f4a5d67c1b3887c45a80c0fd6bae.json';
const MISMATCH = '7a21dd1732664f785ed4a0292de82013962f00a064c5baa1a34f92ef72e67046.json';
/** Every file of the test (the two embeddings requests and the seven chat variants). */
const TEST_FILES = [
  '1956d802ac07ea40ca67b9e174867c6048ed243f527bb1a3abcd26d0bbc37ae3.json',
  '616e4336728a92df94a3f65882e812c4b14850de7e252c5e777492918164df2c.json',
  CURRENT, STALE_BRANCH, STALE_FLOATS, STALE_RAW, MISMATCH,
  '4490f369ec01d3241d24685db68675c440d1ec12b3ca8fc5dd429c48a5415158.json',
  '4c066cc184fbc2fe6198779f33089ed0f0e48ec789e9df317c77dd78048c254e.json',
];

const exists = (p: string): Promise<boolean> => access(p).then(() => true, () => false);
const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

async function waitForRows(page: Page): Promise<void> {
  await expect(page.getByText(/^\d+ (of \d+ )?recordings$/)).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Indexing' })).toHaveCount(0);
}

test('test view: the logical requests of a re-recorded test, current and stale marked; diff two variants', async ({ page, served }) => {
  // from the detail pane of one recording of the test
  await page.goto(`${served.url}#/${REC}/${CURRENT}`);
  await waitForRows(page);
  await page.getByRole('button', { name: 'Open test view' }).click();
  await expect(page).toHaveURL(/#\/:test\?id=tests%2Fintegration%2Fresponses%2Ftest_file_search\.py/);

  const view = region(page, 'Test view');
  await expect(view.getByLabel('Test id')).toHaveText(TEST_ID);
  await expect(view.getByLabel('Counts')).toContainText('9 files');
  await expect(view.getByLabel('Counts')).toContainText('3 logical requests');

  // two embeddings requests with one recording each, then the chat request with its pile-up
  const first = region(page, 'Logical request 1');
  await expect(first).toContainText('/v1/embeddings');
  await expect(first.locator('.mark')).toHaveText(['✓ current']);
  const chat = region(page, 'Logical request 3');
  await expect(chat).toContainText('/v1/chat/completions');
  await expect(chat).toContainText('gpt-4o');
  await expect(chat).toContainText('turn 1');
  await expect(chat.locator('.group-state')).toHaveText('pile-up');
  await expect(chat).toContainText('Show me all marketing reports');
  const variants = chat.getByRole('table', { name: 'Variants' }).locator('tbody tr.variant');
  await expect(variants).toHaveCount(7);
  await expect(variants.first()).toContainText('✓ current');
  await expect(variants.first()).toContainText(CURRENT.slice(0, 20));
  await expect(chat.locator('.mark')).toHaveText(['✓ current', 'stale', 'stale', 'stale', 'stale', 'mismatch', 'mismatch']);
  const staleRow = chat.locator('tr.variant', { hasText: STALE_BRANCH.slice(0, 20) });
  await expect(staleRow).toContainText('branch-fs-B-2026-04-07');
  // how a stale variant's request differs from the current one
  await staleRow.getByRole('button', { name: /differences from the current variant/ }).click();
  await expect(chat.getByRole('table', { name: `Differences of ${STALE_BRANCH} from the current variant` })).toContainText('$.body.messages[1].tool_calls[0].id');

  // the cleanup items of this test
  const cleanup = region(page, 'Cleanup for this test');
  await expect(cleanup.getByLabel('What would go first')).toContainText('6 files can go first');
  await expect(cleanup.getByRole('button', { name: 'Move to trash…' })).toBeEnabled();

  // pick two variants and diff them
  const diffButton = view.getByRole('button', { name: 'Diff selected' });
  await expect(diffButton).toBeDisabled();
  await chat.getByLabel(`Select ${CURRENT} for diff`).check();
  await chat.getByLabel(`Select ${STALE_BRANCH} for diff`).check();
  await diffButton.click();
  await expect(page).toHaveURL(new RegExp(`#/:diff\\?a=.*${CURRENT.slice(0, 16)}.*&b=.*${STALE_BRANCH.slice(0, 16)}`));

  const diff = region(page, 'Diff');
  const requestDiff = diff.getByRole('table', { name: 'Request differences' });
  await expect(requestDiff).toContainText('$.request.body.messages[1].tool_calls[0].id');
  await expect(requestDiff).toContainText('call_XbmKBebQZYxml5kqOAUJPhec');
  await expect(requestDiff).toContainText('call_YR52C6RDnpLJM5xsU4In2rrL');
  await expect(requestDiff.locator('tbody tr')).toHaveCount(6);
  // key order ignored, numbers exact: only what the recorder hashes gives the same six
  await diff.getByLabel('Only what the recorder hashes').check();
  await expect(requestDiff).toContainText('$.body.messages[1].tool_calls[0].id');
  const answerDiff = diff.getByRole('table', { name: 'Answer differences' });
  await expect(answerDiff).toContainText('$.choices[0].content');
  await expect(answerDiff).toContainText('$.usage.total_tokens');
  // the raw files side by side in Monaco's diff editor
  await expect(diff.locator('.ri-diff-view .monaco-diff-editor')).toBeVisible({ timeout: 20_000 });
  await expect(diff.locator('.ri-diff-view')).toContainText('call_YR52C6RDnpLJM5xsU4In2rrL');
});

test('"Diff with…" from the detail pane picks the second recording; a vanished file is reported', async ({ page, served }) => {
  await page.goto(`${served.url}#/${REC}/${CURRENT}`);
  await waitForRows(page);
  await page.getByRole('button', { name: 'Diff with…' }).click();
  const picker = page.getByRole('group', { name: 'Pick a recording' });
  // the other recordings of the same test come first
  await expect(picker.getByRole('listitem').first()).toContainText('same test');
  await picker.getByLabel('Find a recording to compare with').fill(STALE_FLOATS.slice(0, 12));
  await picker.getByRole('button', { name: new RegExp(STALE_FLOATS.slice(0, 12)) }).click();
  const diff = region(page, 'Diff');
  await expect(diff.getByRole('table', { name: 'Request differences' })).toBeVisible();
  await expect(diff.getByLabel('Side B')).toContainText('stale');

  // a link to a file that is not there says so instead of breaking
  await page.goto(`${served.url}#/:diff?a=${encodeURIComponent(`${REC}/${CURRENT}`)}&b=${encodeURIComponent(`${REC}/0000000000000000000000000000000000000000000000000000000000000000.json`)}`);
  await expect(region(page, 'Diff').getByRole('alert')).toContainText('Cannot read');
  await expect(region(page, 'Diff').getByRole('table', { name: 'Request differences' })).toHaveCount(0);
});

test('why not found: a pasted replay failure lists the nearest recordings, same test, endpoint and model first', async ({ page, served }) => {
  await page.goto(served.url);
  await waitForRows(page);
  await page.getByRole('button', { name: 'Why not found?' }).click();
  await expect(page).toHaveURL(/#\/:why$/);
  const why = region(page, 'Why not found');
  const failure = [
    `FAILED ${TEST_ID} - RuntimeError: Recording not found for request hash: ${'0123456789abcdef'.repeat(4)}`,
    'Model: gpt-4o | Request: POST https://api.openai.com/v1/v1/chat/completions',
    '',
    "Run './scripts/integration-tests.sh --inference-mode record-if-missing' with required API keys to generate.",
  ].join('\n');
  await why.getByLabel('Replay failure or request').fill(failure);
  await why.getByRole('button', { name: 'Find nearest recordings' }).click();

  await expect(why.getByRole('region', { name: 'Verdict' })).toContainText('No recording matches');
  await expect(why.getByLabel('What the input says')).toContainText(TEST_ID);
  const candidates = why.getByRole('list', { name: 'Nearest recordings' }).locator(':scope > li');
  await expect(candidates).toHaveCount(10);
  // the seven chat recordings of the test first (the current one and the pile-up), then the rest
  for (let rank = 1; rank <= 7; rank++) {
    await expect(why.getByRole('listitem', { name: `Candidate ${rank}`, exact: true })).toContainText('same test · endpoint · model');
  }
  await expect(why.getByRole('listitem', { name: 'Candidate 8', exact: true })).not.toContainText('same test · endpoint · model');
  const topSeven = await candidates.locator('.why-candidate-head a.file-link').allTextContents();
  expect(topSeven.slice(0, 7).sort()).toEqual([CURRENT, STALE_BRANCH, STALE_FLOATS, STALE_RAW, MISMATCH, TEST_FILES[7]!, TEST_FILES[8]!].sort());
  const top = why.getByRole('listitem', { name: 'Candidate 1', exact: true });
  await expect(top).toContainText('paste the request body to compare fields');

  // the result survives going to a candidate and back
  await top.getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(topSeven[0]!);
  await page.goBack();
  await expect(region(page, 'Why not found').getByRole('listitem', { name: 'Candidate 1', exact: true })).toBeVisible();
});

test('why not found: a pasted request shows exactly which fields differ and whether normalisation absorbs them', async ({ page, served }) => {
  // what a person pastes: the test id and the request of a recording (its ~100 KB response left out)
  const { test_id, request } = JSON.parse(await readFile(path.join(corpusDir, REC, CURRENT), 'utf8')) as { test_id: string; request: unknown };
  const recording = JSON.stringify({ test_id, request }, null, 2)
    .replace('Show me all marketing reports', 'Show me all sales reports')
    .replace(/score: \d+\.\d+/, 'score: 0.5');
  await page.goto(`${served.url}#/:why`);
  const why = region(page, 'Why not found');
  await why.getByLabel('Replay failure or request').fill(recording);
  await why.getByRole('button', { name: 'Find nearest recordings' }).click();
  const top = why.getByRole('listitem', { name: 'Candidate 1', exact: true });
  await expect(top).toContainText(CURRENT.slice(0, 24));
  await expect(top).toContainText('same test · endpoint · model');
  const fields = top.getByRole('table', { name: 'Differing fields' });
  const changed = fields.locator('tr', { hasText: '$.body.messages[0].content' });
  await expect(changed).toContainText('"Show me all marketing reports"');
  await expect(changed).toContainText('"Show me all sales reports"');
  await expect(changed).toContainText('changes the hash');
  await expect(top).toContainText('1 field changes the hash ($.body.messages[0].content), 1 absorbed by normalisation');
  // the retrieval score inside the tool result is normalised away by the recorder
  const absorbed = fields.locator('tr.verdict-absorbed');
  await expect(absorbed).toHaveCount(1);
  await expect(absorbed).toContainText('$.body.messages[2].content[1].text');
  await expect(absorbed).toContainText('absorbed by score');
  // the next candidates are the other variants of the same request
  await expect(why.getByRole('listitem', { name: 'Candidate 2', exact: true })).toContainText('same test · endpoint · model');
});

test('cleanup assistant: the folder plan grouped by action, what goes first, confirmation before the trash', async ({ page, served }) => {
  await page.goto(served.url);
  await waitForRows(page);
  await page.getByRole('button', { name: 'Cleanup', exact: true }).click();
  const view = region(page, 'Cleanup assistant');
  await expect(view.getByLabel('What would go first')).toContainText(/\d+ files can go first/);
  const canGo = view.getByRole('group', { name: /^Can go \(\d+\)$/ });
  await expect(canGo).toBeVisible();
  await expect(view.getByRole('group', { name: /^Rename to the current name \(\d+\)$/ })).toContainText('Rename to');
  await expect(view.getByRole('group', { name: /^Needs a look \(\d+\)$/ })).toBeVisible();
  // what can go is preselected; select-all toggles the group
  const selectAll = canGo.getByLabel('Select all: Can go');
  await expect(selectAll).toBeChecked();
  await selectAll.uncheck();
  await expect(view.getByRole('button', { name: 'Move selected to trash…' })).toBeDisabled();
  await canGo.getByLabel(`Select ${STALE_RAW}`).check();
  await view.getByRole('button', { name: 'Move selected to trash…' }).click();
  const dialog = view.getByRole('dialog', { name: 'Confirm move to trash' });
  await expect(dialog).toContainText('Move 1 file to the trash?');
  await expect(dialog.getByLabel('Selection summary')).toHaveText('1 file: 1 stale copy.');
  await expect(dialog.getByRole('list', { name: 'Files to move to the trash' })).toContainText(STALE_RAW);
  // the shared folder is left alone: cancel (trashing is exercised on a private folder below)
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  expect(await exists(path.join(served.dir, REC, STALE_RAW))).toBe(true);
});

test('without git the git column, filter and "Diff with HEAD" are hidden', async ({ page, served }) => {
  await page.goto(`${served.url}#/${REC}/${CURRENT}`);
  await waitForRows(page);
  await expect(page.getByRole('button', { name: 'Diff with…' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Diff with HEAD' })).toHaveCount(0);
  await expect(page.getByLabel('Git status filter')).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Recordings' }).getByRole('columnheader', { name: 'Git', exact: true })).toHaveCount(0);
});

test.describe('in a git work tree', () => {
  let tmp = '';
  let dir = '';
  let url = '';
  let child: ChildProcess | null = null;
  const rel = (name: string) => `responses/recordings/${name}`;

  test.beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'ri-e2e-git-'));
    const repo = path.join(tmp, 'repo');
    dir = path.join(repo, 'tests/integration');
    await mkdir(path.join(dir, 'responses/recordings'), { recursive: true });
    for (const name of TEST_FILES) await cp(path.join(corpusDir, REC, name), path.join(dir, rel(name)));
    const env = {
      ...process.env, GIT_AUTHOR_NAME: 'e2e', GIT_AUTHOR_EMAIL: 'e2e@example.invalid', GIT_COMMITTER_NAME: 'e2e', GIT_COMMITTER_EMAIL: 'e2e@example.invalid',
      GIT_CONFIG_NOSYSTEM: '1', HOME: tmp,
    };
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, env, stdio: 'pipe' });
    git('init', '-q');
    git('add', '-A');
    git('-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'recordings');
    // startServer keeps the server's trash next to the folder (<dir>/../data), not the person's own
    ({ url, child } = await startServer(dir));
  });

  test.afterAll(async () => {
    await stopServe(child);
    await rm(tmp, { recursive: true, force: true });
  });

  test('a file edited on disk is flagged "modified"; the filter finds it and "Diff with HEAD" shows the changed field', async ({ page }) => {
    await page.goto(url);
    await waitForRows(page);
    await expect(page.getByText('9 recordings', { exact: true })).toBeVisible();
    const gitFilter = page.getByLabel('Git status filter');
    await expect(gitFilter).toBeVisible();
    await expect(page.getByRole('table', { name: 'Recordings' }).getByRole('columnheader', { name: 'Git', exact: true })).toBeVisible();
    const row = page.locator(`[data-path="${rel(STALE_FLOATS)}"]`);
    await expect(row.locator('.git-badge')).toHaveCount(0);

    const abs = path.join(dir, rel(STALE_FLOATS));
    await writeFile(abs, (await readFile(abs, 'utf8')).replace('Show me all marketing reports', 'Show me all sales reports'));
    await expect(row.locator('.git-badge')).toHaveText('modified', { timeout: 15_000 });

    await gitFilter.selectOption('modified');
    await expect(page.getByRole('table', { name: 'Recordings' }).locator('[role="row"][data-path]')).toHaveCount(1);
    await expect(page.getByText('1 of 9 recordings', { exact: true })).toBeVisible();
    await gitFilter.selectOption('changed');
    await expect(page.getByRole('table', { name: 'Recordings' }).locator('[role="row"][data-path]')).toHaveCount(1);
    await gitFilter.selectOption('added');
    await expect(page.getByText('No recordings match.')).toBeVisible();
    await gitFilter.selectOption('modified');

    await page.locator(`[data-path="${rel(STALE_FLOATS)}"]`).click();
    await page.getByRole('button', { name: 'Diff with HEAD' }).click();
    await expect(page).toHaveURL(/#\/:diff\?a=.*&b=HEAD$/);
    const diff = region(page, 'Diff');
    await expect(diff.getByLabel('Side HEAD')).toContainText(/at [0-9a-f]{7}/);
    const requestDiff = diff.getByRole('table', { name: 'Request differences' });
    await expect(requestDiff.locator('tbody tr')).toHaveCount(1);
    await expect(requestDiff).toContainText('$.request.body.messages[0].content');
    await expect(requestDiff).toContainText('"Show me all marketing reports"');
    await expect(requestDiff).toContainText('"Show me all sales reports"');
    await expect(diff.getByText('The reconstructed answers are the same.')).toBeVisible();
  });

  test('cleanup of the test moves the chosen file to the trash; git then lists it as deleted, diffable with HEAD', async ({ page }) => {
    await page.goto(`${url}#/:test?id=${encodeURIComponent(TEST_ID)}`);
    const cleanup = region(page, 'Cleanup for this test');
    await expect(cleanup.getByLabel('What would go first')).toContainText('can go first');
    await cleanup.getByLabel('Select all: Can go').uncheck();
    await cleanup.getByLabel(`Select ${STALE_RAW}`).check();
    await cleanup.getByRole('button', { name: 'Move to trash…' }).click();
    const dialog = cleanup.getByRole('dialog', { name: 'Confirm move to trash' });
    await expect(dialog.getByLabel('Selection summary')).toHaveText('1 file: 1 stale copy.');
    await dialog.getByRole('button', { name: 'Move 1 file to trash' }).click();
    await expect(cleanup.getByRole('status', { name: 'Trash result' })).toHaveText('Moved 1 file to the trash.');
    await expect.poll(() => exists(path.join(dir, rel(STALE_RAW)))).toBe(false);
    expect(await readdir(path.join(dir, '..', 'data/Trash/files'))).toContain(STALE_RAW);
    // the test view reloads without it
    await expect(region(page, 'Test view').getByLabel('Counts')).toContainText('8 files');

    // git now reports it deleted: a greyed extra row that opens its HEAD version
    const gitFilter = page.getByLabel('Git status filter');
    await expect(gitFilter.locator('option[value="deleted"]')).toHaveText('deleted (1)', { timeout: 15_000 });
    await gitFilter.selectOption('deleted');
    const deletedRow = page.locator(`[data-path="${rel(STALE_RAW)}"]`);
    await expect(deletedRow).toHaveClass(/git-deleted/);
    await expect(deletedRow).toContainText('deleted in work tree');
    await deletedRow.click();
    const diff = region(page, 'Diff');
    await expect(diff.getByRole('alert')).toContainText('deleted in the work tree');
    await expect(diff.locator('.ri-diff-view .monaco-diff-editor')).toBeVisible({ timeout: 20_000 });
  });
});

test.describe('read-only mode', () => {
  let tmp = '';
  let child: ChildProcess | null = null;
  let url = '';

  test.beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'ri-e2e-flaky-ro-'));
    const dir = path.join(tmp, 'recordings');
    await mkdir(path.join(dir, REC), { recursive: true });
    for (const name of TEST_FILES) await cp(path.join(corpusDir, REC, name), path.join(dir, REC, name));
    ({ url, child } = await startServer(dir, ['--read-only']));
  });

  test.afterAll(async () => {
    await stopServe(child);
    await rm(tmp, { recursive: true, force: true });
  });

  test('moving to the trash is disabled, with the reason', async ({ page }) => {
    await page.goto(`${url}#/:test?id=${encodeURIComponent(TEST_ID)}`);
    const cleanup = region(page, 'Cleanup for this test');
    await expect(cleanup.getByLabel('What would go first')).toBeVisible();
    await expect(cleanup.getByRole('button', { name: 'Move to trash…' })).toBeDisabled();
    await expect(cleanup.getByRole('note')).toContainText('Read-only mode');
  });
});
