/**
 * Pure formatting helpers for the request view: a JSON pretty-printer that never throws, size and
 * data-URL helpers. No React here, so everything is unit-testable in node.
 */

/** Texts and JSON longer than this are cut and get a "show all" button. */
export const TRUNCATE_AT = 20_000;

type Obj = Record<string, unknown>;

export function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const MAX_DEPTH = 200;

/**
 * Pretty-print any value as JSON-ish text (2-space indent). Unlike JSON.stringify it never throws
 * and keeps Python's `NaN` / `Infinity` literals, prints bigints as integers, cuts cycles and very
 * deep nesting. `indent = 0` gives one line with `, ` / `: ` separators.
 */
export function toJsonText(value: unknown, indent = 2): string {
  const out: string[] = [];
  const seen = new Set<object>();
  const nl = indent > 0 ? '\n' : '';
  const sep = indent > 0 ? ',' : ', ';
  const write = (v: unknown, depth: number): void => {
    if (v === null || v === undefined) {
      out.push('null');
      return;
    }
    switch (typeof v) {
      case 'string':
        out.push(JSON.stringify(v));
        return;
      case 'number':
        out.push(Number.isFinite(v) ? JSON.stringify(v) : String(v));
        return;
      case 'bigint':
        out.push(v.toString());
        return;
      case 'boolean':
        out.push(v ? 'true' : 'false');
        return;
      case 'function':
      case 'symbol':
        out.push('null');
        return;
      default:
        break;
    }
    const o = v as object;
    if (seen.has(o)) {
      out.push('"[Circular]"');
      return;
    }
    if (depth >= MAX_DEPTH) {
      out.push('"[…nested too deeply]"');
      return;
    }
    const toJSON = (o as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') {
      let replaced: unknown;
      try {
        replaced = (toJSON as () => unknown).call(o);
      } catch {
        replaced = String(o);
      }
      if (replaced !== o) {
        write(replaced, depth);
        return;
      }
    }
    seen.add(o);
    const pad = indent > 0 ? ' '.repeat(indent * (depth + 1)) : '';
    const end = indent > 0 ? ' '.repeat(indent * depth) : '';
    if (Array.isArray(o)) {
      if (o.length === 0) out.push('[]');
      else {
        out.push('[' + nl);
        o.forEach((item, i) => {
          out.push(pad);
          write(item, depth + 1);
          if (i < o.length - 1) out.push(sep);
          out.push(nl);
        });
        out.push(end + ']');
      }
    } else {
      let keys: string[];
      try {
        keys = Object.keys(o).filter((k) => (o as Obj)[k] !== undefined);
      } catch {
        keys = [];
      }
      if (keys.length === 0) out.push('{}');
      else {
        out.push('{' + nl);
        keys.forEach((k, i) => {
          out.push(pad + JSON.stringify(k) + ': ');
          write((o as Obj)[k], depth + 1);
          if (i < keys.length - 1) out.push(sep);
          out.push(nl);
        });
        out.push(end + '}');
      }
    }
    seen.delete(o);
  };
  try {
    write(value, 0);
    return out.join('');
  } catch {
    try {
      return String(value);
    } catch {
      return '[unprintable value]';
    }
  }
}

/** One-line JSON, for table cells. */
export function toCompactJson(value: unknown): string {
  return toJsonText(value, 0);
}

/** "{…} 3 keys", "[…] 12 items", or the scalar itself — a preview for collapsed JSON. */
export function jsonSummary(value: unknown): string {
  if (Array.isArray(value)) return `[…] ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (isObj(value)) {
    const n = Object.keys(value).length;
    return `{…} ${n} key${n === 1 ? '' : 's'}`;
  }
  const s = toCompactJson(value);
  return s.length > 80 ? s.slice(0, 79) + '…' : s;
}

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '? B';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** Decoded size of a base64 string (ignores whitespace; tolerant of junk). */
export function base64Bytes(data: string): number {
  const clean = data.replace(/\s+/g, '');
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((clean.length * 3) / 4) - padding);
}

export interface DataUrlInfo {
  mime: string;
  base64: boolean;
  /** Size of the decoded payload (approximate for invalid base64). */
  bytes: number;
}

/** Parse `data:<mime>[;param…][;base64],<data>`; null when the string is not a data URL. */
export function parseDataUrl(url: string): DataUrlInfo | null {
  if (!/^data:/i.test(url)) return null;
  const comma = url.indexOf(',');
  if (comma < 0) return null;
  const meta = url.slice(5, comma);
  const params = meta.split(';');
  const mime = (params[0] ?? '').trim().toLowerCase() || 'text/plain';
  const base64 = params.slice(1).some((p) => p.trim().toLowerCase() === 'base64');
  const data = url.slice(comma + 1);
  let bytes: number;
  if (base64) bytes = base64Bytes(data);
  else {
    try {
      bytes = decodeURIComponent(data).length;
    } catch {
      bytes = data.length;
    }
  }
  return { mime, base64, bytes };
}

/** Guess the image type of raw base64 data (Ollama `images`) from its first bytes. */
export function sniffBase64Image(data: string): string | null {
  const head = data.trimStart().slice(0, 16);
  if (head.startsWith('iVBORw0KGgo')) return 'image/png';
  if (head.startsWith('/9j/')) return 'image/jpeg';
  if (head.startsWith('R0lGOD')) return 'image/gif';
  if (head.startsWith('UklGR')) return 'image/webp';
  if (head.startsWith('Qk')) return 'image/bmp';
  if (head.startsWith('PHN2Zy') || head.startsWith('PD94bWwg')) return 'image/svg+xml';
  return null;
}

/** Shorten a long single-line value for labels (URLs, ids). */
export function ellipsize(text: string, max: number): string {
  return text.length > max ? text.slice(0, Math.max(1, max - 1)) + '…' : text;
}

/** Make a string safe for use inside an element id (and a CSS attribute selector). */
export function idSafe(text: string): string {
  const s = text.replace(/[^A-Za-z0-9_-]/g, '_');
  return s || '_';
}

/** Python `inspect.cleandoc`: drop blank edges, strip the first line, remove the common indent of the rest. */
export function cleanDoc(text: string): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  while (lines.length > 0 && (lines[0] ?? '').trim() === '') lines.shift();
  while (lines.length > 0 && (lines[lines.length - 1] ?? '').trim() === '') lines.pop();
  if (lines.length === 0) return '';
  const indentOf = (l: string) => (/^[ \t]*/.exec(l)?.[0].length ?? 0);
  const rest = lines.slice(1);
  const indents = rest.filter((l) => l.trim() !== '').map(indentOf);
  const min = indents.length > 0 ? Math.min(...indents) : 0;
  return [(lines[0] ?? '').trim(), ...rest.map((l) => l.slice(Math.min(min, indentOf(l))))].join('\n');
}
