import { cp, mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusDir, withTempDir } from '../test-support/corpus';
import { FolderIndex } from './folder-index';
import { FlakyService } from './flaky-service';
import { xdgTrash } from './trash';
import { WorkerPool } from './worker-pool';

const pool = new WorkerPool(2);
afterAll(() => pool.close());

async function indexed(dir: string) {
  const index = new FolderIndex({ pool, watch: false });
  await index.open(dir);
  await index.whenIndexed();
  return index;
}

describe('FlakyService over the corpus', () => {
  it('groups a re-recorded test into logical requests with one current variant each', async () => {
    const root = path.join(corpusDir, 'llama-stack');
    const index = await indexed(root);
    const rows = index.snapshot().rows;
    const testId = rows.find((r) => r.testId?.includes('test_response_file_search_filter_by_category[openai_client'))!.testId;
    const view = await new FlakyService(async () => undefined).testView(root, rows, testId);
    expect(view.groups.groups.length).toBeGreaterThan(0);
    const chat = view.groups.groups.find((g) => g.variants.length > 2)!;
    expect(chat.variants.filter((v) => v.mark === 'current')).toHaveLength(1);
    expect(chat.variants.some((v) => v.mark === 'stale')).toBe(true);
    expect(view.cleanup.items.length).toBeGreaterThan(0);
    await index.close();
  });

  it('answers "why not found" for a pasted failure', async () => {
    const root = path.join(corpusDir, 'llama-stack');
    const failure = 'E   RuntimeError: Recording not found for request hash: 0000000000000000000000000000000000000000000000000000000000000000\nE   Model: gpt-4o | Request: POST https://api.openai.com/v1/v1/chat/completions\ntests/integration/responses/test_file_search.py::test_response_file_search_filter_by_category[openai_client-txt=openai/gpt-4o] FAILED';
    const index = await indexed(root);
    const report = await new FlakyService(async () => undefined).why(root, index.snapshot().rows, failure);
    await index.close();
    expect(report.found).toBe(false);
    expect(report.candidates[0]?.testId).toContain('test_response_file_search_filter_by_category');
    // With the index's hash statuses, a recording the recorder can actually read ranks first.
    expect(report.candidates[0]?.hash?.status).toBe('current');
  });

  it('moves chosen recordings to the trash and reports what failed', async () => {
    await withTempDir(async (dir) => {
      const root = path.join(dir, 'root');
      await mkdir(path.join(root, 'common/recordings'), { recursive: true });
      const name = '02c93bb3c314427bae2b7a7a6f054792b9f22d2cb4522eab802810be8672d3dc.json';
      await cp(path.join(corpusDir, 'llama-stack/common/recordings', name), path.join(root, 'common/recordings', name));
      const service = new FlakyService(xdgTrash(path.join(dir, 'Trash')));
      const result = await service.moveToTrash(root, [`common/recordings/${name}`, 'common/recordings/missing.json', '../outside.json']);
      expect(result.trashed).toEqual([`common/recordings/${name}`]);
      expect(result.failed.map((f) => f.path)).toEqual(['common/recordings/missing.json', '../outside.json']);
      expect(await readdir(path.join(root, 'common/recordings'))).toEqual([]);
      expect(await readFile(path.join(dir, 'Trash/files', name), 'utf8')).toContain('"request"');
    });
  });
});
