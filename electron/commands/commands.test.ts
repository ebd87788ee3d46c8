import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusDir, listCorpusJson, withTempDir } from '../test-support/corpus';
import { checkCommand, type CheckReport } from './check-command';
import { formatCommand } from './format-command';
import type { Command } from './registry';
import { showCommand } from './show-command';

async function run(command: Command, argv: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await command.run(argv, { out: (t) => { out += t; }, err: (t) => { err += t; }, cwd });
  return { code, out, err };
}

describe('format', () => {
  it('--check passes on every corpus file', async () => {
    const result = await run(formatCommand, [corpusDir, '--check'], corpusDir);
    const files = await listCorpusJson();
    expect(result.out.trim()).toBe(`0 of ${files.length} files not in canonical form`);
    expect(result.code).toBe(0);
  });

  it('--check fails on a re-indented copy and --write restores the original bytes', async () => {
    await withTempDir(async (dir) => {
      const source = path.join(corpusDir, 'llama-stack/responses/recordings/a3e1da36b2ead08e5e53aa5c8bd43f2ba03e75a4ba68e3580198ec73ee92ccf8.json');
      const original = await readFile(source, 'utf8');
      const file = path.join(dir, 'a3e1da36b2ead08e5e53aa5c8bd43f2ba03e75a4ba68e3580198ec73ee92ccf8.json');
      // Re-indent with 4 spaces, keeping every token as written (floats like -9.7e-05 stay exact).
      await writeFile(file, original.replace(/^( +)/gm, (m) => m + m));
      const check = await run(formatCommand, [file, '--check'], dir);
      expect(check.code).toBe(1);
      expect(check.out).toContain('1 of 1 files not in canonical form');
      const write = await run(formatCommand, [file, '--write'], dir);
      expect(write.code).toBe(0);
      expect(await readFile(file, 'utf8')).toBe(original);
      expect((await run(formatCommand, [file, '--check'], dir)).code).toBe(0);
    });
  });

  it('leaves files that are not JSON alone and says so', async () => {
    await withTempDir(async (dir) => {
      await writeFile(path.join(dir, 'bad.json'), '{"a": ');
      const result = await run(formatCommand, [dir, '--write'], dir);
      expect(result.code).toBe(1);
      expect(result.err).toMatch(/bad\.json: not formatted, it is not valid JSON/);
      expect(await readFile(path.join(dir, 'bad.json'), 'utf8')).toBe('{"a": ');
    });
  });
});

describe('check', () => {
  it('reports every corpus file with its hash status and exits 0 (no errors)', async () => {
    const result = await run(checkCommand, [corpusDir, '--json'], corpusDir);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out) as CheckReport;
    const files = await listCorpusJson();
    expect(report.files.map((f) => f.path)).toEqual(files);
    expect(report.summary.files).toBe(files.length);
    expect(report.summary.errors).toBe(0);
    const row = report.files.find((f) => f.path.endsWith('c0621f606dde3ce2556d86dfbe532c149176b6879e1bab81b8e11820b761eb9f.json'));
    if (row) expect(row.hash).toMatchObject({ status: 'current', algorithm: 'head-2026-04' });
    const stale = report.files.find((f) => f.path === 'llama-stack/responses/recordings/1e171766576921b1462c0773e012b63fbc42df98f9612af5eef7613e2b967900.json');
    expect(stale?.hash).toMatchObject({ status: 'stale', algorithm: 'floats-2025-11' });
    expect(stale?.hash?.expectedName).toMatch(/^[0-9a-f]{64}\.json$/);
    // Re-recordings of one request pile up: the same request recorded twice is reported.
    expect(report.files.some((f) => f.problems.some((p) => p.code === 'duplicate-request'))).toBe(true);
  });

  it('exits 1 when a file has errors, and flags secrets and wrong folders', async () => {
    await withTempDir(async (dir) => {
      await mkdir(path.join(dir, 'inference/recordings'), { recursive: true });
      const source = 'llama-stack/responses/recordings/b1036e5056c5cf7e2e4dddb8665503b611491ecfed13de294abfa8d3c3e2a410.json';
      await cp(path.join(corpusDir, source), path.join(dir, 'inference/recordings/b1036e5056c5cf7e2e4dddb8665503b611491ecfed13de294abfa8d3c3e2a410.json'));
      const record = JSON.parse(await readFile(path.join(corpusDir, source), 'utf8'));
      record.request.body.messages[0].content = 'my key is sk-proj-abcdefghijklmnopqrstuvwxyz0123456789';
      await writeFile(path.join(dir, 'inference/recordings/with-secret.json'), JSON.stringify(record, null, 2));
      await writeFile(path.join(dir, 'inference/recordings/broken.json'), '{"request": ');
      const result = await run(checkCommand, [dir, '--json'], dir);
      expect(result.code).toBe(1);
      const report = JSON.parse(result.out) as CheckReport;
      const codes = (name: string) => report.files.find((f) => f.path.endsWith(name))!.problems.map((p) => p.code);
      expect(codes('broken.json')).toEqual(['invalid-json']);
      expect(codes('with-secret.json')).toContain('secret-in-request');
      expect(codes('b1036e5056c5cf7e2e4dddb8665503b611491ecfed13de294abfa8d3c3e2a410.json')).toContain('wrong-directory');
      const text = await run(checkCommand, [dir], dir);
      expect(text.out).toMatch(/inference\/recordings\/broken\.json\n {2}error {3}invalid-json: Invalid JSON/);
    });
  });
});

describe('show', () => {
  it('prints one JSON object per file with request, hash and the reconstructed stream', async () => {
    const files = [
      'llama-stack/responses/recordings/39cb6a0b7caf461718605ddb92021e3274bb3b197307a687763cf2c2d8e984d1.json',
      'llama-stack/inference/recordings/28a43dc80443ccae98eee165c58522090fd6f0637031153b0105399093d39c52.json',
    ];
    const result = await run(showCommand, [...files, '--json'], corpusDir);
    expect(result.code).toBe(0);
    const lines = result.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ path: files[0], kind: 'chat', streaming: true, chunks: 13, hash: { status: 'current' } });
    expect(lines[0].stream.chunks).toBe(13);
    expect(lines[0].stream.final.toolCalls[0]).toMatchObject({ index: 0, id: 'call_toDXiP4WpUNQvvvLkTGEbQAr', name: 'knowledge_search' });
    expect(JSON.parse(lines[0].stream.final.toolCalls[0].arguments)).toHaveProperty('query');
    expect(lines[1]).toMatchObject({ kind: 'exception', exception: { type: expect.any(String) } });
  });
});
