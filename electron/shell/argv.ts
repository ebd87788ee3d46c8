/** Picks the folder argument out of an Electron command line (flags and the app path are skipped). */
import path from 'node:path';

export function folderFromArgv(args: string[], cwd: string): string | null {
  const positional = args.filter((a) => !a.startsWith('-') && a !== '.' && !a.endsWith('.asar'));
  const last = positional[positional.length - 1];
  return last ? path.resolve(cwd, last) : null;
}
