/** The stream timeline in browser mode: scrub, step, play and pause through the largest corpus stream. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildTimeline, stateAt } from '../shared/stream';
import { corpusDir, expect, test } from './fixtures';

const LARGEST = 'llama-stack/responses/recordings/0ea735928993b5a2de3a444256136d53ab666dbfb7582e5562268f809aa8d5f3.json';
const timeline = buildTimeline(JSON.parse(readFileSync(path.join(corpusDir, LARGEST), 'utf8')));
const textAt = (k: number) => stateAt(timeline, k).choices[0]!.content;

test('scrubbing, stepping and playing show exactly the text received so far, and the link keeps the position', async ({ page, served }) => {
  await page.goto(`${served.url}#/${LARGEST}?tab=response`);
  const slider = page.getByRole('slider', { name: 'Stream position' });
  await expect(slider).toHaveAttribute('aria-valuemax', String(timeline.steps.length - 1));
  const answer = page.getByTestId('answer-text');
  const position = async () => Number(await slider.getAttribute('aria-valuenow'));

  // Drag the scrubber from the left edge to about a third of the way.
  const box = (await slider.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.1, box.y + box.height / 2);
  await page.mouse.down();
  for (let x = 0.1; x <= 0.34; x += 0.04) await page.mouse.move(box.x + box.width * x, box.y + box.height / 2);
  await page.mouse.up();
  const dragged = await position();
  expect(dragged).toBeGreaterThan(timeline.steps.length * 0.2);
  expect(dragged).toBeLessThan(timeline.steps.length * 0.5);
  await expect(answer).toHaveText(textAt(dragged), { useInnerText: false });

  // Keys: → steps one chunk, ← steps back, End jumps to the end.
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveAttribute('aria-valuenow', String(dragged + 2));
  await expect(answer).toHaveText(textAt(dragged + 2));
  await page.keyboard.press('ArrowLeft');
  await expect(slider).toHaveAttribute('aria-valuenow', String(dragged + 1));
  await expect(answer).toHaveText(textAt(dragged + 1));

  // The link holds the position and survives a reload.
  await expect(page).toHaveURL(new RegExp(`chunk=${dragged + 1}$`));
  await page.reload();
  await expect(slider).toHaveAttribute('aria-valuenow', String(dragged + 1));
  await expect(answer).toHaveText(textAt(dragged + 1));

  // Play from here at high speed, pause, and the text matches wherever it stopped.
  await page.getByLabel('Speed').selectOption('chunks:500');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect.poll(position).toBeGreaterThan(dragged + 20);
  await page.getByRole('button', { name: 'Pause' }).click();
  // Read the position once the host's pause has come back (the button turns into Play again).
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  const paused = await position();
  await page.waitForTimeout(300);
  expect(await position()).toBe(paused);
  await expect(answer).toHaveText(textAt(paused));

  await slider.focus();
  await page.keyboard.press('End');
  await expect(slider).toHaveAttribute('aria-valuenow', String(timeline.steps.length - 1));
  await expect(answer).toHaveText(textAt(timeline.steps.length - 1));
  await expect(page.getByRole('table', { name: 'Usage' })).toBeVisible();
});

test('a streamed tool call shows its arguments rebuilt from fragments, partial then complete', async ({ page, served }) => {
  const file = 'llama-stack/responses/recordings/39cb6a0b7caf461718605ddb92021e3274bb3b197307a687763cf2c2d8e984d1.json';
  await page.goto(`${served.url}#/${file}?tab=response&chunk=3`);
  const call = page.getByRole('group', { name: 'tool call knowledge_search' });
  await expect(call).toContainText('partial');
  await page.getByRole('slider', { name: 'Stream position' }).focus();
  await page.keyboard.press('End');
  await expect(call).toContainText('complete');
  await expect(call).toContainText('"query"');
});

test('two tabs showing the same recording follow one replay clock in the host', async ({ browser, served }) => {
  const file = 'llama-stack/responses/recordings/0ea735928993b5a2de3a444256136d53ab666dbfb7582e5562268f809aa8d5f3.json';
  const context = await browser.newContext();
  const [first, second] = [await context.newPage(), await context.newPage()];
  await first.goto(`${served.url}#/${file}?tab=response&chunk=10`);
  await second.goto(`${served.url}#/${file}?tab=response`);
  const sliderOf = (page: typeof first) => page.getByRole('slider', { name: 'Stream position' });
  await expect(sliderOf(second)).toHaveAttribute('aria-valuenow', /\d+/);
  // Seeking in one tab moves the other.
  await sliderOf(first).focus();
  await first.keyboard.press('Home');
  await expect(sliderOf(second)).toHaveAttribute('aria-valuenow', '-1');
  // Playing in one tab plays in the other; pausing in the second stops both at the same chunk.
  await first.getByLabel('Speed').selectOption('chunks:100');
  await first.getByRole('button', { name: 'Play' }).click();
  await expect.poll(async () => Number(await sliderOf(second).getAttribute('aria-valuenow'))).toBeGreaterThan(10);
  await second.getByRole('button', { name: 'Pause' }).click();
  await expect(first.getByRole('button', { name: 'Play' })).toBeVisible();
  await expect.poll(async () => (await sliderOf(first).getAttribute('aria-valuenow')) === (await sliderOf(second).getAttribute('aria-valuenow'))).toBe(true);
  const stopped = await sliderOf(first).getAttribute('aria-valuenow');
  await first.waitForTimeout(400);
  expect(await sliderOf(first).getAttribute('aria-valuenow')).toBe(stopped);
  expect(await sliderOf(second).getAttribute('aria-valuenow')).toBe(stopped);
  await context.close();
});
