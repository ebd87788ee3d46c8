/**
 * The Responses view in browser mode: the worked example of the spec (§8), its events synced with the
 * timeline for both server versions, its citations and the cited chunks; search results as cards
 * under a tool message; unannotated markers flagged.
 */
import { expect, test } from './fixtures';

const REC = 'llama-stack/responses/recordings/';
/** Answer turn of test_response_file_search_streaming_events[client_with_models-…] (spec §8). */
const ANSWER = `${REC}6e47f2fe6a351aaec4642b5ae164a7095c81fea7eacaad788591e36eab7b935c.json`;
const TURN0 = `${REC}3ae0877c874cb4dac4d29ed4985b1e6fa46f297c52614bd07c7de299168ec74a.json`;
/** The seed request: one tool message with 4 knowledge_search chunks (spec §5.7). */
const SEED = `${REC}f6960cae871e1fb2f6a749488d9bab55d3575489400bc517d40822048496c36b.json`;
/** HEAD-era answer whose markers carry UUID document ids (spec §5.4). */
const UUID_ANSWER = `${REC}6cf85f8a8edca663b20beac97afcc79dfb4a3aaca2a9ce58712a0ae40e0a1364.json`;

test('worked example: scrub to the end, read the events of both servers, open a citation chip and read the chunk', async ({ page, served }) => {
  await page.goto(`${served.url}#/${ANSWER}?tab=response&chunk=30`);
  const slider = page.getByRole('slider', { name: 'Stream position' });
  await expect(slider).toHaveAttribute('aria-valuenow', '30');
  const panel = page.getByRole('region', { name: 'Responses events' });
  const newest = panel.locator('[aria-current="true"]');

  // At chunk 30 (the first character of the first marker) the newest event is that chunk's delta: seq 16 + 30
  // (46 events: sequence 2 is the silent number HEAD consumes for the built-in call).
  await expect(newest).toContainText('#46');
  await expect(newest).toContainText('response.output_text.delta');
  await expect(newest).toContainText('turn 1 · chunk 30');
  await expect(panel.getByLabel('Event count')).toHaveText('46 of 86 emitted');
  await expect(panel.getByRole('note', { name: 'Placeholder ids' })).toContainText('Ids are placeholders');

  // Scrub to the end: every event is sent, the terminal one is the newest.
  await slider.focus();
  await page.keyboard.press('End');
  await expect(slider).toHaveAttribute('aria-valuenow', '69');
  await expect(panel.getByLabel('Event count')).toHaveText('86 of 86 emitted');
  await expect(newest).toContainText('#86');
  await expect(newest).toContainText('response.completed');

  // Expand the newest event to its JSON: the cleaned text and both annotations.
  await newest.getByRole('button').first().click();
  const json = newest.getByRole('group', { name: /JSON of response\.completed/ });
  await expect(json).toContainText('"index": 136');
  await expect(json).toContainText('"index": 232');
  await expect(json).toContainText('resp_placeholder_1');

  // Events the server never sends are not in the list, unless asked for, and then badged.
  const filter = panel.getByLabel('Event type filter');
  await expect(filter.locator('option', { hasText: 'annotation.added' })).toHaveCount(0);
  await panel.getByLabel('Show derived events').check();
  await filter.selectOption('response.output_text.annotation.added');
  await expect(panel.getByRole('listitem')).toHaveCount(2);
  await expect(panel.getByRole('listitem').first()).toContainText('derived — not sent by the server');
  await panel.getByLabel('Show derived events').uncheck();

  // Filter by type.
  await filter.selectOption('response.output_text.delta');
  await expect(panel.getByLabel('Event count')).toHaveText('67 shown · 86 of 86 emitted');
  await expect(newest).toContainText('">."');
  await filter.selectOption('');

  // The 2025-10 server: no sequence number on created/completed, no message item events.
  const version = panel.getByLabel('Server version');
  await expect(version).toHaveValue('HEAD');
  await version.selectOption('V2510');
  await expect(panel.getByLabel('Event count')).toHaveText('84 of 84 emitted');
  await expect(newest).toContainText('response.completed');
  await expect(newest).toContainText('—');
  await version.selectOption('HEAD');
  await expect(panel.getByLabel('Event count')).toHaveText('86 of 86 emitted');

  // The chain: two turns, the first one a click away.
  const chain = page.getByRole('region', { name: 'Turn chain' });
  await expect(chain.getByRole('listitem', { name: 'turn 0' })).toContainText('knowledge_search');
  await expect(chain.getByRole('listitem', { name: 'turn 1' })).toContainText('open');

  // Citations: both chips, the annotations as the server computes them.
  await page.getByRole('tab', { name: 'Citations' }).click();
  const citations = page.getByRole('region', { name: 'Citations' });
  const first = citations.getByRole('button', { name: 'citation file-450428750202 us_marketing_q1.txt' });
  await expect(first).toBeVisible();
  await expect(citations.getByRole('button', { name: 'citation file-450428750204 eu_marketing_q1.txt' })).toBeVisible();
  const annotations = citations.getByRole('table', { name: 'Annotations' });
  await expect(annotations.getByRole('row')).toHaveCount(3);
  await expect(annotations.getByRole('row').nth(1)).toContainText('file-450428750202us_marketing_q1.txt136');
  await expect(annotations.getByRole('row').nth(2)).toContainText('file-450428750204eu_marketing_q1.txt232');

  // Open a chip: the cited chunk with its text, score and attributes.
  await first.click();
  const dialog = page.getByRole('dialog', { name: 'Cited chunk' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('US promotional campaigns for Q1 2023. Revenue increased by 15% in the US region.');
  await expect(dialog).toContainText('0.838783128682284');
  await expect(dialog).toContainText('us_marketing_q1.txt');
  const attributes = dialog.getByRole('table', { name: 'Attributes' });
  await expect(attributes.getByRole('row', { name: /region/ })).toContainText('us');
  await expect(attributes.getByRole('row', { name: /date/ })).toContainText('1672531200.0');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // Open the first turn from the chain.
  await page.getByRole('tab', { name: 'Response' }).click();
  await chain.getByRole('listitem', { name: 'turn 0' }).getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`${TURN0.replace(/[.]/g, '\\.')}`));
  await expect(page.getByRole('region', { name: 'Turn chain' }).getByRole('listitem', { name: 'turn 0' })).toContainText('open');
});

test('a knowledge_search tool result is shown as cards linked to its tool call, the raw text one click away', async ({ page, served }) => {
  await page.goto(`${served.url}#/${SEED}`);
  const results = page.getByRole('region', { name: 'Search results' });
  await expect(results).toBeVisible();
  await expect(results.getByRole('article')).toHaveCount(4);
  const card = results.getByRole('article', { name: 'result 1 us_engineering_q2.txt' });
  await expect(card).toContainText('file-284290576317');
  await expect(card).toContainText('1.1939300430192143');
  await expect(card.getByRole('table', { name: 'Attributes' })).toContainText('1680307200.0');
  await expect(card).toContainText('US technical updates for Q2 2023.');
  await expect(results.getByRole('article', { name: 'result 4 asia_sales_q3.txt' })).toBeVisible();

  await results.getByRole('link', { name: 'from tool call knowledge_search' }).click();
  await expect(page.getByRole('group', { name: 'tool call knowledge_search' })).toBeFocused();

  const raw = page.getByRole('button', { name: 'Show raw text' });
  await raw.click();
  await expect(page.getByText('BEGIN of knowledge_search tool results.').first()).toBeVisible();
});

test('markers the server leaves unannotated are flagged with the reason', async ({ page, served }) => {
  await page.goto(`${served.url}#/${UUID_ANSWER}?tab=citations`);
  const citations = page.getByRole('region', { name: 'Citations' });
  await expect(citations.getByRole('button', { name: /^citation e2018310-5772-477c-ae70-9a3ed4669b24 / })).toBeVisible();
  await expect(citations.getByText('not annotated: UUID id (left in the text)').first()).toBeVisible();
  await expect(citations.getByRole('table', { name: 'Annotations' })).toContainText('none');
});
