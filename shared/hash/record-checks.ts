/**
 * Per-file problems that need only the file content and its relative path (spec §9 validation
 * levels, §1 directory rule, §6.1 response normalisation). Hash-name checks live in
 * request-hash.ts; `hashStatusProblems` turns a HashStatus into problems of the same shape.
 *
 * Severity follows §9: error = file unusable; warning = will misbehave at replay or leaks data;
 * info = worth knowing, normal in old files.
 */
import { parseJson, JsonParseError } from '../json/lossless-json';
import { get, isJsonObject, toPlain, type JsonObject, type JsonValue } from '../json/json-value';
import { storedIdMapping } from './id-mapping';
import { parseRecordingName, requestKind, type HashStatus } from './request-hash';

// One problem shape for the whole app (the model's structural checks and these content checks).
export type { Problem, Severity } from '../recording-model';
import type { Problem } from '../recording-model';

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return IDENT.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

/** Parse and check file text; a parse failure is the only problem reported then. */
export function checkRecordingText(relativePath: string, text: string): { value: JsonValue | null; problems: Problem[] } {
  let value: JsonValue;
  try {
    value = parseJson(text);
  } catch (e) {
    if (!(e instanceof JsonParseError)) throw e;
    return { value: null, problems: [{ code: 'not-json', severity: 'error', message: `Not valid JSON: ${e.message}.` }] };
  }
  return { value, problems: checkRecording(relativePath, value) };
}

/**
 * Directory the recorder puts a file in (§1), relative to the repository root:
 * `<dir of the test file>/recordings` from test_id, `tests/integration/common/recordings` for null.
 */
export function expectedRecordingDir(testId: string | null): string {
  if (testId === null) return 'tests/integration/common/recordings';
  const file = testId.split('::')[0]!;
  const slash = file.lastIndexOf('/');
  return (slash >= 0 ? file.slice(0, slash + 1) : '') + 'recordings';
}

/** Segments after `tests/integration/` (the suite part), e.g. ['providers', 'nvidia', 'recordings']. */
function suiteSegments(dir: string): string[] {
  const segs = dir.split('/').filter((s) => s !== '');
  const i = segs.findIndex((s, k) => s === 'tests' && segs[k + 1] === 'integration');
  return i >= 0 ? segs.slice(i + 2) : segs;
}

/**
 * Tolerant directory comparison: the opened folder may be the repo, `tests/integration`, a suite,
 * or a copy with a different prefix, so only the trailing `<suite>/recordings` part is compared:
 * the file's directories must end with it, or (when opened below the suite) be a suffix of it.
 */
export function isInExpectedDir(relativePath: string, testId: string | null): boolean {
  const dirs = relativePath.split(/[\\/]/).filter((s) => s !== '' && s !== '.');
  dirs.pop();
  const want = suiteSegments(expectedRecordingDir(testId));
  if (dirs.length >= want.length) return want.every((s, k) => dirs[dirs.length - want.length + k] === s);
  return dirs.every((s, k) => want[want.length - dirs.length + k] === s);
}

// ---------------------------------------------------------------------------------------------

const SECRET_VALUE_PATTERNS: Array<[RegExp, string]> = [
  [/\bsk-(?:proj-|ant-|svcacct-)?[A-Za-z0-9_-]{20,}/, 'an API key (sk-…)'],
  [/\bBearer\s+[A-Za-z0-9._~+/=-]{16,}/i, 'a Bearer token'],
  [/\bAKIA[0-9A-Z]{16}\b/, 'an AWS access key id'],
  [/\bAIza[0-9A-Za-z_-]{35}\b/, 'a Google API key'],
  [/\bgh[pousr]_[A-Za-z0-9]{36,}\b/, 'a GitHub token'],
  [/\bhf_[A-Za-z0-9]{30,}\b/, 'a Hugging Face token'],
  [/\btvly-[A-Za-z0-9-]{20,}\b/, 'a Tavily API key'],
  [/\bxox[baprs]-[A-Za-z0-9-]{10,}/, 'a Slack token'],
  [/[?&](?:key|api_key|apikey|access_token|token)=[^&\s"]{8,}/i, 'a credential in a URL query'],
];
const SECRET_KEY = /^(?:authorization|proxy-authorization|x-api-key|x-goog-api-key|api[-_]?key|apikey|access[-_]?token|refresh[-_]?token|client[-_]?secret|secret[-_]?key|password|cookie|set-cookie)$/i;
const PLACEHOLDER = /^(?:|\*+|x+|none|null|fake.*|dummy.*|test.*|placeholder.*|redacted.*|<.*>|\$\{.*\}|not[-_ ]?needed.*)$/i;

/** Every SECRET_VALUE_PATTERNS match contains one of these: one scan rules out nearly every string. */
const SECRET_HINT = /sk-|bearer|akia|aiza|gh[pousr]_|hf_|tvly-|xox|=/i;

/** A JSON path built only when a problem needs it (most strings have none). */
interface PathNode {
  parent: PathNode | null;
  key: string | number;
}
function pathText(node: PathNode | null): string {
  const keys: Array<string | number> = [];
  for (let n = node; n !== null; n = n.parent) keys.push(n.key);
  let out = '$.request';
  for (let i = keys.length - 1; i >= 0; i--) out = childPath(out, keys[i]!);
  return out;
}

/** Strings in the request that look like credentials (keys by name, values by shape). */
function secretProblems(request: JsonValue): Problem[] {
  const out: Problem[] = [];
  const work: Array<[JsonValue, PathNode | null, string | null]> = [[request, null, null]];
  while (work.length > 0 && out.length < 20) {
    const [v, at, key] = work.pop()!;
    if (typeof v === 'string') {
      if (key !== null && SECRET_KEY.test(key) && !PLACEHOLDER.test(v.trim())) {
        out.push({ code: 'secret-in-request', severity: 'warning', path: pathText(at), message: `"${key}" holds a value that looks like a real credential; recordings are committed to git.` });
        continue;
      }
      if (!SECRET_HINT.test(v)) continue;
      for (const [re, what] of SECRET_VALUE_PATTERNS) {
        if (re.test(v)) {
          out.push({ code: 'secret-in-request', severity: 'warning', path: pathText(at), message: `This string contains what looks like ${what}; recordings are committed to git.` });
          break;
        }
      }
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) work.push([v[i]!, { parent: at, key: i }, null]);
    } else if (isJsonObject(v)) {
      for (let i = v.entries.length - 1; i >= 0; i--) {
        const [k, x] = v.entries[i]!;
        work.push([x, { parent: at, key: k }, k]);
      }
    }
  }
  return out;
}

// The response checks below read plain values (JSON.parse output): they need no number fidelity, and
// the indexer can then skip a lossless parse of the (large) response.
type Plain = unknown;
const isPlainObject = (v: Plain): v is Record<string, Plain> => typeof v === 'object' && v !== null && !Array.isArray(v);
const field = (v: Plain, key: string): Plain => (isPlainObject(v) ? v[key] : undefined);

/**
 * Typed objects that carry `__type__` but no `__data__`. The recorder writes typed wrappers only as the body
 * or as its list items (spec §4.1), so only those are looked at: no walk through megabytes of chunks.
 */
function typeWithoutData(response: Plain): Problem[] {
  const body = field(response, 'body');
  const items: Plain[] = Array.isArray(body) ? body : [body];
  const out: Problem[] = [];
  for (let i = 0; i < items.length && out.length < 20; i++) {
    const v = items[i];
    if (isPlainObject(v) && '__type__' in v && !('__data__' in v)) {
      out.push({ code: 'type-without-data', severity: 'warning', path: bodyItemPath(body, i), message: 'Object has "__type__" but no "__data__"; replay falls back to an empty/raw value.' });
    }
  }
  return out;
}

/** `$.response.body[i]` for a list body, `$.response.body` otherwise (made only when a problem needs it). */
function bodyItemPath(body: Plain, i: number): string {
  return Array.isArray(body) ? `$.response.body[${i}]` : '$.response.body';
}

const OLLAMA_DURATIONS = ['total_duration', 'load_duration', 'prompt_eval_duration', 'eval_duration'];
const EPOCH = '1970-01-01T00:00:00.000000Z';

/** §6.1: typed top-level objects should carry `rec-<hash[:12]>` ids, created 0, zeroed Ollama timings. */
function normalisationProblems(body: Plain, nameHash: string | null): Problem[] {
  const items: Plain[] = Array.isArray(body) ? body : body !== undefined ? [body] : [];
  const counts = new Map<string, { n: number; first: Problem }>();
  // The problem is built for the first object of its kind only; later ones are counted.
  const note = (code: string, make: (code: string) => Problem): void => {
    const c = counts.get(code);
    if (c === undefined) counts.set(code, { n: 1, first: make(code) });
    else c.n++;
  };
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const data = field(item, '__data__');
    if (field(item, '__type__') === undefined || !isPlainObject(data)) continue;
    if (data.object === 'model') continue;
    const dpath = (): string => `${bodyItemPath(body, i)}.__data__`;
    const id = data.id;
    if (typeof id === 'string') {
      if (!id.startsWith('rec-')) {
        note('response-id-not-normalized', (code) => ({ code, severity: 'info', path: `${dpath()}.id`, message: `Response id "${id}" is the provider's, not "rec-<hash[:12]>" (§6.1).` }));
      } else if (nameHash !== null && id !== `rec-${nameHash.slice(0, 12)}`) {
        note('response-id-other-hash', (code) => ({ code, severity: 'info', path: `${dpath()}.id`, message: `Response id "${id}" belongs to another request hash than this file's name (renamed or copied file).` }));
      }
    }
    const created = data.created;
    if (created !== undefined && created !== null && created !== 0) {
      note('response-created-not-normalized', (code) => ({ code, severity: 'info', path: `${dpath()}.created`, message: 'Response "created" is a real timestamp, not 0 (§6.1).' }));
    }
    const createdAt = data.created_at;
    if (typeof createdAt === 'string' && createdAt !== EPOCH) {
      note('response-created-at-not-normalized', (code) => ({ code, severity: 'info', path: `${dpath()}.created_at`, message: `Ollama "created_at" is "${createdAt}", not "${EPOCH}" (§6.1).` }));
    }
    for (const k of OLLAMA_DURATIONS) {
      const d = data[k];
      if (d !== undefined && d !== null && d !== 0) {
        note('response-duration-not-normalized', (code) => ({ code, severity: 'info', path: `${dpath()}.${k}`, message: `Ollama "${k}" is not 0 (§6.1).` }));
      }
    }
  }
  // one problem per kind, with a count, so a 1,400-chunk stream does not produce 1,400 lines
  return [...counts.values()].map(({ n, first }) => (n > 1 ? { ...first, message: `${first.message} (${n} objects)` } : first));
}

function looksLikeStreamItem(v: Plain): boolean {
  if (typeof v === 'string') return true; // SSE line
  const t = field(v, '__type__');
  if (typeof t === 'string' && /Chunk$/.test(t)) return true;
  const o = field(field(v, '__data__'), 'object');
  return typeof o === 'string' && o.endsWith('.chunk');
}

function streamingProblems(request: JsonValue | undefined, response: Record<string, Plain>): Problem[] {
  const out: Problem[] = [];
  const isStreaming = response.is_streaming;
  const body = response.body;
  if (isStreaming === undefined) return [{ code: 'is-streaming-missing', severity: 'warning', path: '$.response', message: 'response has no "is_streaming" flag.' }];
  if (typeof isStreaming !== 'boolean') return [{ code: 'is-streaming-invalid', severity: 'warning', path: '$.response.is_streaming', message: '"is_streaming" is not a boolean.' }];
  if (isStreaming && body !== null && !Array.isArray(body)) {
    out.push({ code: 'streaming-body-shape', severity: 'warning', path: '$.response.body', message: '"is_streaming" is true but the body is not a list of chunks.' });
  }
  if (!isStreaming && Array.isArray(body) && body.some(looksLikeStreamItem)) {
    out.push({ code: 'streaming-body-shape', severity: 'warning', path: '$.response.body', message: '"is_streaming" is false but the body is a list of stream chunks/lines.' });
  }
  const stream = get(get(request, 'body'), 'stream') ?? get(get(request, 'payload'), 'stream');
  if (typeof stream === 'boolean' && stream !== isStreaming && response.is_exception !== true) {
    out.push({ code: 'stream-flag-disagrees', severity: 'warning', path: '$.response.is_streaming', message: `The request asked for stream=${stream} but the response has is_streaming=${isStreaming}.` });
  }
  return out;
}

/**
 * All content/path problems of one parsed recording (hash-name checks excluded). `plainResponse` is
 * the response as JSON.parse gives it, when the caller has it (the indexer parses only the request
 * losslessly); otherwise it is derived from `record`.
 */
export function checkRecording(relativePath: string, record: JsonValue, plainResponse?: unknown): Problem[] {
  if (!isJsonObject(record)) return [{ code: 'not-an-object', severity: 'error', message: 'The top level is not a JSON object.' }];
  const out: Problem[] = [];
  const request = get(record, 'request');
  const response: Plain = plainResponse !== undefined ? plainResponse : toPlain(get(record, 'response') ?? null);
  if (plainResponse === undefined && get(record, 'response') === undefined) return checkWithoutResponse(relativePath, record);
  if (request === undefined) out.push({ code: 'request-missing', severity: 'error', message: 'No "request" key.' });
  else if (!isJsonObject(request)) out.push({ code: 'request-invalid', severity: 'error', path: '$.request', message: '"request" is not an object.' });
  if (!isPlainObject(response)) out.push({ code: 'response-invalid', severity: 'error', path: '$.response', message: '"response" is not an object.' });
  else if (!('body' in response)) out.push({ code: 'response-body-missing', severity: 'error', path: '$.response', message: 'response has no "body" key.' });

  const base = relativePath.split(/[\\/]/).pop() ?? relativePath;
  if (!base.endsWith('.json')) out.push({ code: 'not-json-name', severity: 'info', message: 'Only *.json files are recordings; the recorder ignores this file.' });

  // test_id and directory (§1)
  const testId = get(record, 'test_id');
  if (testId === undefined) {
    out.push({ code: 'test-id-missing', severity: 'info', message: 'No "test_id" (written before 2025-10-04); the directory cannot be checked.' });
  } else if (testId !== null && typeof testId !== 'string') {
    out.push({ code: 'test-id-invalid', severity: 'warning', path: '$.test_id', message: '"test_id" is neither a string nor null.' });
  } else if (!isInExpectedDir(relativePath, testId)) {
    const where = testId === null ? 'test_id is null, so the recorder writes and reads it in' : 'The test_id puts this recording in';
    out.push({ code: 'wrong-directory', severity: 'warning', path: '$.test_id', message: `${where} ${expectedRecordingDir(testId)}/; replay looks there and in common/recordings/, not here.` });
  }

  if (storedIdMapping(record).length > 0) {
    out.push({ code: 'id-mapping-non-empty', severity: 'info', path: '$.id_normalization_mapping', message: 'Non-empty id_normalization_mapping: the recorder replaces these ids when loading, so the hashed request differs from what is shown (§6.3).' });
  }

  if (isJsonObject(request)) {
    if (requestKind(request) === 'unknown') out.push({ code: 'request-kind-unknown', severity: 'warning', path: '$.request', message: 'The request matches none of the known kinds (inference, raw HTTP, tool, file processor).' });
    out.push(...secretProblems(request));
  }
  if (isPlainObject(response)) {
    out.push(...streamingProblems(request, response));
    out.push(...typeWithoutData(response));
    const kind = requestKind(request);
    if (kind === 'inference' || kind === 'tool' || kind === 'file-processor') {
      const name = parseRecordingName(base);
      out.push(...normalisationProblems(response.body, name?.hash ?? null));
    }
  }
  return out;
}

function checkWithoutResponse(relativePath: string, record: JsonObject): Problem[] {
  const rest = checkRecording(relativePath, record, {}).filter((p) => p.code !== 'response-body-missing' && !p.code.startsWith('is-streaming'));
  const at = rest.filter((p) => p.code.startsWith('request-')).length;
  return [...rest.slice(0, at), { code: 'response-missing', severity: 'error', message: 'No "response" key.' }, ...rest.slice(at)];
}

/** §9 problems implied by a hash classification. */
export function hashStatusProblems(s: HashStatus): Problem[] {
  const out: Problem[] = [];
  if (s.status === 'stale') out.push({ code: 'hash-stale', severity: 'info', message: s.explanation });
  else if (s.status === 'mismatch') out.push({ code: 'hash-mismatch', severity: 'warning', message: s.explanation });
  else if (s.status === 'unverifiable') out.push({ code: 'hash-unverifiable', severity: 'info', message: s.explanation });
  if (s.digestMismatch !== undefined) {
    out.push({ code: 'model-digest-mismatch', severity: 'warning', message: `The model-list digest in the name is ${s.digestMismatch.inName}, but the listed models give ${s.digestMismatch.expected}.` });
  }
  return out;
}
