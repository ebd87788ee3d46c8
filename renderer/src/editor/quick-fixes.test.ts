import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkRecording } from '../../../shared/hash/record-checks';
import { hashCandidates } from '../../../shared/hash/request-hash';
import { get, getPath, isJsonObject, set, type JsonValue } from '../../../shared/json/json-value';
import { parseJson } from '../../../shared/json/lossless-json';
import { writeRecordingJson } from '../../../shared/json/python-json';
import { analyse } from './analysis';
import { applyTextFix, EPOCH, expectedLocation, folderFor, normaliseResponse, redactString, REDACTED, removeSecret } from './quick-fixes';

const corpusDir = fileURLToPath(new URL('../../../../shared/corpus', import.meta.url));
const readCorpus = (rel: string): string => readFileSync(`${corpusDir}/${rel}`, 'utf8');

const SMALL = 'llama-stack/responses/recordings/b1036e5056c5cf7e2e4dddb8665503b611491ecfed13de294abfa8d3c3e2a410.json';
const STREAM = 'llama-stack/responses/recordings/39cb6a0b7caf461718605ddb92021e3274bb3b197307a687763cf2c2d8e984d1.json';
const MISPLACED = 'llama-stack/responses/recordings/02c93bb3c314427bae2b7a7a6f054792b9f22d2cb4522eab802810be8672d3dc.json';
const MODELS = 'llama-stack/common/recordings/models-64a2277c90f0f42576f60c1030e3a020403d34a95f56931b792d5939f4cebc57-298e8d39.json';
const TOOL = 'llama-stack/telemetry/recordings/e39dece6d1db2f7ca6fd1d8ad12ed21c2228205dcde8c32f71fb664e1fc56425.json';
const HTTP = 'llama-stack/interactions/recordings/ffeafb6fb9f6fe65959073ba7b2d3034a7a61aae188a8c52cda9cf38fe7f1f1b.json';
const FILE_PROCESSOR = 'llama-stack/responses/recordings/268e65efffed6ba43c3c66d97dddf134f48456bf3a9ac1ba5ecf38fe50c39044.json';

const NORMALISATION_CODES = /^response-(id|created|created-at|duration)-/;

/** Every typed top-level `__data__` of the response body. */
function dataObjects(record: JsonValue): JsonValue[] {
  const body = getPath(record, 'response', 'body');
  const items = Array.isArray(body) ? body : body ? [body] : [];
  return items.map((i) => get(i, '__data__')).filter((d): d is JsonValue => isJsonObject(d));
}

describe('normaliseResponse (spec §6.1)', () => {
  it('restores the recorder\'s own output byte for byte after provider ids and timestamps are put back', () => {
    for (const rel of [SMALL, STREAM]) {
      const original = readCorpus(rel);
      const record = parseJson(original);
      for (const [i, data] of dataObjects(record).entries()) {
        if (!isJsonObject(data)) continue;
        set(data, 'id', `chatcmpl-provider-${i}`);
        set(data, 'created', { kind: 'number', raw: '1746000000', isInteger: true });
      }
      const messy = writeRecordingJson(record);
      expect(messy).not.toBe(original);
      expect(checkRecording(rel, parseJson(messy)).some((p) => NORMALISATION_CODES.test(p.code))).toBe(true);
      const fixed = applyTextFix(messy, { kind: 'normalise' });
      expect(fixed).toBe(original);
      expect(checkRecording(rel, parseJson(fixed!)).some((p) => NORMALISATION_CODES.test(p.code))).toBe(false);
    }
  });

  it('uses rec-<current request hash[:12]>, e.g. after the request was edited', () => {
    const record = parseJson(readCorpus(SMALL));
    set(get(get(record, 'request'), 'body') as never, 'temperature', { kind: 'number', raw: '0.5', isInteger: false });
    const result = normaliseResponse(record);
    const hash = hashCandidates(record)[0]!.hash;
    expect(result.id).toBe(`rec-${hash.slice(0, 12)}`);
    expect(result.changes).toBe(1);
    expect(get(dataObjects(result.value)[0], 'id')).toBe(`rec-${hash.slice(0, 12)}`);
    // the input is not modified
    expect(get(dataObjects(record)[0], 'id')).toBe('rec-b1036e5056c5');
  });

  it('zeroes Ollama created_at and durations, and leaves nulls alone', () => {
    const record = parseJson(readCorpus(SMALL));
    const data = dataObjects(record)[0]!;
    if (!isJsonObject(data)) throw new Error('no data');
    set(data, 'created_at', '2025-10-01T12:00:00.123456Z');
    set(data, 'total_duration', { kind: 'number', raw: '123456789', isInteger: true });
    set(data, 'load_duration', null);
    set(data, 'eval_duration', { kind: 'number', raw: '0', isInteger: true });
    const out = dataObjects(normaliseResponse(record).value)[0];
    expect(get(out, 'created_at')).toBe(EPOCH);
    expect(get(out, 'total_duration')).toEqual({ kind: 'number', raw: '0', isInteger: true });
    expect(get(out, 'load_duration')).toBeNull();
    expect(normaliseResponse(record).changes).toBe(2);
  });

  it('leaves model lists, raw HTTP and already normalised files unchanged', () => {
    for (const rel of [MODELS, HTTP, SMALL, STREAM, TOOL]) {
      const text = readCorpus(rel);
      expect(applyTextFix(text, { kind: 'normalise' }), rel).toBeNull();
    }
  });
});

describe('removeSecret', () => {
  const withSecrets = (): { text: string; record: JsonValue } => {
    const record = parseJson(readCorpus(SMALL));
    const body = getPath(record, 'request', 'body');
    if (!isJsonObject(body)) throw new Error('no body');
    set(body, 'api_key', 'my-very-real-credential-value');
    const messages = get(body, 'messages') as JsonValue[];
    set(messages[0] as never, 'content', 'Use key sk-proj-ABCDEFGHIJKLMNOPQRSTUVWXYZ0123 to call https://x.test/?api_key=abcdefgh12345 please');
    return { text: writeRecordingJson(record), record };
  };

  it('redacts the flagged values so the check no longer fires, keeping the words around a key', () => {
    const { record } = withSecrets();
    const problems = checkRecording(SMALL, record).filter((p) => p.code === 'secret-in-request');
    expect(problems.map((p) => p.path).sort()).toEqual(['$.request.body.api_key', '$.request.body.messages[0].content']);
    let fixed: JsonValue = record;
    for (const p of problems) fixed = removeSecret(fixed, p.path!)!;
    expect(checkRecording(SMALL, fixed).filter((p) => p.code === 'secret-in-request')).toEqual([]);
    expect(getPath(fixed, 'request', 'body', 'api_key')).toBe(REDACTED);
    expect(getPath(fixed, 'request', 'body', 'messages', 0, 'content')).toBe(`Use key ${REDACTED} to call https://x.test/?api_key=*** please`);
    // the original tree is untouched
    expect(getPath(record, 'request', 'body', 'api_key')).toBe('my-very-real-credential-value');
  });

  it('offers one quick fix per flagged value and applies it as text', () => {
    const { text } = withSecrets();
    const a = analyse(SMALL, text, parseJson(text));
    const fixes = a.textFixes.filter((f) => f.fix.kind === 'remove-secret');
    expect(fixes.map((f) => f.label).sort()).toEqual(['Remove secret at $.request.body.api_key', 'Remove secret at $.request.body.messages[0].content']);
    const out = applyTextFix(text, fixes.find((f) => f.label.endsWith('api_key'))!.fix)!;
    expect(out).toBe(text.replace('"my-very-real-credential-value"', `"${REDACTED}"`));
  });

  it('refuses paths that do not name a string', () => {
    const record = parseJson(readCorpus(SMALL));
    expect(removeSecret(record, '$.request.body.messages')).toBeNull();
    expect(removeSecret(record, '$.request.nothing.here')).toBeNull();
    expect(removeSecret(record, 'bad path')).toBeNull();
    expect(redactString('Bearer abcdefghijklmnopqrstuvwxyz')).toBe(`Bearer ${REDACTED}`);
  });
});

describe('expected name and folder', () => {
  it('says nothing needs to change for a file where the recorder looks', () => {
    const loc = expectedLocation(SMALL, parseJson(readCorpus(SMALL)));
    expect(loc.hash.status).toBe('current');
    expect(loc).toMatchObject({ renameTo: null, moveTo: null, target: null, repoDir: 'tests/integration/responses/recordings', folder: 'llama-stack/responses/recordings' });
  });

  it('gives the new name after a request edit', () => {
    const text = readCorpus(SMALL).replace('"content": "Topic B discussion"', '"content": "Topic C discussion"');
    const record = parseJson(text);
    const name = `${hashCandidates(record)[0]!.hash}.json`;
    const loc = expectedLocation(SMALL, record);
    expect(loc.expectedName).toBe(name);
    expect(loc.renameTo).toBe(`llama-stack/responses/recordings/${name}`);
    expect(loc.moveTo).toBeNull();
    expect(loc.target).toBe(loc.renameTo);
    const a = analyse(SMALL, text, parseJson(readCorpus(SMALL)));
    expect(a.requestChanged).toBe(true);
    expect(analyse(SMALL, readCorpus(SMALL).replace('"severity": "safe"', '"severity": "low"'), parseJson(readCorpus(SMALL))).requestChanged).toBe(false);
  });

  it('gives the folder and name after a test_id edit, relative to the opened folder', () => {
    const text = readCorpus(SMALL).replace('"test_id": "tests/integration/responses/', '"test_id": "tests/integration/agents/');
    const record = parseJson(text);
    const name = `${hashCandidates(record)[0]!.hash}.json`;
    const loaded = parseJson(readCorpus(SMALL));
    const a = analyse(SMALL, text, loaded);
    expect(a.location).toMatchObject({ repoDir: 'tests/integration/agents/recordings', folder: 'llama-stack/agents/recordings', target: `llama-stack/agents/recordings/${name}` });
    // the same file opened from the repository root, from tests/integration, from its suite and from its folder
    const anchor = 'tests/integration/responses/test_compact_responses.py::x';
    expect(folderFor('tests/integration/responses/recordings/a.json', anchor, 'tests/integration/agents/test_a.py::t')).toBe('tests/integration/agents/recordings');
    expect(folderFor('responses/recordings/a.json', anchor, 'tests/integration/providers/nvidia/test_a.py::t')).toBe('providers/nvidia/recordings');
    expect(folderFor('recordings/a.json', anchor, 'tests/integration/responses/test_b.py::t')).toBe('recordings');
    expect(folderFor('recordings/a.json', anchor, 'tests/integration/agents/test_a.py::t')).toBeNull();
    expect(folderFor('a.json', anchor, 'tests/integration/responses/test_b.py::t')).toBe('');
    expect(folderFor('copy/x/recordings/a.json', anchor, null)).toBe('copy/common/recordings');
  });

  it('finds nested suites from where the file was when loaded, also after a save that did not move it', () => {
    const rel = 'llama-stack/providers/nvidia/recordings/994675a9a4b0456488a4e4bad002da9d93410810698946032c4aaf9584cfd3de.json';
    const original = readCorpus(rel);
    const loaded = parseJson(original);
    const edited = original.replace('"test_id": "tests/integration/providers/nvidia/', '"test_id": "tests/integration/agents/');
    expect(edited).not.toBe(original);
    const a = analyse(rel, edited, loaded);
    expect(a.location?.folder).toBe('llama-stack/agents/recordings');
    // saved without moving: the base now has the new test_id, the anchor is still the loaded one
    const saved = parseJson(edited);
    expect(analyse(rel, edited, saved, 'tests/integration/providers/nvidia/test_x.py::t').location?.folder).toBe('llama-stack/agents/recordings');
    // without it only the layout is left to go by, which cannot tell a nested suite
    expect(analyse(rel, edited, saved).location?.folder).toBe('llama-stack/providers/agents/recordings');
  });

  it('moves a file that sits outside the folder its test_id implies', () => {
    const record = parseJson(readCorpus(MISPLACED));
    const loc = expectedLocation(MISPLACED, record);
    const base = MISPLACED.split('/').pop()!;
    expect(loc.repoDir).toBe('tests/integration/common/recordings');
    expect(loc.folder).toBe('llama-stack/common/recordings');
    expect(loc.moveTo).toBe(`llama-stack/common/recordings/${base}`);
    expect(loc.renameTo).toBeNull();
    expect(loc.target).toBe(loc.moveTo);
  });

  it('proposes no folder without a test_id and no name for a file-processor call', () => {
    const record = parseJson(readCorpus(SMALL));
    if (!isJsonObject(record)) throw new Error('not an object');
    record.entries = record.entries.filter(([k]) => k !== 'test_id');
    const loc = expectedLocation(SMALL, record);
    expect(loc.repoDir).toBeNull();
    expect(loc.moveTo).toBeNull();
    const fp = expectedLocation(FILE_PROCESSOR, parseJson(readCorpus(FILE_PROCESSOR)));
    expect(fp.expectedName).toBe('');
    expect(fp.renameTo).toBeNull();
  });

  it('reports a parse failure with its line and column instead', () => {
    const a = analyse(SMALL, '{\n  "test_id": ,\n}', null);
    expect(a.parseError).toMatchObject({ line: 2, column: 14 });
    expect(a.location).toBeNull();
  });
});
