/**
 * `why <dir> --hash <hash> [--test-id <id>] | --request <file> | --failure <file|-> [--json] [--limit N]`
 *
 * Why was a recording not found at replay? Reads every recording below <dir> (request part,
 * losslessly), then ranks the nearest ones with the shared `whyNotFound`: same test id, endpoint
 * and model first, then by similarity of the normalised requests, with each differing field and
 * whether a §5.1 normalisation rule absorbs it. Exit 0 when an exact match exists, 1 when not,
 * 2 for usage errors.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseJson, JsonParseError } from '../../shared/json/lossless-json';
import type { JsonValue } from '../../shared/json/json-value';
import { isProfileName, PROFILE_NAMES, type ProfileName } from '../../shared/hash/profiles';
import { whyNotFound, type WhyCandidate, type WhyQuery, type WhyReport } from '../../shared/flaky/why-not-found';
import type { TestEntry } from '../../shared/flaky/test-groups';
import { hashRecord } from '../services/hash-info';
import { walkJsonFiles } from '../services/walk';
import type { Command, CommandIo } from './registry';

const USAGE = 'why <dir> --hash <hash> [--test-id <id>] | --request <file> | --failure <file|-> [--json] [--limit N]   nearest recordings for a replay miss; exit 1 if none matches';

/** Tests and embedders may pass stdin text through the io object. */
type WhyIo = CommandIo & { readStdin?: () => Promise<string> };

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Every recording below `root` with its request part parsed losslessly (responses are skipped). */
export async function loadRequests(root: string, onSkip?: (rel: string, why: string) => void): Promise<TestEntry[]> {
  const rels: string[] = [];
  for await (const rel of walkJsonFiles(root, (issue) => onSkip?.(issue.relPath, issue.message))) rels.push(rel);
  rels.sort();
  const out: Array<TestEntry | null> = new Array<TestEntry | null>(rels.length).fill(null);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < rels.length) {
      const i = next++;
      const rel = rels[i]!;
      try {
        const text = await readFile(path.join(root, ...rel.split('/')), 'utf8');
        const plain = JSON.parse(text) as unknown;
        if (typeof plain !== 'object' || plain === null || Array.isArray(plain) || !('request' in plain)) {
          onSkip?.(rel, 'not a recording');
          continue;
        }
        out[i] = { path: rel, record: hashRecord(text, plain as Record<string, unknown>, rel.slice(rel.lastIndexOf('/') + 1)) };
      } catch (error) {
        onSkip?.(rel, (error as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return out.filter((e): e is TestEntry => e !== null);
}

function formatCandidate(c: WhyCandidate): string {
  const lines: string[] = [];
  const status = c.hash ? `[${c.hash.status}${c.hash.status === 'stale' && c.hash.algorithm ? `: ${c.hash.algorithm}` : ''}]` : '';
  const sim = c.similarity === null ? '' : ` · similarity ${c.similarity.toFixed(2)}`;
  lines.push(`${c.rank}. ${c.path}  ${status}`);
  lines.push(`   ${c.tier.replace(/-/g, ' ')}${sim} · turn ${c.turn} · ${c.endpoint || '?'} · ${c.model || 'no model'}`);
  if (c.testId !== null) lines.push(`   test_id ${c.testId}`);
  lines.push(`   ${c.summary}`);
  for (const d of c.differences) {
    const mark = d.verdict === 'absorbed' ? 'absorbed    ' : 'CHANGES HASH';
    const change = d.kind === 'added' ? `(only in your request) ${d.after}` : d.kind === 'removed' ? `(only in the recording) ${d.before}` : `${d.before} → ${d.after}`;
    lines.push(`   ${mark} ${d.path}  ${change}${d.note ? `  [${d.note}]` : ''}`);
    lines.push(`                ${d.explanation}`);
  }
  if (c.differenceCount > c.differences.length) lines.push(`   … ${c.differenceCount - c.differences.length} more differences (use --json for all shown)`);
  return lines.join('\n');
}

export function formatWhyReport(r: WhyReport): string {
  const q = r.query;
  const what: string[] = [];
  for (const h of q.hashes) what.push(`hash ${h.hash}${h.modelList ? ' (model list)' : ''}`);
  if (q.testId !== undefined) what.push(`test ${q.testId ?? '(none)'}`);
  if (q.model) what.push(`model ${q.model}`);
  if (q.urlPath ?? q.endpoint) what.push(`endpoint ${q.urlPath ?? q.endpoint}`);
  if (q.inputShape) what.push(`request (${q.inputShape})`);
  const out: string[] = [];
  out.push(`Looking for: ${what.join(' · ') || 'nothing specific'}`);
  if (q.computedHash) out.push(`Your request hashes to ${q.computedHash} (${r.currentProfile}).`);
  if (q.assumed.length > 0) out.push(`Not in the input, taken from each recording: ${q.assumed.join('; ')}.`);
  out.push(`Searched ${r.searched} recordings with the ${r.currentProfile} algorithm.`);
  out.push('');
  out.push(r.found ? 'FOUND' : 'NOT FOUND');
  for (const line of r.verdict) out.push(`  ${line}`);
  out.push('');
  for (const c of r.candidates) out.push(formatCandidate(c), '');
  return `${out.join('\n').trimEnd()}\n`;
}

export const whyCommand: Command = {
  name: 'why',
  usage: USAGE,
  async run(argv, io: WhyIo) {
    let values: { hash?: string; 'test-id'?: string; request?: string; failure?: string; json?: boolean; limit?: string; profile?: string };
    let positionals: string[];
    try {
      ({ values, positionals } = parseArgs({
        args: argv,
        allowPositionals: true,
        options: {
          hash: { type: 'string' },
          'test-id': { type: 'string' },
          request: { type: 'string' },
          failure: { type: 'string' },
          json: { type: 'boolean' },
          limit: { type: 'string' },
          profile: { type: 'string' },
        },
      }));
    } catch (error) {
      io.err(`why: ${(error as Error).message}\nusage: ${USAGE}\n`);
      return 2;
    }
    const dir = positionals[0];
    if (!dir || positionals.length > 1) {
      io.err(`why: give exactly one recordings folder\nusage: ${USAGE}\n`);
      return 2;
    }
    if (values.hash === undefined && values.request === undefined && values.failure === undefined) {
      io.err(`why: say what was not found: --hash <hash>, --request <file> or --failure <file|->\nusage: ${USAGE}\n`);
      return 2;
    }
    if (values.hash !== undefined && !/^(?:models-)?[0-9a-fA-F]{12,64}(?:-[0-9a-f]{8})?(?:\.json)?$/.test(values.hash.trim())) {
      io.err(`why: --hash must be a 64- or 12-hex request hash (or a recording file name), got "${values.hash}"\n`);
      return 2;
    }
    let limit = 10;
    if (values.limit !== undefined) {
      limit = Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1) {
        io.err(`why: --limit must be a positive integer, got "${values.limit}"\n`);
        return 2;
      }
    }
    let profile: ProfileName | undefined;
    if (values.profile !== undefined) {
      if (!isProfileName(values.profile)) {
        io.err(`why: unknown profile "${values.profile}" (one of ${PROFILE_NAMES.join(', ')})\n`);
        return 2;
      }
      profile = values.profile;
    }
    const root = path.resolve(io.cwd, dir);
    const info = await stat(root).catch(() => null);
    if (!info?.isDirectory()) {
      io.err(`why: "${root}" is not a folder\n`);
      return 2;
    }

    const query: WhyQuery = {};
    if (values.hash !== undefined) query.hash = values.hash.trim();
    if (values['test-id'] !== undefined) query.testId = values['test-id'] === 'null' ? null : values['test-id'];
    if (values.failure !== undefined) {
      try {
        query.failureText = values.failure === '-' ? await (io.readStdin ?? readStdin)() : await readFile(path.resolve(io.cwd, values.failure), 'utf8');
      } catch (error) {
        io.err(`why: cannot read the failure text: ${(error as Error).message}\n`);
        return 2;
      }
    }
    if (values.request !== undefined) {
      let text: string;
      try {
        text = values.request === '-' ? await (io.readStdin ?? readStdin)() : await readFile(path.resolve(io.cwd, values.request), 'utf8');
      } catch (error) {
        io.err(`why: cannot read the request: ${(error as Error).message}\n`);
        return 2;
      }
      let value: JsonValue;
      try {
        value = parseJson(text);
      } catch (error) {
        io.err(`why: the request is not valid JSON: ${error instanceof JsonParseError ? error.message : (error as Error).message}\n`);
        return 2;
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value) || value.kind !== 'object') {
        io.err('why: the request must be a JSON object (a recording, its "request", or the SDK body)\n');
        return 2;
      }
      query.request = value;
    }

    const entries = await loadRequests(root);
    const report = whyNotFound(query, entries, { limit, ...(profile ? { currentProfile: profile } : {}) });
    if (values.json) io.out(`${JSON.stringify(report)}\n`);
    else io.out(formatWhyReport(report));
    return report.found ? 0 : 1;
  },
};
