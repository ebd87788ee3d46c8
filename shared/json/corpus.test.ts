// Every corpus file must survive parse -> writeRecordingJson byte for byte (spec §7).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseJson } from './lossless-json';
import { writeRecordingJson } from './python-json';

const CORPUS = resolve(fileURLToPath(import.meta.url), '../../../../shared/corpus');

function listJson(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listJson(p));
    else if (name.endsWith('.json')) out.push(p);
  }
  return out.sort();
}

describe('corpus round trip', () => {
  const files = listJson(CORPUS);
  const texts = files.map((f) => readFileSync(f, 'utf8'));

  it('finds all 265 recordings', () => expect(files.length).toBe(265));

  it('parse -> writeRecordingJson reproduces every file exactly', () => {
    let parseMs = 0;
    let writeMs = 0;
    const different: string[] = [];
    for (let i = 0; i < files.length; i++) {
      const t0 = performance.now();
      const v = parseJson(texts[i]!);
      const t1 = performance.now();
      const out = writeRecordingJson(v);
      writeMs += performance.now() - t1;
      parseMs += t1 - t0;
      if (out !== texts[i]) different.push(relative(CORPUS, files[i]!));
    }
    const mb = texts.reduce((n, t) => n + t.length, 0) / 1e6;
    console.log(`corpus: ${files.length} files, ${mb.toFixed(1)} MB; parse ${parseMs.toFixed(0)} ms, write ${writeMs.toFixed(0)} ms`);
    expect(different).toEqual([]);
  });

  it('parses the largest file (~1 MB) quickly', () => {
    const i = texts.reduce((best, t, k) => (t.length > texts[best]!.length ? k : best), 0);
    parseJson(texts[i]!); // warm-up
    const t0 = performance.now();
    const runs = 5;
    for (let k = 0; k < runs; k++) parseJson(texts[i]!);
    const ms = (performance.now() - t0) / runs;
    console.log(`largest file ${(texts[i]!.length / 1e6).toFixed(2)} MB parses in ${ms.toFixed(1)} ms`);
    expect(ms).toBeLessThan(100); // generous: a few ms expected, CI machines vary
  });
});
