// The test command: type-check, unit tests, build, e2e (browser mode, and Electron where it exists).
// Prints one closing line `N passed, N failed` that counts every test and check it ran.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
let passed = 0;
let failed = 0;
let skipped = 0;

function run(title, command, args) {
  process.stdout.write(`\n=== ${title}: ${command} ${args.join(' ')}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  return result.status === 0;
}

function check(title, command, args) {
  if (run(title, command, args)) passed++;
  else {
    failed++;
    process.stdout.write(`!!! ${title} failed\n`);
  }
}

for (const project of ['tsconfig.shared.json', 'tsconfig.node.json', 'tsconfig.web.json']) {
  check(`typecheck ${project}`, 'npx', ['tsc', '--noEmit', '-p', project]);
}

rmSync(path.join(root, 'test-results'), { recursive: true, force: true });
const unitReport = path.join(root, 'test-results/unit.json');
const unitOk = run('unit tests (vitest)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitReport}`]);
if (existsSync(unitReport)) {
  const report = JSON.parse(readFileSync(unitReport, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests + (report.numFailedTestSuites ?? 0);
  skipped += report.numPendingTests + (report.numTodoTests ?? 0);
  if (!unitOk && report.numFailedTests === 0 && (report.numFailedTestSuites ?? 0) === 0) failed++;
} else if (!unitOk) failed++;

check('build (electron-vite)', 'npx', ['electron-vite', 'build']);
check('security scan (electronegativity on the build)', 'node', ['scripts/security-scan.mjs']);

const e2eReport = path.join(root, 'test-results/e2e.json');
const e2eOk = run('e2e (playwright)', 'npx', ['playwright', 'test']);
if (existsSync(e2eReport)) {
  const report = JSON.parse(readFileSync(e2eReport, 'utf8'));
  const { stats } = report;
  // Say why a test was skipped (the Electron spec skips where its binary cannot be downloaded).
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        for (const a of t.annotations ?? []) if (a.type === 'skip') process.stdout.write(`skipped: ${spec.title} — ${a.description ?? ''}\n`);
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report.suites ?? []) walk(suite);
  passed += stats.expected + (stats.flaky ?? 0);
  failed += stats.unexpected;
  skipped += stats.skipped;
  if (!e2eOk && stats.unexpected === 0) failed++;
} else if (!e2eOk) failed++;

process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(failed > 0 ? 1 : 0);
