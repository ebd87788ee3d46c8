/**
 * `id_normalization_mapping` handling (spec §6.3) and the "lost mapping" guess (§5.4).
 *
 * The recorder applies the mapping by text substitution on `json.dumps(record)`, not by walking
 * values, so we do the same: an original id is replaced wherever it occurs, even inside longer
 * strings.
 */
import { parseJson } from '../json/lossless-json';
import { get, isJsonObject, set, type JsonValue } from '../json/json-value';
import { pythonDumps } from '../json/python-json';

/** Mapping entries `[normalized, original]` with string originals, in file order. */
export function storedIdMapping(record: JsonValue): Array<[string, string]> {
  const m = get(record, 'id_normalization_mapping');
  if (!isJsonObject(m)) return [];
  const out: Array<[string, string]> = [];
  for (const [k, v] of m.entries) if (typeof v === 'string' && v !== '') out.push([k, v]);
  return out;
}

function substitute(record: JsonValue, pairs: Array<[string, string]>): JsonValue {
  let text = pythonDumps(record);
  for (const [normalized, original] of pairs) text = text.split(original).join(normalized);
  const out = parseJson(text);
  if (isJsonObject(out) && get(out, 'id_normalization_mapping') !== undefined) {
    set(out, 'id_normalization_mapping', { kind: 'object', entries: [] });
  }
  return out;
}

/** What the recorder sees after loading: the stored mapping applied and cleared (§6.3). */
export function applyStoredIdMapping(record: JsonValue): JsonValue {
  const pairs = storedIdMapping(record);
  return pairs.length === 0 ? record : substitute(record, pairs);
}

const LONG_FILE_ID = /file-[0-9a-f]{32}/g;

/**
 * Re-create a lost mapping: each distinct `file-<32hex>` becomes `file-1`, `file-2`, … in order of
 * first appearance in `json.dumps(record)`. Null when the record has no such ids.
 */
export function guessLostIdMapping(record: JsonValue): { record: JsonValue; mapping: Array<[string, string]> } | null {
  const text = pythonDumps(record);
  const seen = new Map<string, string>();
  for (const m of text.matchAll(LONG_FILE_ID)) {
    if (!seen.has(m[0])) seen.set(m[0], `file-${seen.size + 1}`);
  }
  if (seen.size === 0) return null;
  const mapping: Array<[string, string]> = [...seen].map(([orig, norm]) => [norm, orig]);
  return { record: substitute(record, mapping), mapping };
}
