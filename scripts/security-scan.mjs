// Runs @doyensec/electronegativity on the built app (out/) and fails on any finding that is not listed,
// with its justification, in security/electronegativity-accepted.json (also quoted in the README).
// The release-list check needs the network, which CI does not have; the Electron version is pinned instead.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const electronVersion = JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const accepted = JSON.parse(readFileSync(path.join(root, 'security/electronegativity-accepted.json'), 'utf8'));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ri-eng-'));
const report = path.join(tmp, 'report.csv');

const result = spawnSync('npx', ['electronegativity', '-i', 'out', '-r', '-v', 'false', '-e', electronVersion,
  '-x', 'AvailableSecurityFixesGlobalCheck,ElectronVersionJSONCheck', '-o', report], { cwd: root, encoding: 'utf8' });
if (result.status !== 0) {
  process.stderr.write(result.stdout + result.stderr);
  process.exit(1);
}
const lines = readFileSync(report, 'utf8').split('\n').slice(1).filter((l) => /^[A-Z_]+,/.test(l));
rmSync(tmp, { recursive: true, force: true });
let failures = 0;
for (const line of lines) {
  const [check, severity, , file] = line.split(',').map((c) => c.replace(/^"|"$/g, ''));
  const ok = accepted.find((a) => a.check === check && a.file === file);
  process.stdout.write(`${ok ? 'accepted' : 'FINDING '} ${check} (${severity}) in ${file}${ok ? ' (justified in security/electronegativity-accepted.json)' : ''}\n`);
  if (!ok) failures++;
}
process.stdout.write(`electronegativity: ${lines.length} findings, ${failures} not accepted\n`);
process.exit(failures > 0 ? 1 : 0);
