import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseJson } from '../json/lossless-json';
import { cleanupCandidates, groupAllTests, groupTestRecordings, testIdsOf, type LogicalRequest, type TestEntry, type TestGroups } from './test-groups';

const CORPUS = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
const FILTER_BY_CATEGORY = 'tests/integration/responses/test_file_search.py::test_response_file_search_filter_by_category[openai_client-txt=openai/gpt-4o]';

/** MANIFEST Hash column: path -> match | legacy:<profile> | guess | MISMATCH. */
function manifest(): Map<string, string> {
  const rows = new Map<string, string>();
  for (const line of readFileSync(`${CORPUS}MANIFEST.md`, 'utf8').split('\n')) {
    const m = /^\|(?: \d+ \|)? `(llama-stack[^`]*\.json)` \| `[^`]*` \| ([^|]+) \|/.exec(line);
    if (m) rows.set(m[1]!, m[2]!.trim());
  }
  return rows;
}

let entries: TestEntry[] = [];
beforeAll(() => {
  // the HEAD tree (the 2025-10 tree is judged with another algorithm)
  const files = (readdirSync(`${CORPUS}llama-stack`, { recursive: true }) as string[]).filter((f) => f.endsWith('.json')).sort();
  entries = files.map((f) => ({ path: `llama-stack/${f.split('\\').join('/')}`, record: parseJson(readFileSync(`${CORPUS}llama-stack/${f}`, 'utf8')) }));
});

const base = (p: string) => p.slice(p.lastIndexOf('/') + 1, p.lastIndexOf('/') + 13);
const marks = (g: LogicalRequest) => g.variants.map((v) => `${v.mark}:${base(v.path)}`);
const byTest = (id: string | null): TestGroups => groupTestRecordings(entries, id);

describe('test view: the re-recorded corpus test', () => {
  it('groups test_response_file_search_filter_by_category into its logical requests', () => {
    const t = byTest(FILTER_BY_CATEGORY);
    expect(t.counts).toMatchObject({ files: 9, requests: 3, current: 3, superseded: 0, stale: 4, mismatch: 2 });
    expect(t.groups.map((g) => [g.turn, g.endpoint, g.model])).toEqual([
      [0, '/v1/embeddings', 'text-embedding-3-small'],
      [0, '/v1/embeddings', 'text-embedding-3-small'],
      [1, '/v1/chat/completions', 'gpt-4o'],
    ]);
    // two different documents are embedded: two requests, each with its one current recording
    expect(t.groups[0]!.anchor).toMatch(/^\["Asia Pacific revenue/);
    expect(t.groups[1]!.anchor).toMatch(/^\["US promotional campaigns/);
    expect(marks(t.groups[0]!)).toEqual(['current:1956d802ac07']);
    expect(marks(t.groups[1]!)).toEqual(['current:616e4336728a']);
    // the chat request after the file_search tool call: one current, the pile-up marked
    const chat = t.groups[2]!;
    expect(chat.state).toBe('pile-up');
    expect(chat.anchor).toBe('Show me all marketing reports');
    expect(chat.current).toBe('llama-stack/responses/recordings/6cf85f8a8edca663b20beac97afcc79dfb4a3aaca2a9ce58712a0ae40e0a1364.json');
    expect(marks(chat)).toEqual([
      'current:6cf85f8a8edc',
      'stale:0b85055d1c65',
      'stale:2fa72534cefd',
      'stale:4490f369ec01',
      'stale:b615a3e10275',
      'mismatch:4c066cc184fb',
      'mismatch:7a21dd173266',
    ]);
    expect(chat.variants.find((v) => v.path.includes('0b85055d1c65'))!.hash.algorithm).toBe('branch-fs-B-2026-04-07');
    expect(chat.variants.find((v) => v.path.includes('4c066cc184fb'))!.hash.algorithm).toBe('raw-testid-2025-10-04+guessed-id-mapping');
    // every non-current variant shows how its request differs from the current one
    for (const v of chat.variants.slice(1)) {
      expect(v.diffCount).toBeGreaterThan(0);
      expect(v.reason).toContain('6cf85f8a8edc');
    }
  });

  it('agrees with the MANIFEST hash column for every file of the test', () => {
    const m = manifest();
    const t = byTest(FILTER_BY_CATEGORY);
    for (const g of t.groups) {
      for (const v of g.variants) {
        const want = m.get(v.path)!;
        const expected = want === 'match' ? ['current', 'superseded'] : want.startsWith('legacy:') ? ['stale'] : ['mismatch'];
        expect(expected, v.path).toContain(v.mark);
        if (want.startsWith('legacy:')) expect(v.hash.algorithm).toBe(want.slice('legacy:'.length));
      }
    }
  });

  it('follows the replay chain: turn-1 requests that send back a superseded answer are superseded', () => {
    const t = byTest('tests/integration/responses/test_reasoning.py::test_reasoning_multi_turn_passthrough[txt=ollama/gpt-oss:20b]');
    const turn1 = t.groups.find((g) => g.turn === 1)!;
    expect(marks(turn1)).toEqual(['current:9deef817d869', 'superseded:495578c9e51e', 'superseded:98e718b225b1']);
    expect(turn1.variants[0]!.continues.map(base)).toEqual(['0b39598a4a30']);
    expect(turn1.variants[0]!.confidence).toBe('high');
    expect(turn1.variants.slice(1).every((v) => v.confidence === 'high')).toBe(true);
    // the two model-list files with one hash are merged at replay: both current
    const models = t.groups.filter((g) => g.modelList);
    expect(models.flatMap((g) => g.variants).every((v) => v.mark === 'current')).toBe(true);
  });

  it('resolves a three-turn pile-up consistently along the chain', () => {
    const t = byTest('tests/integration/responses/test_tool_responses.py::test_response_streaming_multi_turn_tool_execution[openai_client-txt=openai/gpt-4o-experiment_analysis_streaming]');
    expect(t.groups.map((g) => g.turn)).toEqual([0, 1, 2]);
    const [t0, t1, t2] = t.groups as [LogicalRequest, LogicalRequest, LogicalRequest];
    expect(marks(t0)).toEqual(['current:149e68a5c212', 'superseded:b30da6311477']);
    expect(marks(t1)).toEqual(['current:161554eb7fcf', 'superseded:0a4aca0cd075', 'superseded:cad4aef3ce1a']);
    expect(marks(t2)).toEqual(['current:5957e26cf057', 'superseded:984433eb969c', 'superseded:d42e1020edee']);
    // each current continues the previous current
    expect(t1.variants[0]!.continues.map(base)).toEqual(['149e68a5c212']);
    expect(t2.variants[0]!.continues.map(base)).toEqual(['161554eb7fcf']);
    // 0a4aca0c sends back the answer of the superseded turn-0 variant
    expect(t1.variants[1]!.reason).toMatch(/b30da6311477.*replay no longer returns/);
  });

  it('keeps distinct requests of one test apart (different inputs, different intent parameters)', () => {
    const safety = byTest('tests/integration/safety/test_safety.py::test_safe_examples_with_run_moderation[shield=llama-guard]');
    expect(safety.groups).toHaveLength(3);
    expect(safety.counts.current).toBe(3);
    const parallel = byTest('tests/integration/responses/test_tool_responses.py::test_parallel_tool_calls_with_function_tools[openai_client-txt=openai/gpt-4o]');
    expect(parallel.groups.map((g) => g.params.parallel_tool_calls).sort()).toEqual(['false', 'true']);
    expect(parallel.groups.every((g) => g.variants.filter((v) => v.mark === 'current').length === 1)).toBe(true);
  });

  it('prefers the newer SDK among current-named variants (medium confidence)', () => {
    const t = byTest('tests/integration/responses/test_tool_responses.py::test_response_non_streaming_file_search[openai_client-txt=openai/gpt-4o:emb=sentence-transformers/nomic-ai/nomic-embed-text-v1.5:dim=768-llama_experts]');
    const t0 = t.groups[0]!;
    expect(marks(t0)).toEqual(['current:8ff84c6413b0', 'superseded:436039b9bd78', 'superseded:87c1032b818e']);
    expect(t0.variants[0]!.confidence).toBe('medium');
    expect(t0.variants[1]!.reason).toMatch(/older provider SDK/);
  });

  it('the same request in two folders: the copy in the folder of its test_id is current', () => {
    const t = byTest(null);
    const ps = t.groups.find((g) => g.endpoint === '/api/ps')!;
    expect(ps.variants.map((v) => [v.mark, v.path])).toEqual([
      ['current', 'llama-stack/common/recordings/02c93bb3c314427bae2b7a7a6f054792b9f22d2cb4522eab802810be8672d3dc.json'],
      ['superseded', 'llama-stack/responses/recordings/02c93bb3c314427bae2b7a7a6f054792b9f22d2cb4522eab802810be8672d3dc.json'],
    ]);
    expect(ps.variants[1]!.confidence).toBe('high');
  });

  it('lists test ids with counts', () => {
    const ids = testIdsOf(entries);
    expect(ids.find((x) => x.testId === FILTER_BY_CATEGORY)?.files).toBe(9);
    expect(ids.reduce((n, x) => n + x.files, 0)).toBe(entries.length);
  });
});

describe('cleanup assistant', () => {
  it('for one test: stale copies and mismatches of a request with a current recording go first', () => {
    const plan = cleanupCandidates(byTest(FILTER_BY_CATEGORY));
    expect(plan.items.map((i) => [i.action, i.priority, base(i.path)])).toEqual([
      ['delete', 1, '0b85055d1c65'],
      ['delete', 1, '2fa72534cefd'],
      ['delete', 1, '4490f369ec01'],
      ['delete', 1, 'b615a3e10275'],
      ['delete', 3, '4c066cc184fb'],
      ['delete', 3, '7a21dd173266'],
    ]);
    expect(plan.items.every((i) => i.replacedBy?.includes('6cf85f8a8edc'))).toBe(true);
    expect(plan.summary).toMatchObject({ delete: 6, rename: 0, review: 0, byMark: { stale: 4, mismatch: 2 } });
    expect(plan.summary.text).toBe('6 files can go first (4 stale copies, 2 name mismatches of requests that have a current recording).');
  });

  it('for the folder: every listed file is non-current, safest first, weak evidence only for review', () => {
    const all = groupAllTests(entries);
    const plan = cleanupCandidates(all);
    const currents = new Set(all.flatMap((t) => t.groups.flatMap((g) => g.variants.filter((v) => v.mark === 'current').map((v) => v.path))));
    expect(plan.items.length).toBeGreaterThan(50);
    expect(plan.items.some((i) => currents.has(i.path))).toBe(false);
    expect(new Set(plan.items.map((i) => i.path)).size).toBe(plan.items.length);
    const priorities = plan.items.map((i) => i.priority);
    expect([...priorities].sort((a, b) => a - b)).toEqual(priorities);
    // deletion is only proposed with a current replacement in hand
    for (const i of plan.items.filter((x) => x.action === 'delete')) expect(i.replacedBy).toBeDefined();
    // a stale file whose request has no current recording is offered a rename to its current name
    const rename = plan.items.find((i) => i.path.endsWith('545bde720fe18ee917fd22ff45f434c1e11cfdfec87f51c6d377dd7aaeeb6c5c.json'))!;
    expect(rename).toMatchObject({ action: 'rename', renameTo: 'llama-stack/responses/recordings/8913003b195a8f9047c198c53f6600e8ce5448368767dd79f1fd084806d785d6.json' });
    expect(plan.summary.text).toMatch(/^\d+ files can go first/);
    // superseded choices made on heuristics are never proposed for deletion
    for (const i of plan.items.filter((x) => x.mark === 'superseded' && x.action === 'delete')) expect(i.reason).not.toMatch(/SDK|parameters|recorder \(top-level/);
  });
});
