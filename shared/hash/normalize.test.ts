import { describe, expect, it } from 'vitest';
import { parseJson } from '../json/lossless-json';
import { dumpsSorted } from '../json/python-json';
import { normalizeString, normalizeValue } from './normalize';
import { pythonUrlParse } from './python-url';

describe('normalizeString', () => {
  it('reproduces the spec §5.1 example', () => {
    const s =
      "[1] document_id: c735d063-1a2b-4c5d-8e9f-3e872310faeb, score: 0.0027001348913823606, attributes: {'filename': 'eu.txt'} cite as <|c735d063-1a2b-4c5d-8e9f-3e872310faeb|>\nrate 3.14159265";
    expect(normalizeString(s, 'head')).toBe('[1] document_id: __NORMALIZED__, score: __NORMALIZED__ cite as <|__NORMALIZED__|>\nrate 3.14159');
  });

  it('rule sets of the historical profiles', () => {
    const s = 'document_id: file-123, score: 1.5 <|file-7|> <|c735d063-1a2b-4c5d-8e9f-3e872310faeb|> x 2.000049';
    expect(normalizeString(s, 'none')).toBe(s);
    expect(normalizeString(s, 'numeric')).toBe('document_id: file-123, score: 1.5 <|file-7|> <|c735d063-1a2b-4c5d-8e9f-3e872310faeb|> x 2.00005');
    expect(normalizeString(s, 'fs-A')).toBe('document_id: file-123, score: __NORMALIZED__ <|file-7|> <|c735d063-1a2b-4c5d-8e9f-3e872310faeb|> x 2.00005');
    expect(normalizeString(s, 'fs-B')).toBe('document_id: __NORMALIZED__, score: __NORMALIZED__ <|__NORMALIZED__|> <|c735d063-1a2b-4c5d-8e9f-3e872310faeb|> x 2.00005');
  });

  it('uses Python \\s and \\d: U+0085 / U+001C are whitespace, U+FEFF is not; any Nd digit counts', () => {
    expect(normalizeString('score:\u0085\u001c1', 'head')).toBe('score: __NORMALIZED__');
    expect(normalizeString('score:\ufeff1', 'head')).toBe('score:\ufeff1');
    expect(normalizeString('v=١٢.٣٤٥٦٧٨', 'numeric')).toBe('v=12.34568');
    expect(normalizeString('v=𝟏𝟐.𝟑𝟒𝟓𝟔𝟕', 'numeric')).toBe('v=12.34567'); // non-BMP mathematical digits
    // exact binary value decides: 0.000005 is just above the tie, 0.015625 is an exact tie (to even)
    expect(normalizeString('-0.000001 and 0.0000050 and 0.0156250', 'numeric')).toBe('-0.00000 and 0.00001 and 0.01562');
  });
});

describe('normalizeValue', () => {
  const body = parseJson('{"a": [0.015625, 1, 1.0, "pi 3.14159265"], "stream_options": {"x": 1e-06}, "extra_body": {"project_id": "p", "k": 2.000004}, "extra_query": "s"}');
  const opts = { roundFloats: true, strings: 'head' as const, root: { bedrockStreamOptions: true, extraProjectId: true }, bedrock: false };

  it('rounds floats, keeps ints, rewrites strings, drops extra_body.project_id at the root', () => {
    expect(dumpsSorted(normalizeValue(body, opts))).toBe('{"a": [0.01562, 1, 1.0, "pi 3.14159"], "extra_body": {"k": 2.0}, "extra_query": "s", "stream_options": {"x": 0.0}}');
  });
  it('drops stream_options only for Bedrock, and only with the rule in force', () => {
    expect(dumpsSorted(normalizeValue(body, { ...opts, bedrock: true }))).not.toContain('stream_options');
    expect(dumpsSorted(normalizeValue(body, { ...opts, bedrock: true, root: { bedrockStreamOptions: false, extraProjectId: false } }))).toContain('"project_id": "p"');
  });
  it('never touches keys and leaves the input unchanged', () => {
    const v = parseJson('{"score: 1.23456": {"project_id": 0.123456}}');
    expect(dumpsSorted(normalizeValue(v, opts))).toBe('{"score: 1.23456": {"project_id": 0.12346}}');
    expect(dumpsSorted(v)).toBe('{"score: 1.23456": {"project_id": 0.123456}}');
  });
});

describe('pythonUrlParse', () => {
  it.each([
    ['http://0.0.0.0:11434/v1/v1/chat/completions', '0.0.0.0:11434', '/v1/v1/chat/completions'],
    ['__databricks__/serving-endpoints/v1/chat/completions', '', '__databricks__/serving-endpoints/v1/chat/completions'],
    ['vertexai:///generate_content', '', '/generate_content'],
    ['https://bedrock-runtime.us-west-2.amazonaws.com/openai/v1/v1/chat/completions?x=1#f', 'bedrock-runtime.us-west-2.amazonaws.com', '/openai/v1/v1/chat/completions'],
    ['http://a/b;c/d;e', 'a', '/b;c/d'],
  ])('%s', (url, netloc, path) => {
    const p = pythonUrlParse(url);
    expect([p.netloc, p.path]).toEqual([netloc, path]);
  });
});
