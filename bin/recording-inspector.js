#!/usr/bin/env node
// Entry of the `recording-inspector` command: plain-Node commands run in this process; anything else
// (a folder, or nothing) opens the desktop app by starting Electron on this package.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NODE_COMMANDS = new Set(['serve', 'check', 'format', 'show', 'why', 'help', '--help', '-h']);
const args = process.argv.slice(2);

if (!existsSync(path.join(appDir, 'out/main/cli.js'))) {
  console.error('recording-inspector is not built yet: run `npm run build` in ' + appDir);
  process.exit(2);
}

if (args.length > 0 && NODE_COMMANDS.has(args[0])) {
  await import(path.join(appDir, 'out/main/cli.js'));
} else {
  const require = createRequire(import.meta.url);
  let electronPath;
  try {
    electronPath = require('electron');
  } catch (error) {
    console.error(`Cannot start Electron (${error.message}). The browser mode works without it: recording-inspector serve <dir>`);
    process.exit(2);
  }
  const folder = path.resolve(args[0] ?? './recordings');
  const child = spawn(electronPath, [appDir, folder], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}
