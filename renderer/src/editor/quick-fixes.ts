/**
 * Pure pieces of the editor's quick fixes: where the recorder will look for a recording (name and
 * folder, spec §1 and §5), the §6.1 response normalisation, and removing a credential from the request.
 * Text fixes return the new file text in the canonical format (spec §7); the editor previews and applies
 * them as an undoable edit, never writing to disk on its own.
 */
import { expectedRecordingDir } from '../../../shared/hash/record-checks';
import { classifyHash, hashCandidates, requestKind, type HashStatus } from '../../../shared/hash/request-hash';
import { cloneJson, get, getPath, isJsonObject, jsonInt, set, type JsonValue } from '../../../shared/json/json-value';
import { tryParseJson } from '../../../shared/json/lossless-json';
import { writeRecordingJson } from '../../../shared/json/python-json';
import { parseJsonPath } from './json-path';

// ------------------------------------------------------------------------------------------------
// Expected name and folder

export interface ExpectedLocation {
  hash: HashStatus;
  /** File name the recorder computes today; '' when it cannot be computed from the file. */
  expectedName: string;
  /** Folder of the repository the recorder reads from (spec §1); null when the file has no test_id key. */
  repoDir: string | null;
  /** That folder inside the opened folder ('' = its top); null when it cannot be told or lies outside it. */
  folder: string | null;
  /** Same folder, expected name; null when already so named or no name can be computed. */
  renameTo: string | null;
  /** Expected folder, same name; null when already there or the folder is unknown. */
  moveTo: string | null;
  /** Expected folder and expected name (what "rename/move" does); null when the file is already there. */
  target: string | null;
}

const dirSegments = (relPath: string): string[] => {
  const segs = relPath.split(/[\\/]/).filter((s) => s !== '' && s !== '.');
  segs.pop();
  return segs;
};
const baseName = (relPath: string): string => relPath.split(/[\\/]/).pop() ?? relPath;
const joinPath = (...parts: string[]): string => parts.filter((p) => p !== '').join('/');

/** `tests/integration/<suite>/recordings` → `<suite>/recordings` (what a copied tree keeps). */
function suiteSegments(dir: string): string[] {
  const segs = dir.split('/').filter((s) => s !== '');
  const i = segs.findIndex((s, k) => s === 'tests' && segs[k + 1] === 'integration');
  return i >= 0 ? segs.slice(i + 2) : segs;
}

const endsWith = (a: string[], b: string[]): boolean => a.length >= b.length && b.every((s, k) => a[a.length - b.length + k] === s);

/**
 * The folder, relative to the opened folder, where a recording with `testId` belongs. The opened folder
 * can be the repository, `tests/integration`, a suite, or a copy with another prefix, so the place of the
 * file itself (placed by `anchorTestId`, normally the test_id it was loaded with) tells where the suites are.
 */
export function folderFor(relPath: string, anchorTestId: string | null | undefined, testId: string | null): string | null {
  const dirs = dirSegments(relPath);
  const want = suiteSegments(expectedRecordingDir(testId));
  if (anchorTestId !== undefined) {
    const anchor = suiteSegments(expectedRecordingDir(anchorTestId));
    if (endsWith(dirs, anchor)) return joinPath(...dirs.slice(0, dirs.length - anchor.length), ...want);
    if (dirs.length < anchor.length && endsWith(anchor, dirs)) {
      // opened below the suite: only targets inside the opened folder can be named
      const above = anchor.length - dirs.length;
      return anchor.slice(0, above).every((s, k) => want[k] === s) ? joinPath(...want.slice(above)) : null;
    }
  }
  // the file is not where its test_id says: find the suites' parent from the layout
  for (let i = dirs.length - 2; i >= 0; i--) {
    if (dirs[i] === 'tests' && dirs[i + 1] === 'integration') return joinPath(...dirs.slice(0, i + 2), ...want);
  }
  if (dirs.length >= 2 && dirs[dirs.length - 1] === 'recordings') return joinPath(...dirs.slice(0, dirs.length - 2), ...want);
  return null;
}

/** Where the recorder will look for `record` (saved at `relPath`), and what renaming/moving it takes. */
export function expectedLocation(relPath: string, record: JsonValue, anchorTestId?: string | null): ExpectedLocation {
  const hash = classifyHash(relPath, record);
  // file-processor names also hash options that are not in the file (§3.4): no name can be proposed
  const expectedName = hash.kind === 'file-processor' ? '' : hash.expectedName;
  const testId = get(record, 'test_id');
  const hasTestId = testId === null || typeof testId === 'string';
  const repoDir = hasTestId ? expectedRecordingDir(testId) : null;
  const anchor = anchorTestId !== undefined ? anchorTestId : hasTestId ? testId : undefined;
  const folder = hasTestId ? folderFor(relPath, anchor, testId) : null;
  const currentDir = dirSegments(relPath).join('/');
  const currentName = baseName(relPath);
  const renameTo = expectedName !== '' && expectedName !== currentName ? joinPath(currentDir, expectedName) : null;
  const moveTo = folder !== null && folder !== currentDir ? joinPath(folder, currentName) : null;
  const target = renameTo !== null || moveTo !== null ? joinPath(folder ?? currentDir, expectedName || currentName) : null;
  return { hash, expectedName, repoDir, folder, renameTo, moveTo, target };
}

// ------------------------------------------------------------------------------------------------
// §6.1 response normalisation

const OLLAMA_DURATIONS = ['total_duration', 'load_duration', 'prompt_eval_duration', 'eval_duration'];
export const EPOCH = '1970-01-01T00:00:00.000000Z';

export interface NormaliseResult {
  value: JsonValue;
  /** Number of values rewritten. */
  changes: number;
  /** The id every typed object now carries, e.g. rec-0123456789ab. */
  id: string | null;
}

const isZero = (v: JsonValue | undefined): boolean => typeof v === 'object' && v !== null && !Array.isArray(v) && v.kind === 'number' && Number(v.raw) === 0;

/**
 * What the recorder does when writing (spec §6.1), on a copy of `record`: for each typed object at the top
 * of the response body (each chunk of a stream) whose `__data__.object` is not "model": `id` →
 * `rec-<request hash[:12]>`, `created` → 0, Ollama `created_at` → the epoch and durations → 0.
 * Only for SDK-level kinds; raw HTTP and untyped bodies are left as received, as the recorder does.
 */
export function normaliseResponse(record: JsonValue): NormaliseResult {
  const copy = cloneJson(record);
  const kind = requestKind(get(copy, 'request'));
  if (kind !== 'inference' && kind !== 'tool' && kind !== 'file-processor') return { value: copy, changes: 0, id: null };
  const hash = hashCandidates(copy)[0]?.hash;
  const id = hash !== undefined ? `rec-${hash.slice(0, 12)}` : null;
  const body = get(get(copy, 'response'), 'body');
  const items = Array.isArray(body) ? body : body !== undefined && body !== null ? [body] : [];
  let changes = 0;
  for (const item of items) {
    const data = get(item, '__data__');
    if (get(item, '__type__') === undefined || !isJsonObject(data)) continue;
    if (get(data, 'object') === 'model') continue;
    const currentId = get(data, 'id');
    if (id !== null && typeof currentId === 'string' && currentId !== id) {
      set(data, 'id', id);
      changes++;
    }
    const created = get(data, 'created');
    if (created !== undefined && created !== null && !isZero(created)) {
      set(data, 'created', jsonInt(0));
      changes++;
    }
    const createdAt = get(data, 'created_at');
    if (typeof createdAt === 'string' && createdAt !== EPOCH) {
      set(data, 'created_at', EPOCH);
      changes++;
    }
    for (const k of OLLAMA_DURATIONS) {
      const d = get(data, k);
      if (d !== undefined && d !== null && !isZero(d)) {
        set(data, k, jsonInt(0));
        changes++;
      }
    }
  }
  return { value: copy, changes, id };
}

// ------------------------------------------------------------------------------------------------
// Secrets in the request

export const REDACTED = '<redacted>';

/** The credential shapes record-checks flags inside strings (kept in step with SECRET_VALUE_PATTERNS there). */
const SECRET_SHAPES: RegExp[] = [
  /\bsk-(?:proj-|ant-|svcacct-)?[A-Za-z0-9_-]{20,}/g,
  /\bBearer\s+[A-Za-z0-9._~+/=-]{16,}/gi,
  /\bAKIA[0-9A-Z]{16}\b/g,
  /\bAIza[0-9A-Za-z_-]{35}\b/g,
  /\bgh[pousr]_[A-Za-z0-9]{36,}\b/g,
  /\bhf_[A-Za-z0-9]{30,}\b/g,
  /\btvly-[A-Za-z0-9-]{20,}\b/g,
  /\bxox[baprs]-[A-Za-z0-9-]{10,}/g,
];
const QUERY_CREDENTIAL = /([?&](?:key|api_key|apikey|access_token|token)=)[^&\s"]{8,}/gi;

/** A string with every credential-shaped part replaced by <redacted>; the whole value when none is (a key named like a secret). */
export function redactString(value: string): string {
  let out = value;
  for (const re of SECRET_SHAPES) out = out.replace(re, (m) => (/^Bearer\s/i.test(m) ? `Bearer ${REDACTED}` : REDACTED));
  // short, so the query check (8+ characters) does not fire on the placeholder itself
  out = out.replace(QUERY_CREDENTIAL, (_m, prefix: string) => `${prefix}***`);
  return out === value ? REDACTED : out;
}

/** Copy of `record` with the string at `path` (a `$.request…` path from a secret-in-request problem) redacted; null when there is no string there. */
export function removeSecret(record: JsonValue, path: string): JsonValue | null {
  const segments = parseJsonPath(path);
  if (segments === null || segments.length === 0) return null;
  const copy = cloneJson(record);
  const parent = getPath(copy, ...segments.slice(0, -1));
  const last = segments[segments.length - 1]!;
  if (typeof last === 'number') {
    if (!Array.isArray(parent) || typeof parent[last] !== 'string') return null;
    parent[last] = redactString(parent[last]);
  } else {
    if (!isJsonObject(parent)) return null;
    const v = get(parent, last);
    if (typeof v !== 'string') return null;
    set(parent, last, redactString(v));
  }
  return copy;
}

// ------------------------------------------------------------------------------------------------
// Text in, text out

export type TextFix =
  | { kind: 'normalise' }
  | { kind: 'remove-secret'; path: string };

/** Apply a text fix to editor text; null when the text does not parse or the fix changes nothing. */
export function applyTextFix(text: string, fix: TextFix): string | null {
  const parsed = tryParseJson(text);
  if (!parsed.ok) return null;
  let value: JsonValue | null;
  if (fix.kind === 'normalise') {
    const r = normaliseResponse(parsed.value);
    value = r.changes > 0 ? r.value : null;
  } else {
    value = removeSecret(parsed.value, fix.path);
  }
  if (value === null) return null;
  const out = writeRecordingJson(value);
  return out === text ? null : out;
}
