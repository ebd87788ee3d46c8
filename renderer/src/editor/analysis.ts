/**
 * What the editor knows about its current text, recomputed (debounced) as the person types: does it
 * parse (with the same number-preserving parser the save uses), the app's own problems, where the
 * recorder will look for it, and whether the edit touched what the file name is made of.
 */
import type { HashStatus } from '../../../shared/hash/request-hash';
import { checkRecording, hashStatusProblems, type Problem } from '../../../shared/hash/record-checks';
import { get, jsonEquals, type JsonValue } from '../../../shared/json/json-value';
import { tryParseJson } from '../../../shared/json/lossless-json';
import { expectedLocation, normaliseResponse, type ExpectedLocation, type TextFix } from './quick-fixes';

export interface ParseFailure {
  message: string;
  offset: number;
  line: number;
  column: number;
}

export interface Analysis {
  value: JsonValue | null;
  parseError: ParseFailure | null;
  /** checkRecording problems plus the hash-name problems, as the Hash & problems tab lists them. */
  problems: Problem[];
  hash: HashStatus | null;
  location: ExpectedLocation | null;
  /** request or test_id differ from the text as loaded: the name (and folder) may have to change. */
  requestChanged: boolean;
  /** Quick fixes that change the text, each with its label. */
  textFixes: Array<{ fix: TextFix; label: string }>;
}

/**
 * `loaded` is the text's base (what is on disk); `anchorTestId` the test_id that placed the file where it is
 * (by default the base's), which tells where the suite folders are inside the opened folder.
 */
export function analyse(relPath: string, text: string, loaded: JsonValue | null, anchorTestId?: string | null): Analysis {
  const parsed = tryParseJson(text);
  if (!parsed.ok) {
    const e = parsed.error;
    return {
      value: null,
      parseError: { message: e.reason, offset: e.offset, line: e.line, column: e.column },
      problems: [],
      hash: null,
      location: null,
      requestChanged: false,
      textFixes: [],
    };
  }
  const value = parsed.value;
  const location = expectedLocation(relPath, value, anchorTestId !== undefined ? anchorTestId : testIdOf(loaded));
  const problems = [...checkRecording(relPath, value), ...hashStatusProblems(location.hash)];
  const requestChanged =
    loaded !== null &&
    (!sameValue(get(value, 'request'), get(loaded, 'request')) || !sameValue(get(value, 'test_id'), get(loaded, 'test_id')));

  const textFixes: Analysis['textFixes'] = [];
  if (normaliseResponse(value).changes > 0) {
    textFixes.push({ fix: { kind: 'normalise' }, label: 'Normalise response ids and created' });
  }
  const secretPaths = new Set<string>();
  for (const p of problems) {
    if (p.code === 'secret-in-request' && p.path !== undefined && !secretPaths.has(p.path) && secretPaths.size < 5) {
      secretPaths.add(p.path);
      textFixes.push({ fix: { kind: 'remove-secret', path: p.path }, label: `Remove secret at ${p.path}` });
    }
  }
  return { value, parseError: null, problems, hash: location.hash, location, requestChanged, textFixes };
}

function sameValue(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return jsonEquals(a, b);
}

/** The test_id of a recording when it is a string or null (the two values the recorder writes). */
export function testIdOf(record: JsonValue | null): string | null | undefined {
  if (record === null) return undefined;
  const t = get(record, 'test_id');
  return t === null || typeof t === 'string' ? t : undefined;
}
