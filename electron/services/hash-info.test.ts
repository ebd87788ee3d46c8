import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJson } from '../../shared/json/lossless-json';
import type { JsonObject } from '../../shared/json/json-value';
import { classifyHash } from '../../shared/hash/request-hash';
import { checkRecording, hashStatusProblems } from '../../shared/hash/record-checks';
import { corpusDir, listCorpusJson } from '../test-support/corpus';
import { hashRecord, verifyRecording } from './hash-info';

describe('index verification (request-only lossless parse)', () => {
  it('gives exactly the verdict of a full lossless parse for every corpus file', async () => {
    let lean = 0;
    for (const file of await listCorpusJson()) {
      const text = await readFile(path.join(corpusDir, file), 'utf8');
      const plain = JSON.parse(text);
      const full = parseJson(text);
      const status = classifyHash(file, full);
      const expected = [...checkRecording(file, full), ...hashStatusProblems(status)];
      const verdict = verifyRecording(file, text, plain);
      expect(verdict.hash?.status, file).toBe(status.status);
      expect(verdict.hash?.expectedName, file).toBe(status.expectedName);
      expect(verdict.problems, file).toEqual(expected);
      const record = hashRecord(text, plain, path.posix.basename(file));
      if ((record as JsonObject).entries.every(([k]) => k !== 'response')) lean++;
    }
    // The fast path is the common one (model lists are parsed whole for their digest).
    expect(lean).toBeGreaterThan(200);
  });

  it('falls back to the full parse when the text is not in canonical layout', () => {
    // One-space indent: a nested "response" key sits where a top-level key would in canonical files.
    const text = '{\n "test_id": null,\n "request": {\n  "response": "nested",\n  "method": "POST", "url": "http://x/api/ps", "headers": {}, "body": {"t": 0.0}, "endpoint": "/api/ps", "model": ""\n },\n "response": {"body": null, "is_streaming": false}\n}';
    const record = hashRecord(text, JSON.parse(text), 'x.json');
    expect((record as JsonObject).entries.map(([k]) => k)).toEqual(['test_id', 'request', 'response']);
  });
});
