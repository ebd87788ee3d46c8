import { cp, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusDir, withTempDir } from '../test-support/corpus';
import type { Command } from './registry';
import { showCommand } from './show-command';
import { parseVersion, siblingRoot } from './show-events';

async function run(command: Command, argv: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await command.run(argv, { out: (t) => { out += t; }, err: (t) => { err += t; }, cwd });
  return { code, out, err };
}

const REC = 'llama-stack/responses/recordings/';
const ANSWER = `${REC}6e47f2fe6a351aaec4642b5ae164a7095c81fea7eacaad788591e36eab7b935c.json`;
const TURN0 = `${REC}3ae0877c874cb4dac4d29ed4985b1e6fa46f297c52614bd07c7de299168ec74a.json`;

interface ShowJson {
  chain: { id: string; version: string; turn: number; turns: string[]; complete: boolean } | null;
  events: Array<{ type: string; sequence_number?: number; delta?: string; response?: { output: unknown[] } }>;
  annotations: Array<{ type: string; file_id: string; filename: string; index: number }>;
}

describe('show --json: Responses events and annotations', () => {
  it('gives the emitted events of the chain and the server annotations of the worked example (spec §8)', async () => {
    const result = await run(showCommand, [ANSWER, '--json'], corpusDir);
    expect(result.code).toBe(0);
    const shown = JSON.parse(result.out) as ShowJson;
    expect(shown.chain).toMatchObject({ version: 'HEAD', turn: 1, turns: [TURN0, ANSWER], complete: true });
    expect(shown.chain!.id).toContain('test_response_file_search_streaming_events[client_with_models');
    const types = shown.events.map((e) => e.type);
    expect(types[0]).toBe('response.created');
    expect(types.at(-1)).toBe('response.completed');
    expect(types.filter((t) => t === 'response.output_text.delta')).toHaveLength(67);
    // never-sent event types are not among the emitted ones
    expect(types).not.toContain('response.output_text.annotation.added');
    expect(types).not.toContain('response.output_text.done');
    // HEAD numbering: created 0 … completed 86, with the silent gap at 2
    expect(shown.events[0]!.sequence_number).toBe(0);
    expect(shown.events.at(-1)!.sequence_number).toBe(86);
    expect(shown.events.map((e) => e.sequence_number)).not.toContain(2);
    expect(shown.annotations).toEqual([
      { type: 'file_citation', file_id: 'file-450428750202', filename: 'us_marketing_q1.txt', index: 136 },
      { type: 'file_citation', file_id: 'file-450428750204', filename: 'eu_marketing_q1.txt', index: 232 },
    ]);
  });

  it('follows the chosen server version; the first turn belongs to a chain too', async () => {
    const v = JSON.parse((await run(showCommand, [ANSWER, '--json', '--server-version', '2025-10'], corpusDir)).out) as ShowJson;
    expect(v.chain).toMatchObject({ version: 'V2510', turn: 1, turns: [TURN0, ANSWER] });
    expect(v.events[0]).not.toHaveProperty('sequence_number');
    expect(v.events.at(-1)).not.toHaveProperty('sequence_number');
    expect(v.events[2]).toMatchObject({ type: 'response.output_item.added', sequence_number: 2 });
    expect(v.annotations.map((a) => a.index)).toEqual([136, 232]);
    const first = JSON.parse((await run(showCommand, [TURN0, '--json'], corpusDir)).out) as ShowJson;
    expect(first.chain).toMatchObject({ turn: 0, complete: true });
    expect(first.chain!.turns[0]).toBe(TURN0);
    expect(first.events.length).toBeGreaterThan(20);
    const bad = await run(showCommand, [TURN0, '--server-version', '1999'], corpusDir);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--server-version/);
    expect(parseVersion(undefined)).toBe('HEAD');
    expect(parseVersion('current')).toBe('HEAD');
  });

  it('reads the other turns next to the file: a copy of the answer turn alone has no tool results to cite', async () => {
    await withTempDir(async (dir) => {
      await mkdir(path.join(dir, 'suite/recordings'), { recursive: true });
      const name = path.basename(ANSWER);
      await cp(path.join(corpusDir, ANSWER), path.join(dir, 'suite/recordings', name));
      const shown = JSON.parse((await run(showCommand, [`suite/recordings/${name}`, '--json'], dir)).out) as ShowJson;
      // the tool message is in the answer turn's own request, so citations still resolve
      expect(shown.chain).toMatchObject({ turn: 1, complete: false, turns: [`suite/recordings/${name}`] });
      expect(shown.annotations.map((a) => a.index)).toEqual([136, 232]);
      expect(siblingRoot(path.join(dir, 'suite/recordings/sub/x.json'))).toBe(path.join(dir, 'suite/recordings'));

      await cp(path.join(corpusDir, TURN0), path.join(dir, 'suite/recordings', path.basename(TURN0)));
      const both = JSON.parse((await run(showCommand, [path.join(dir, 'suite/recordings', name), '--json'], dir)).out) as ShowJson;
      expect(both.chain).toMatchObject({ turn: 1, complete: true });
      expect(both.chain!.turns).toEqual([path.join(dir, 'suite/recordings', path.basename(TURN0)), path.join(dir, 'suite/recordings', name)]);
    });
  });

  it('adds nothing for recordings that are not chat turns, and an empty list for chat outside any chain', async () => {
    const embeddings = 'llama-stack/responses/recordings/1956d802ac07ea40ca67b9e174867c6048ed243f527bb1a3abcd26d0bbc37ae3.json';
    const e = JSON.parse((await run(showCommand, [embeddings, '--json'], corpusDir)).out) as Record<string, unknown>;
    expect(e.kind).toBe('embeddings');
    expect(e).not.toHaveProperty('events');
  });
});
