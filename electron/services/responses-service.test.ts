import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HostEvent } from '../../shared/host-api';
import { corpusDir, withTempDir } from '../test-support/corpus';
import { FolderIndex } from './folder-index';
import { ResponsesService } from './responses-service';
import { WorkerPool } from './worker-pool';

const pool = new WorkerPool(2);
afterAll(() => pool.close());

const REC = 'responses/recordings/';
const ANSWER = `${REC}6e47f2fe6a351aaec4642b5ae164a7095c81fea7eacaad788591e36eab7b935c.json`;
const TURN0 = `${REC}3ae0877c874cb4dac4d29ed4985b1e6fa46f297c52614bd07c7de299168ec74a.json`;

async function indexed(dir: string) {
  const index = new FolderIndex({ pool, watch: false });
  await index.open(dir);
  await index.whenIndexed();
  return index;
}

describe('ResponsesService over the corpus', () => {
  const root = path.join(corpusDir, 'llama-stack');

  it('finds the worked example chain (spec §8) and derives its events and citations', async () => {
    const index = await indexed(root);
    const service = new ResponsesService(index);
    const result = await service.responseChain(ANSWER);
    expect(result.note).toBeNull();
    expect(result.version).toBe('HEAD');
    expect(result.turn).toBe(1);
    expect(result.chain!.turns.map((t) => t.path)).toEqual([TURN0, ANSWER]);
    expect(result.chain!.turns[1]!.link).toBe('id');
    expect(result.chain!.turns[0]!.toolCalls[0]).toMatchObject({ name: 'knowledge_search', id: 'call_yrecP7RchFwSrzeZd9oqtJEN' });
    expect(result.chain!.turns[1]!.toolResults[0]).toMatchObject({ toolCallId: 'call_yrecP7RchFwSrzeZd9oqtJEN', name: 'knowledge_search' });
    // re-recordings of both turns are listed, and flagged
    expect(result.chain!.issues.some((i) => i.kind === 'ambiguous-turn')).toBe(true);
    expect(result.chain!.candidates.length).toBeGreaterThan(2);
    // no whole recordings in the payload
    expect(JSON.stringify(result)).not.toContain('"__type__"');

    const stream = result.stream!;
    expect(stream.terminal).toBe('completed');
    expect(stream.placeholderIds).toBe(true);
    const types = stream.events.map((e) => e.event.type);
    expect(types[0]).toBe('response.created');
    expect(types.at(-1)).toBe('response.completed');
    expect(types.filter((t) => t === 'response.output_text.delta')).toHaveLength(67);
    expect(types).not.toContain('response.output_text.done');
    expect(types).not.toContain('response.output_text.annotation.added');
    expect(stream.derived.map((d) => d.event.type)).toContain('response.output_text.annotation.added');
    // HEAD numbering (spec §8.2): created = 0, completed = 86
    expect(stream.events[0]!.event).toMatchObject({ sequence_number: 0 });
    expect(stream.events.at(-1)!.event).toMatchObject({ sequence_number: 86 });

    const c = stream.citations!;
    expect(c.annotations).toEqual([
      { type: 'file_citation', file_id: 'file-450428750202', filename: 'us_marketing_q1.txt', index: 136 },
      { type: 'file_citation', file_id: 'file-450428750204', filename: 'eu_marketing_q1.txt', index: 232 },
    ]);
    expect(c.annotationViews[0]!.chunks[0]!.chunk).toMatchObject({ rank: 2, documentId: 'file-450428750202', filename: 'us_marketing_q1.txt' });
    expect(c.annotationViews[0]!.chunks[0]!.chunk.attributes).toContainEqual({ key: 'date', value: '1672531200.0', kind: 'float' });
    expect(c.annotationViews[1]!.chunks[0]!.chunk.text).toBe('European advertising campaign results for Q1 2023. Strong growth in EU markets.');
    expect(stream.toolResults[0]!.result.chunks).toHaveLength(4);
    await index.close();
  });

  it('derives the 2025-10 behaviour on request and caches per version', async () => {
    const index = await indexed(root);
    const service = new ResponsesService(index);
    const v = await service.responseChain(ANSWER, 'V2510');
    expect(v.version).toBe('V2510');
    expect(v.suggestion?.version).toBe('V2510');
    expect(v.stream!.events[0]!.event).not.toHaveProperty('sequence_number');
    expect(v.stream!.citations!.annotations.map((a) => a.index)).toEqual([136, 232]);
    const builds = service.builds;
    await service.responseChain(ANSWER, 'HEAD');
    await service.responseChain(TURN0, 'HEAD');
    expect(service.builds).toBe(builds); // same test id: chains built once
    await index.close();
  });

  it('explains recordings that are in no chain', async () => {
    const index = await indexed(root);
    const service = new ResponsesService(index);
    const embeddings = index.snapshot().rows.find((r) => r.kind === 'embeddings')!;
    const result = await service.responseChain(embeddings.path);
    expect(result.chain).toBeNull();
    expect(result.stream).toBeNull();
    expect(result.note).toMatch(/not a turn of a Responses request/);
    await expect(service.responseChain('../outside.json')).rejects.toThrow(/outside/);
    await index.close();
  });

  it('drops the cache when a recording of the test changes', async () => {
    await withTempDir(async (dir) => {
      await mkdir(path.join(dir, REC), { recursive: true });
      for (const rel of [ANSWER, TURN0]) await cp(path.join(root, rel), path.join(dir, rel));
      const index = await indexed(dir);
      const events: Array<(e: HostEvent) => void> = [];
      const fake = {
        get folder() { return index.folder; },
        get generation() { return index.generation; },
        snapshot: () => index.snapshot(),
        subscribe: (l: (e: HostEvent) => void) => { events.push(l); return () => undefined; },
      };
      const service = new ResponsesService(fake);
      const first = await service.responseChain(ANSWER);
      expect(first.chain!.turns).toHaveLength(2);
      expect(first.chain!.issues.some((i) => i.kind === 'ambiguous-turn')).toBe(false);
      const again = await service.responseChain(ANSWER);
      expect(again).toBe(first);

      // the answer text changes on disk: the watcher's row event invalidates the entry
      const file = path.join(dir, ANSWER);
      await writeFile(file, (await readFile(file, 'utf8')).replace('"content": "204"', '"content": "999"'));
      const row = index.snapshot().rows.find((r) => r.path === ANSWER)!;
      for (const l of events) l({ type: 'rows', generation: index.generation, rows: [row] });
      const changed = await service.responseChain(ANSWER);
      expect(changed).not.toBe(first);
      expect(changed.stream!.citations!.annotations.map((a) => a.file_id)).toEqual(['file-450428750202']);
      const flagged = changed.stream!.citations!.markers.find((m) => m.id === 'file-450428750999')!;
      expect(flagged.reason).toBe('not-in-citation-files');
      await index.close();
    });
  });
});
