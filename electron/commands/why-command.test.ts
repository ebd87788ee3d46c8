import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WhyReport } from '../../shared/flaky/why-not-found';
import { corpusDir, withTempDir } from '../test-support/corpus';
import { loadRequests, whyCommand } from './why-command';

type Io = Parameters<typeof whyCommand.run>[1] & { readStdin?: () => Promise<string> };

async function run(argv: string[], cwd: string, stdin?: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { out: (t) => { out += t; }, err: (t) => { err += t; }, cwd, ...(stdin !== undefined ? { readStdin: async () => stdin } : {}) };
  const code = await whyCommand.run(argv, io);
  return { code, out, err };
}

const FILTER_BY_CATEGORY = 'tests/integration/responses/test_file_search.py::test_response_file_search_filter_by_category[openai_client-txt=openai/gpt-4o]';
const CHAT = 'llama-stack/responses/recordings/6cf85f8a8edca663b20beac97afcc79dfb4a3aaca2a9ce58712a0ae40e0a1364.json';
const REASONING = 'llama-stack/common/recordings/8019a21d3845675fc1966b90850ec4405f763792f3dea3ade299706fab3c2745.json';
const FAILURE = [
  `FAILED ${FILTER_BY_CATEGORY} - RuntimeError: Recording not found for request hash: 5527813af22f75ce6e14d68662373a462c79a2514ba561617e075efce5ff7938`,
  'Model: gpt-4o | Request: POST https://api.openai.com/v1/v1/chat/completions',
].join('\n');

/** A small recordings folder: the re-recorded test's chat requests plus one Bedrock-mantle request. */
async function smallFolder(dir: string): Promise<void> {
  const files = [
    CHAT,
    'llama-stack/responses/recordings/4490f369ec01d3241d24685db68675c440d1ec12b3ca8fc5dd429c48a5415158.json',
    'llama-stack/responses/recordings/b615a3e10275f75dfb8da3474c2cbca56862f4a5d67c1b3887c45a80c0fd6bae.json',
    'llama-stack/responses/recordings/7a21dd1732664f785ed4a0292de82013962f00a064c5baa1a34f92ef72e67046.json',
    REASONING,
  ];
  for (const f of files) {
    await mkdir(path.dirname(path.join(dir, f)), { recursive: true });
    await cp(path.join(corpusDir, f), path.join(dir, f));
  }
  await writeFile(path.join(dir, 'llama-stack/responses/recordings/README.md'), 'not a recording');
  await writeFile(path.join(dir, 'llama-stack/responses/recordings/broken.json'), '{"request": ');
}

describe('why command', () => {
  it('a pasted replay failure on the corpus: finds the recordings holding the request, exit 0', async () => {
    await withTempDir(async (tmp) => {
      await writeFile(path.join(tmp, 'failure.txt'), FAILURE);
      const result = await run([corpusDir, '--failure', path.join(tmp, 'failure.txt'), '--json', '--limit', '3'], tmp);
      expect(result.err).toBe('');
      expect(result.code).toBe(0);
      const report = JSON.parse(result.out) as WhyReport;
      expect(report.searched).toBe(265);
      expect(report.query).toMatchObject({ testId: FILTER_BY_CATEGORY, model: 'gpt-4o', urlPath: '/v1/v1/chat/completions' });
      expect(report.found).toBe(true);
      expect(report.candidates).toHaveLength(3);
      expect(report.candidates[0]).toMatchObject({ tier: 'exact', hash: { status: 'mismatch' }, hashMatch: { profile: 'head-2026-04' } });
      expect(report.candidates[0]!.location).toMatch(/rename it/);
    });
  });

  it('--request with one edited field: the original comes first with the field named, exit 1', async () => {
    await withTempDir(async (dir) => {
      await smallFolder(dir);
      const record = JSON.parse(await readFile(path.join(corpusDir, CHAT), 'utf8'));
      record.request.body.messages[0].content = 'Show me all sales reports';
      await writeFile(path.join(dir, 'edited.json'), JSON.stringify(record));
      // edited.json lies next to the recordings folder, not in it
      const sub = await run(['llama-stack', '--request', 'edited.json', '--json'], dir);
      expect(sub.code).toBe(1);
      const r2 = JSON.parse(sub.out) as WhyReport;
      expect(r2.found).toBe(false);
      expect(r2.candidates[0]!.path).toBe(CHAT.slice('llama-stack/'.length));
      expect(r2.candidates[0]!.differences.map((d) => [d.path, d.verdict])).toEqual([['$.body.messages[0].content', 'changes-hash']]);

      // human output: ranked list with the verdict per field
      const text = await run(['llama-stack', '--request', 'edited.json'], dir);
      expect(text.code).toBe(1);
      expect(text.out).toMatch(/^Looking for: test tests\/integration\/responses\/test_file_search\.py::/);
      expect(text.out).toContain('NOT FOUND');
      expect(text.out).toContain('1. responses/recordings/6cf85f8a8edca663b20beac97afcc79dfb4a3aaca2a9ce58712a0ae40e0a1364.json  [current]');
      expect(text.out).toContain('CHANGES HASH $.body.messages[0].content  "Show me all marketing reports" → "Show me all sales reports"');
    });
  });

  it('an absorbed difference still finds the recording (exit 0); SDK body from stdin', async () => {
    await withTempDir(async (dir) => {
      await smallFolder(dir);
      const record = JSON.parse(await readFile(path.join(corpusDir, REASONING), 'utf8'));
      const body = JSON.stringify(record.request.body).replace('"temperature":0.3', '"temperature":0.300001');
      expect(body).toContain('0.300001');
      const result = await run(['.', '--request', '-', '--test-id', 'null'], dir, body);
      expect(result.code).toBe(0);
      expect(result.out).toContain('FOUND');
      expect(result.out).toMatch(/absorbed {5}\$\.body\.temperature {2}0\.3 → 0\.300001/);
      expect(result.out).toContain('Not in the input, taken from each recording: method and URL');
    });
  });

  it('--hash with --test-id, and --failure from stdin', async () => {
    await withTempDir(async (dir) => {
      await smallFolder(dir);
      const byHash = await run(['.', '--hash', '5527813af22f75ce6e14d68662373a462c79a2514ba561617e075efce5ff7938', '--test-id', FILTER_BY_CATEGORY, '--json'], dir);
      expect(byHash.code).toBe(0);
      expect((JSON.parse(byHash.out) as WhyReport).candidates.filter((c) => c.tier === 'exact').map((c) => path.basename(c.path)).sort()).toEqual([
        '7a21dd1732664f785ed4a0292de82013962f00a064c5baa1a34f92ef72e67046.json',
        'b615a3e10275f75dfb8da3474c2cbca56862f4a5d67c1b3887c45a80c0fd6bae.json',
      ]);
      const unknown = await run(['.', '--failure', '-'], dir, FAILURE.replace('5527813a', '0000000a'));
      expect(unknown.code).toBe(1);
      expect(unknown.out).toContain('NOT FOUND');
      expect(unknown.out).toContain('Paste the request body');
    });
  });

  it('usage errors exit 2', async () => {
    await withTempDir(async (dir) => {
      await writeFile(path.join(dir, 'bad.json'), '{"a": ');
      const cases: Array<[string[], RegExp]> = [
        [[], /exactly one recordings folder/],
        [['.'], /--hash <hash>, --request <file> or --failure/],
        [['.', '--hash', 'xyz'], /64- or 12-hex/],
        [['.', '--hash', 'ab'.repeat(32), '--limit', '0'], /--limit must be a positive integer/],
        [['.', '--request', 'bad.json'], /not valid JSON/],
        [['.', '--request', 'missing.json'], /cannot read the request/],
        [['missing-dir', '--hash', 'ab'.repeat(32)], /is not a folder/],
        [['.', '--bogus'], /Unknown option/],
        [['.', '--hash', 'ab'.repeat(32), '--profile', 'nope'], /unknown profile/],
      ];
      for (const [argv, message] of cases) {
        const r = await run(argv, dir);
        expect(r.code, argv.join(' ')).toBe(2);
        expect(r.err).toMatch(message);
      }
    });
  });

  it('loadRequests reads request parts losslessly and skips what is not a recording', async () => {
    await withTempDir(async (dir) => {
      await smallFolder(dir);
      const skipped: string[] = [];
      const entries = await loadRequests(dir, (rel) => skipped.push(rel));
      expect(entries.map((e) => path.basename(e.path)).length).toBe(5);
      expect(skipped).toEqual(['llama-stack/responses/recordings/broken.json']);
    });
  });
});
