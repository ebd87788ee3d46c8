/**
 * `format <file|dir> (--check|--write)`: like prettier for fixtures. The canonical form is Python's
 * `json.dump(indent=2)` + newline (spec §7), written through the number-preserving writer.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseJson } from '../../shared/json/lossless-json';
import { writeRecordingJson } from '../../shared/json/python-json';
import { atomicWrite } from '../services/atomic-write';
import { walkJsonFiles } from '../services/walk';
import type { Command } from './registry';

export type FormatVerdict = { status: 'canonical' } | { status: 'different'; formatted: string } | { status: 'invalid'; message: string };

export function formatText(text: string): FormatVerdict {
  let formatted: string;
  try {
    formatted = writeRecordingJson(parseJson(text));
  } catch (error) {
    return { status: 'invalid', message: (error as Error).message };
  }
  return formatted === text ? { status: 'canonical' } : { status: 'different', formatted };
}

async function targets(target: string): Promise<string[]> {
  const info = await stat(target);
  if (!info.isDirectory()) return [target];
  const out: string[] = [];
  for await (const rel of walkJsonFiles(target, () => undefined)) out.push(path.join(target, rel));
  return out.sort();
}

export const formatCommand: Command = {
  name: 'format',
  usage: 'format <file|dir> (--check|--write)     canonical recorder format; --check exits 1 if any differ',
  async run(argv, io) {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { check: { type: 'boolean' }, write: { type: 'boolean' } } });
    if (positionals.length === 0 || values.check === values.write) {
      io.err('format: give a file or folder and exactly one of --check or --write\n');
      return 2;
    }
    let differ = 0;
    let invalid = 0;
    let total = 0;
    for (const positional of positionals) {
      for (const file of await targets(path.resolve(io.cwd, positional))) {
        total++;
        const shown = path.relative(io.cwd, file) || file;
        const verdict = formatText(await readFile(file, 'utf8'));
        if (verdict.status === 'invalid') {
          invalid++;
          io.err(`${shown}: not formatted, it is not valid JSON (${verdict.message})\n`);
        } else if (verdict.status === 'different') {
          differ++;
          if (values.write) {
            await atomicWrite(file, verdict.formatted);
            io.out(`formatted ${shown}\n`);
          } else io.out(`${shown}\n`);
        }
      }
    }
    if (values.check) io.out(`${differ} of ${total} files not in canonical form${invalid ? `, ${invalid} not JSON` : ''}\n`);
    else io.out(`${differ} of ${total} files rewritten${invalid ? `, ${invalid} not JSON (left as they are)` : ''}\n`);
    return (values.check && differ > 0) || invalid > 0 ? 1 : 0;
  },
};
