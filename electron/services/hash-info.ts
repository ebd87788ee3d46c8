/**
 * Hash status and content checks of one file for the index. Only the part of the file that feeds the
 * request hash is parsed losslessly (the request is small; responses can be megabytes); the response
 * checks read the JSON.parse value the indexer already has.
 */
import type { HashInfo } from '../../shared/host-api';
import type { Problem } from '../../shared/recording-model';
import { fromPlain, isJsonObject, set, type JsonValue } from '../../shared/json/json-value';
import { parseJson } from '../../shared/json/lossless-json';
import { MODEL_LIST_ENDPOINTS, type ProfileName } from '../../shared/hash/profiles';
import { classifyHash } from '../../shared/hash/request-hash';
import { checkRecording, hashStatusProblems } from '../../shared/hash/record-checks';

type Plain = Record<string, unknown>;

const RESPONSE_KEY = '\n  "response": ';

/**
 * The record without its response body, parsed losslessly. Canonical files (spec §7) have the top-level
 * `"response"` key at the start of a line indented by two spaces, which no string or nested key can be;
 * the prefix before it must still parse as an object holding the request, or we parse everything.
 */
export function hashRecord(text: string, plain: Plain, baseName: string): JsonValue {
  const request = plain.request as Plain | undefined;
  const modelList = baseName.startsWith('models-') || MODEL_LIST_ENDPOINTS.includes(String(request?.endpoint ?? ''));
  const at = modelList ? -1 : text.indexOf(RESPONSE_KEY);
  if (at > 0) {
    try {
      const prefix = parseJson(`${text.slice(0, at).replace(/,\s*$/, '')}\n}`);
      if (isJsonObject(prefix) && prefix.entries.some(([k]) => k === 'request')) {
        if ('id_normalization_mapping' in plain) set(prefix, 'id_normalization_mapping', fromPlain(plain.id_normalization_mapping));
        return prefix;
      }
    } catch {
      // Not canonical after all: fall through to the full parse.
    }
  }
  return parseJson(text);
}

export interface FileVerdict {
  hash: HashInfo | null;
  problems: Problem[];
}

/** Hash status plus every content problem of a parsed recording. */
export function verifyRecording(relPath: string, text: string, plain: Plain, currentProfile?: ProfileName): FileVerdict {
  const baseName = relPath.slice(relPath.lastIndexOf('/') + 1);
  let record: JsonValue;
  try {
    record = hashRecord(text, plain, baseName);
  } catch (error) {
    return { hash: null, problems: [{ code: 'lossless-parse', severity: 'error', message: `Numbers or strings cannot be read exactly: ${(error as Error).message}` }] };
  }
  const status = classifyHash(relPath, record, currentProfile ? { currentProfile } : {});
  const problems = [...checkRecording(relPath, record, plain.response), ...hashStatusProblems(status)];
  const hash: HashInfo = {
    status: status.status,
    expectedName: status.expectedName,
    explanation: status.explanation,
    ...(status.algorithm ? { algorithm: status.algorithm } : {}),
  };
  return { hash, problems };
}
