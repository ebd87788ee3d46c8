/**
 * `check <dir> [--json] [--profile P]`: every problem of every file, with the same services as the app.
 * Exit 0 when no file has an error, 1 when one does.
 */
import { parseArgs } from 'node:util';
import path from 'node:path';
import type { RecordingRow } from '../../shared/host-api';
import { isProfileName, PROFILE_NAMES } from '../../shared/hash/profiles';
import type { Problem } from '../../shared/recording-model';
import { FolderIndex } from '../services/folder-index';
import { WorkerPool } from '../services/worker-pool';
import type { Command } from './registry';

/** Files whose request is the same (same expected name in the same folder): only one can ever be read. */
export function duplicateProblems(rows: RecordingRow[]): Map<string, Problem> {
  const byKey = new Map<string, RecordingRow[]>();
  for (const row of rows) {
    if (!row.hash?.expectedName || row.hash.expectedName.startsWith('models-')) continue;
    const key = `${path.posix.dirname(row.path)}/${row.hash.expectedName}`;
    byKey.set(key, [...(byKey.get(key) ?? []), row]);
  }
  const out = new Map<string, Problem>();
  for (const group of byKey.values()) {
    if (group.length < 2) continue;
    for (const row of group) {
      const others = group.filter((r) => r !== row).map((r) => r.name).join(', ');
      const expected = row.hash!.expectedName;
      const reads = group.some((r) => r.name === expected) ? `the recorder reads only ${expected}` : `the recorder looks for ${expected}, which none of them is`;
      out.set(row.path, { code: 'duplicate-request', severity: 'warning', message: `The same request is recorded again in ${others}; ${reads}.` });
    }
  }
  return out;
}

export interface CheckReport {
  files: Array<{ path: string; kind: string; streaming: boolean; hash: { status: string; expectedName: string; algorithm: string | null } | null; problems: Problem[] }>;
  summary: { files: number; errors: number; warnings: number; infos: number; filesWithErrors: number; hash: Record<string, number> };
}

export function buildCheckReport(rows: RecordingRow[]): CheckReport {
  const duplicates = duplicateProblems(rows);
  const files = [...rows].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map((row) => ({
    path: row.path,
    kind: row.kind,
    streaming: row.streaming,
    hash: row.hash ? { status: row.hash.status, expectedName: row.hash.expectedName, algorithm: row.hash.algorithm ?? null } : null,
    problems: [...row.problems, ...(duplicates.has(row.path) ? [duplicates.get(row.path)!] : [])].map(({ code, severity, message, path: p }) => ({ code, severity, message, ...(p ? { path: p } : {}) })),
  }));
  const count = (s: string) => files.reduce((n, f) => n + f.problems.filter((p) => p.severity === s).length, 0);
  const hash: Record<string, number> = {};
  for (const f of files) hash[f.hash?.status ?? 'none'] = (hash[f.hash?.status ?? 'none'] ?? 0) + 1;
  return {
    files,
    summary: {
      files: files.length, errors: count('error'), warnings: count('warning'), infos: count('info'),
      filesWithErrors: files.filter((f) => f.problems.some((p) => p.severity === 'error')).length, hash,
    },
  };
}

export const checkCommand: Command = {
  name: 'check',
  usage: 'check <dir> [--json] [--quiet]         every problem of every recording; exit 1 on errors',
  async run(argv, io) {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean' }, quiet: { type: 'boolean' }, profile: { type: 'string' } } });
    const dir = positionals[0];
    if (!dir) {
      io.err('check: give the folder to check, e.g. recording-inspector check tests/integration\n');
      return 2;
    }
    if (values.profile && !isProfileName(values.profile)) {
      io.err(`check: unknown profile "${values.profile}" (one of ${PROFILE_NAMES.join(', ')})\n`);
      return 2;
    }
    const pool = new WorkerPool();
    const index = new FolderIndex({ pool, watch: false });
    try {
      await index.open(path.resolve(io.cwd, dir));
      await index.whenIndexed();
      const report = buildCheckReport(index.snapshot().rows);
      if (values.json) io.out(`${JSON.stringify(report)}\n`);
      else {
        for (const file of report.files) {
          const shown = file.problems.filter((p) => p.severity !== 'info' || !values.quiet);
          if (shown.length === 0) continue;
          io.out(`${file.path}${file.hash ? `  [${file.hash.status}]` : ''}\n`);
          for (const p of shown) io.out(`  ${p.severity.padEnd(7)} ${p.code}: ${p.message}\n`);
        }
        const s = report.summary;
        io.out(`\n${s.files} files: ${s.errors} errors, ${s.warnings} warnings, ${s.infos} notes; names ${Object.entries(s.hash).map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
      }
      return report.summary.errors > 0 ? 1 : 0;
    } finally {
      await index.close();
      await pool.close();
    }
  },
};
