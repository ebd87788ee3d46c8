import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkRecordingText } from '../../../shared/hash/record-checks';
import { getPath, isJsonObject, jsonEquals, type JsonValue } from '../../../shared/json/json-value';
import { parseJson } from '../../../shared/json/lossless-json';
import { locateJsonPath, offsetToPosition, parseJsonPath, skipValue } from './json-path';

const corpusDir = fileURLToPath(new URL('../../../../shared/corpus', import.meta.url));
const readCorpus = (rel: string): string => readFileSync(`${corpusDir}/${rel}`, 'utf8');

const STREAM = 'llama-stack/responses/recordings/39cb6a0b7caf461718605ddb92021e3274bb3b197307a687763cf2c2d8e984d1.json';
const SMALL = 'llama-stack/responses/recordings/b1036e5056c5cf7e2e4dddb8665503b611491ecfed13de294abfa8d3c3e2a410.json';

describe('parseJsonPath', () => {
  it('reads dotted keys, indexes and quoted keys', () => {
    expect(parseJsonPath('$')).toEqual([]);
    expect(parseJsonPath('$.request.body.messages[0].content')).toEqual(['request', 'body', 'messages', 0, 'content']);
    expect(parseJsonPath('$.response.body[12].__data__.id')).toEqual(['response', 'body', 12, '__data__', 'id']);
    expect(parseJsonPath('$.a["odd key"]["x\\"y"][3]')).toEqual(['a', 'odd key', 'x"y', 3]);
  });
  it('refuses malformed paths', () => {
    expect(parseJsonPath('request.body')).toBeNull();
    expect(parseJsonPath('$.')).toBeNull();
    expect(parseJsonPath('$[x]')).toBeNull();
    expect(parseJsonPath('$["open')).toBeNull();
  });
});

describe('locateJsonPath', () => {
  const text = '{\n  "a b": {\n    "c": [\n      1,\n      {\n        "d": "x\\"}]"\n      }\n    ]\n  },\n  "e": -1.5e3\n}\n';

  it('finds values by key and index, also behind tricky strings', () => {
    const loc = locateJsonPath(text, '$["a b"].c[1].d')!;
    expect(loc.found).toBe(true);
    expect(text.slice(loc.start, loc.end)).toBe('"x\\"}]"');
    expect(text.slice(loc.keyStart!, loc.keyStart! + 3)).toBe('"d"');
    const e = locateJsonPath(text, '$.e')!;
    expect(text.slice(e.start, e.end)).toBe('-1.5e3');
    expect(text.slice(locateJsonPath(text, '$["a b"].c[0]')!.start, locateJsonPath(text, '$["a b"].c[0]')!.end)).toBe('1');
  });

  it('gives the nearest existing ancestor when a step is missing', () => {
    const loc = locateJsonPath(text, '$["a b"].c[7].z')!;
    expect(loc.found).toBe(false);
    expect(text.slice(loc.start, loc.start + 1)).toBe('[');
    const root = locateJsonPath(text, '$.nope')!;
    expect(root).toMatchObject({ start: 0, found: false });
  });

  it('follows Python dict semantics for a repeated key (last value wins)', () => {
    const dup = '{"k": 1, "k": 2}';
    const loc = locateJsonPath(dup, '$.k')!;
    expect(dup.slice(loc.start, loc.end)).toBe('2');
  });

  it('still finds a value before a syntax error further down', () => {
    const broken = '{\n  "request": {"body": {"messages": [{"content": "hi"}]}},\n  "response": {"body": [1, 2,\n';
    const loc = locateJsonPath(broken, '$.request.body.messages[0].content')!;
    expect(loc.found).toBe(true);
    expect(broken.slice(loc.start, loc.end)).toBe('"hi"');
    expect(locateJsonPath('', '$.a')).toBeNull();
  });

  it('lands exactly on every value of a real recording', () => {
    for (const rel of [STREAM, SMALL]) {
      const src = readCorpus(rel);
      const root = parseJson(src);
      const paths: Array<[string, JsonValue]> = [];
      const work: Array<[JsonValue, string]> = [[root, '$']];
      while (work.length > 0 && paths.length < 3000) {
        const [v, p] = work.pop()!;
        paths.push([p, v]);
        if (Array.isArray(v)) v.forEach((x, i) => work.push([x, `${p}[${i}]`]));
        else if (isJsonObject(v)) for (const [k, x] of v.entries) work.push([x, /^[A-Za-z_$][\w$]*$/.test(k) ? `${p}.${k}` : `${p}[${JSON.stringify(k)}]`]);
      }
      for (const [p, v] of paths) {
        const loc = locateJsonPath(src, p);
        expect(loc?.found, p).toBe(true);
        expect(jsonEquals(parseJson(src.slice(loc!.start, loc!.end)), v), p).toBe(true);
      }
    }
  });

  it('locates the paths the app reports as problems', () => {
    const src = readCorpus(STREAM).replace('"messages": [', '"api_key": "sk-proj-abcdefghijklmnopqrstuvwxyz012345",\n      "messages": [');
    const { problems, value } = checkRecordingText('x/recordings/a.json', src);
    const secret = problems.find((p) => p.code === 'secret-in-request')!;
    expect(secret.path).toBe('$.request.body.api_key');
    const loc = locateJsonPath(src, secret.path!)!;
    expect(src.slice(loc.start, loc.end)).toBe('"sk-proj-abcdefghijklmnopqrstuvwxyz012345"');
    expect(getPath(value!, 'request', 'body', 'api_key')).toBe('sk-proj-abcdefghijklmnopqrstuvwxyz012345');
  });
});

describe('skipValue and offsetToPosition', () => {
  it('skips every kind of value', () => {
    expect(skipValue('  true, 1', 0)).toBe(6);
    expect(skipValue('[1, [2, "]"]] x', 0)).toBe(13);
    expect(skipValue('"unterminated', 0)).toBe(-1);
    expect(skipValue('{"a": [}', 0)).toBe(-1);
  });
  it('maps offsets to 1-based lines and columns', () => {
    const t = 'ab\ncd\n\nef';
    expect(offsetToPosition(t, 0)).toEqual({ lineNumber: 1, column: 1 });
    expect(offsetToPosition(t, 2)).toEqual({ lineNumber: 1, column: 3 });
    expect(offsetToPosition(t, 3)).toEqual({ lineNumber: 2, column: 1 });
    expect(offsetToPosition(t, 7)).toEqual({ lineNumber: 4, column: 1 });
    expect(offsetToPosition(t, 99)).toEqual({ lineNumber: 4, column: 3 });
  });
});
