/** The plain-Node commands (check, format, show, …); each lives in its own module. */
import { checkCommand } from './check-command';
import { formatCommand } from './format-command';
import { showCommand } from './show-command';
import { whyCommand } from './why-command';

export interface Command {
  name: string;
  usage: string;
  run(argv: string[], io: CommandIo): Promise<number>;
}

export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
}

export const COMMANDS: Command[] = [checkCommand, formatCommand, showCommand, whyCommand];

export function runCommand(command: Command, argv: string[]): Promise<number> {
  return command.run(argv, {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    cwd: process.cwd(),
  });
}
