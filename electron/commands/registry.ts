/** The plain-Node commands (check, format, show, …); each lives in its own module. */
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

export const COMMANDS: Command[] = [];

export function runCommand(command: Command, argv: string[]): Promise<number> {
  return command.run(argv, {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    cwd: process.cwd(),
  });
}
