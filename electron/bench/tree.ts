/**
 * Synthetic recording trees for the benchmark, made from ../shared/corpus.
 *
 * Round 0 is the corpus itself (every file, byte for byte) laid out as `<suite>/recordings/<name>`. Every
 * further round adds a perturbed copy of each corpus file below 150 KB (the few larger ones only every 12th
 * round, so the mean file stays near the 30 KB of a real tree): the test id gets a parameter (`[…-r17]`),
 * the first user message gets a prefix (`[r17] …`) and every normalised response id `rec-<12 hex>` is
 * replaced by a per-round one. The file is then named with the request hash the recorder would compute
 * (shared/hash), so the copies look like real recordings (hash status current). Texts stay canonical.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expectedNames } from '../../shared/hash/request-hash';
import { hashRecord } from '../services/hash-info';

export interface CorpusFile {
  /** Path below the corpus folder. */
  rel: string;
  suite: string;
  name: string;
  text: string;
  size: number;
  testIds: string[];
  streaming: boolean;
  chunks: number;
}

export interface GeneratedTree {
  dir: string;
  files: number;
  bytes: number;
  /** Relative path (in the tree) of the corpus stream with the most chunks. */
  largestStream: string;
  largestStreamChunks: number;
  /** Rounds written; round 0 is the corpus as is. */
  rounds: number;
  /** Copies that landed in a `<suite>-r<round>` folder because their name does not depend on the test id. */
  collisions: number;
}

const LARGE = 150 * 1024;
const LARGE_EVERY = 12;

function walk(dir: string, base = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(dir, base), { withFileTypes: true })) {
    const rel = base ? `${base}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...walk(dir, rel));
    else if (entry.isFile() && entry.name.endsWith('.json')) out.push(rel);
  }
  return out.sort();
}

export function loadCorpus(corpusDir: string): CorpusFile[] {
  return walk(corpusDir).map((rel) => {
    const text = readFileSync(path.join(corpusDir, rel), 'utf8');
    const segments = rel.split('/');
    const name = segments.pop()!;
    const suite = segments.slice(1).filter((s) => s !== 'recordings').join('/') || 'common';
    const value = JSON.parse(text) as { test_id?: unknown; request?: { test_id?: unknown }; response?: { is_streaming?: unknown; body?: unknown } };
    const testIds = [value.test_id, value.request?.test_id].filter((t): t is string => typeof t === 'string');
    const streaming = value.response?.is_streaming === true;
    const chunks = streaming && Array.isArray(value.response?.body) ? value.response.body.length : 0;
    return { rel, suite, name, text, size: Buffer.byteLength(text), testIds: [...new Set(testIds)], streaming, chunks };
  });
}

/** FNV-1a, 48 bits as 12 hex chars: stable per-round ids without the cost of a crypto hash. */
function shortId(input: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return (h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0')).slice(0, 12);
}

function withParam(testId: string, round: number): string {
  return testId.endsWith(']') ? `${testId.slice(0, -1)}-r${round}]` : `${testId}[r${round}]`;
}

/** The perturbed text of one corpus file for round `round` (≥ 1). */
export function perturb(file: CorpusFile, round: number): string {
  let text = file.text;
  for (const id of file.testIds) text = text.split(JSON.stringify(id)).join(JSON.stringify(withParam(id, round)));
  text = text.replace(/rec-([0-9a-f]{12})/g, (_m, id: string) => `rec-${shortId(`${id}/${round}`)}`);
  const user = /("role": "user",\s*"content": ")/.exec(text) ?? /("input": ")/.exec(text);
  if (user) text = `${text.slice(0, user.index + user[0].length)}[r${round}] ${text.slice(user.index + user[0].length)}`;
  return text;
}

/** The name the recorder would give the text (falls back to the SHA-256 of the text for unknown shapes). */
export function recorderName(text: string, fallbackName: string): string {
  try {
    const plain = JSON.parse(text) as Record<string, unknown>;
    const record = hashRecord(text, plain, fallbackName);
    const name = expectedNames(record)[0];
    if (name) return name;
  } catch {
    // fall through
  }
  return `${createHash('sha256').update(text).digest('hex')}.json`;
}

export interface TreeOptions {
  corpus: CorpusFile[];
  dir: string;
  /** Stop once this many files are written (whole rounds are not required). */
  targetFiles: number;
  onProgress?: (files: number) => void;
  /** Checked between files; when it returns true generation stops early. */
  cancelled?: () => boolean;
}

export async function generateTree(options: TreeOptions): Promise<GeneratedTree> {
  const { corpus, dir, targetFiles } = options;
  await mkdir(dir, { recursive: true });
  const used = new Set<string>();
  const dirs = new Map<string, Promise<unknown>>();
  let files = 0;
  let bytes = 0;
  let collisions = 0;
  let round = 0;
  const pending = new Set<Promise<void>>();
  const write = async (rel: string, text: string) => {
    const folder = path.posix.dirname(rel);
    let made = dirs.get(folder);
    if (!made) dirs.set(folder, (made = mkdir(path.join(dir, folder), { recursive: true })));
    await made;
    await writeFile(path.join(dir, rel), text);
  };
  const stream = corpus.filter((f) => f.streaming).sort((a, b) => b.chunks - a.chunks)[0];
  let largestStream = '';
  for (; files < targetFiles; round++) {
    for (const file of corpus) {
      if (files >= targetFiles || options.cancelled?.()) break;
      if (round > 0 && file.size > LARGE && round % LARGE_EVERY !== 0) continue;
      const text = round === 0 ? file.text : perturb(file, round);
      const name = round === 0 ? file.name : recorderName(text, file.name);
      let rel = `${file.suite}/recordings/${name}`;
      for (let k = 1; used.has(rel); k++) {
        if (k === 1) collisions++;
        rel = `${file.suite}-r${round}${k > 1 ? `-${k}` : ''}/recordings/${name}`;
      }
      used.add(rel);
      if (round === 0 && file === stream) largestStream = rel;
      const job = write(rel, text).finally(() => pending.delete(job));
      pending.add(job);
      if (pending.size >= 32) await Promise.race(pending);
      files++;
      bytes += Buffer.byteLength(text);
      if (files % 1000 === 0) options.onProgress?.(files);
    }
    if (options.cancelled?.()) break;
  }
  await Promise.all(pending);
  return { dir, files, bytes, largestStream, largestStreamChunks: stream?.chunks ?? 0, rounds: round, collisions };
}
