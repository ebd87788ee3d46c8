/** Turns JSON.parse failures into messages with a line and column, and names common causes. */

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return { line, column: offset - last };
}

export function describeJsonError(text: string, error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const conflict = /^(<{7}|={7}|>{7})( |$)/m.exec(text);
  if (conflict) {
    const { line } = lineColumn(text, conflict.index);
    return `Unresolved merge-conflict marker "${conflict[1]}" at line ${line}: the file is not valid JSON until the conflict is resolved.`;
  }
  const position = /position (\d+)/.exec(raw);
  const where = position ? (() => { const { line, column } = lineColumn(text, Number(position[1])); return ` at line ${line}, column ${column}`; })() : '';
  const atEnd = position !== null && Number(position[1]) >= text.trimEnd().length;
  if (atEnd || /Unexpected end of JSON input|Unterminated|end of data/i.test(raw)) return `Invalid JSON: the text ends early (truncated file?)${where}.`;
  const short = raw.replace(/^JSON\.parse: /, '').replace(/\s*\(line \d+ column \d+.*\)$/, '').replace(/, ".*$/s, '');
  return `Invalid JSON${where}: ${short}.`;
}
