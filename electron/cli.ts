/**
 * `recording-inspector` commands that run in plain Node (no Electron): serve, check, format, show.
 * Opening the desktop app is handled by bin/recording-inspector.js, which starts Electron.
 */
import { parseArgs } from 'node:util';
import { startServe } from './serve/serve-command';
import './services/native-hash';
import { runCommand, COMMANDS } from './commands/registry';

const USAGE = `Usage:
  recording-inspector [<dir>]                       open the desktop app on <dir> (default ./recordings)
  recording-inspector serve [<dir>] [--port N] [--read-only]
                                                    serve the app to a browser on 127.0.0.1
${COMMANDS.map((c) => `  recording-inspector ${c.usage}`).join('\n')}
`;

async function serve(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true,
    options: { port: { type: 'string' }, 'read-only': { type: 'boolean' }, token: { type: 'string' } },
  });
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    process.stderr.write(`Invalid --port "${values.port}".\n`);
    return 2;
  }
  const { host, service } = await startServe({
    folder: positionals[0] ?? './recordings',
    ...(port !== undefined ? { port } : {}),
    readOnly: values['read-only'] === true,
    ...(values.token ? { token: values.token } : {}),
  });
  process.stdout.write(`Recording Inspector serving ${service.index.folder} at\n  ${host.url}\n(only on 127.0.0.1; the token in the URL is required; Ctrl+C stops)\n`);
  const stop = async () => {
    await host.close();
    await service.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return new Promise<number>(() => undefined);
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (command === 'serve') return serve(rest);
  const known = COMMANDS.find((c) => c.name === command);
  if (known) return runCommand(known, rest);
  process.stderr.write(`Unknown command "${command}".\n\n${USAGE}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error: Error) => { process.stderr.write(`recording-inspector: ${error.message}\n`); process.exitCode = 2; },
);
