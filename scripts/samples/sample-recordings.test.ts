import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listCorpusJson, repoRoot } from '../../electron/test-support/corpus';
import { summarizeBytes } from '../../electron/services/summarize-file';
import { buildTimeline, finalState } from '../../shared/stream';
import { buildSamples } from './sample-recordings';

const samplesDir = path.join(repoRoot, 'recordings');

describe('the sample recordings in ./recordings', () => {
  it('are exactly what scripts/make-samples.ts writes (run it after changing the samples)', async () => {
    const samples = buildSamples();
    expect((await listCorpusJson(samplesDir)).sort()).toEqual(samples.map((s) => s.path).sort());
    for (const sample of samples) expect(await readFile(path.join(samplesDir, sample.path), 'utf8'), sample.path).toBe(sample.text);
  });

  it('have current names, the right folders and no problems', () => {
    for (const sample of buildSamples()) {
      const bytes = new TextEncoder().encode(sample.text);
      const row = summarizeBytes(sample.path, bytes, bytes.length, 0);
      expect(row.hash?.status, sample.path).toBe('current');
      expect(row.problems, sample.path).toEqual([]);
    }
  });

  it('cover what the first screen should show', () => {
    const byWhat = new Map(buildSamples().map((s) => [s.what, JSON.parse(s.text)]));
    const final = (what: string) => finalState(buildTimeline(byWhat.get(what))).choices[0]!;
    expect(final('streamed plain answer').content).toMatch(/chunk by chunk/);
    const calls = final('streamed parallel tool calls, arguments in fragments').toolCalls;
    expect(calls.map((c) => [c.name, c.parsedArguments])).toEqual([['get_weather', { city: 'Paris', unit: 'celsius' }], ['get_weather', { city: 'Tokyo', unit: 'celsius' }]]);
    expect(final('file_search chain, turn 2: the answer with citations').content).toMatch(/<\|file-824569833174\|>.*<\|file-824569833175\|>/);
    expect(byWhat.get('recorded exception').response.is_exception).toBe(true);
    expect(byWhat.get('non-streaming chat completion').response.is_streaming).toBe(false);
  });
});
