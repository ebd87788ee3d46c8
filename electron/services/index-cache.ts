/**
 * The folder index kept between launches: rows, each file's stat key and the content index of a folder, in
 * one file per folder in the app's data folder (never in the recordings folder). Reopening a folder then
 * costs a stat per file; only files whose key changed are read again. No Electron imports.
 *
 * A cache belongs to one build of the indexer (`fingerprint`, see indexerFingerprint): rows made by other
 * code are never reused. Anything unexpected in the file (truncated, another version, another folder) means
 * "no cache"; the next save replaces it.
 *
 * Layout: the magic line; the rows as JSON arrays of ROWS_PER_CHUNK rows each (parsed only when one of
 * their rows is asked for, so reopening does not parse every row up front); the content index's postings
 * (per term: the count, then the ascending file ids as deltas, all unsigned LEB128 varints); the JSON header
 * (paths, stat keys, chunk and postings locations, terms); the header's byte length as a little-endian u32.
 * Written as a stream, so saving a 30,000-file index needs little memory beyond the index itself.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import type { RecordingRow } from '../../shared/host-api';
import type { SearchIndexData } from './search-index';

const MAGIC = 'recording-inspector index cache 2\n';
const ROWS_PER_CHUNK = 500;
/** Cache files kept (one per folder); the least recently written beyond this are deleted. */
const KEEP_FOLDERS = 12;
/** A temp file older than this is not a save in progress (saves take about a second). */
const ABANDONED_TMP_MS = 10 * 60 * 1000;

/** What identifies a file's content without reading it. ctime changes on every write and cannot be set back. */
export interface StatKey {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

export function sameKey(a: StatKey, b: StatKey): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;
}

export interface CachedFile {
  row: RecordingRow;
  key: StatKey;
}

interface Header {
  fingerprint: string;
  root: string;
  paths: string[];
  /** size, mtimeMs, ctimeMs, ino per path. */
  keys: number[];
  /** [byte offset, byte length] of each rows chunk. */
  chunks: Array<[number, number]>;
  /** `paths` null: the content index's file ids are the positions in the header's `paths` (the usual case). */
  search: { paths: string[] | null; sizes: number[]; terms: string[]; postings: number; at: [number, number] } | null;
}

/** A loaded cache: stat keys at once, rows parsed chunk by chunk on first use. */
export class CachedIndex {
  private readonly index = new Map<string, number>();
  private readonly parsed: Array<RecordingRow[] | null>;

  constructor(private readonly bytes: Buffer, private readonly header: Header, readonly search: SearchIndexData | null) {
    header.paths.forEach((p, i) => this.index.set(p, i));
    this.parsed = header.chunks.map(() => null);
  }

  get size(): number {
    return this.index.size;
  }

  paths(): IterableIterator<string> {
    return this.index.keys();
  }

  has(relPath: string): boolean {
    return this.index.has(relPath);
  }

  key(relPath: string): StatKey | undefined {
    const i = this.index.get(relPath);
    if (i === undefined) return undefined;
    const k = this.header.keys;
    return { size: k[i * 4]!, mtimeMs: k[i * 4 + 1]!, ctimeMs: k[i * 4 + 2]!, ino: k[i * 4 + 3]! };
  }

  /** The cached row of `relPath`; undefined when there is none or its chunk is damaged. */
  row(relPath: string): RecordingRow | undefined {
    const i = this.index.get(relPath);
    if (i === undefined) return undefined;
    const c = Math.floor(i / ROWS_PER_CHUNK);
    let rows = this.parsed[c];
    if (rows === null || rows === undefined) {
      const [at, length] = this.header.chunks[c] ?? [0, 0];
      try {
        const value: unknown = JSON.parse(this.bytes.toString('utf8', at, at + length));
        rows = Array.isArray(value) ? (value as RecordingRow[]) : [];
      } catch {
        rows = [];
      }
      this.parsed[c] = rows;
    }
    const row = rows[i % ROWS_PER_CHUNK];
    return row && row.path === relPath ? row : undefined;
  }
}

export class IndexCache {
  constructor(private readonly dir: string, readonly fingerprint: string) {}

  fileFor(root: string): string {
    return path.join(this.dir, `${createHash('sha256').update(root).digest('hex').slice(0, 24)}.cache`);
  }

  /** The cached index of `root`, or null when there is none usable. */
  async load(root: string): Promise<CachedIndex | null> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.fileFor(root));
    } catch {
      return null;
    }
    try {
      const cached = this.decode(bytes, root);
      // Pruning goes by last use: a cache that is read but never rewritten (an unchanged folder) stays.
      if (cached) void utimes(this.fileFor(root), new Date(), new Date()).catch(() => undefined);
      return cached;
    } catch {
      return null; // damaged or from another version: indexed from scratch and rewritten
    }
  }

  private decode(bytes: Buffer, root: string): CachedIndex | null {
    const magic = Buffer.from(MAGIC);
    if (bytes.length < magic.length + 4 || !bytes.subarray(0, magic.length).equals(magic)) return null;
    const headerLength = bytes.readUInt32LE(bytes.length - 4);
    const headerAt = bytes.length - 4 - headerLength;
    if (headerAt < magic.length) return null;
    const header = JSON.parse(bytes.toString('utf8', headerAt, headerAt + headerLength)) as Header;
    if (header.fingerprint !== this.fingerprint || header.root !== root) return null;
    if (!Array.isArray(header.paths) || header.keys.length !== header.paths.length * 4) return null;
    if (header.chunks.length !== Math.ceil(header.paths.length / ROWS_PER_CHUNK)) return null;
    if (header.chunks.some(([at, length]) => at < magic.length || at + length > headerAt)) return null;
    let search: SearchIndexData | null = null;
    if (header.search) {
      const { sizes, terms, postings, at } = header.search;
      const paths = header.search.paths ?? header.paths;
      if (paths.length !== sizes.length || at[0] < magic.length || at[0] + at[1] > headerAt) return null;
      search = decodePostings(bytes.subarray(at[0], at[0] + at[1]), paths, sizes, terms, postings);
      if (!search) return null;
    }
    return new CachedIndex(bytes, header, search);
  }

  /**
   * Write the cache of `root` (temp file + rename), then drop the oldest caches beyond KEEP_FOLDERS. `files`
   * is a snapshot (rows are immutable); it is serialised a chunk at a time, yielding between chunks.
   */
  async save(root: string, files: CachedFile[], search: SearchIndexData | null): Promise<{ bytes: number }> {
    await mkdir(this.dir, { recursive: true });
    const file = this.fileFor(root);
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    const handle = await open(tmp, 'w');
    let written = 0;
    const write = async (data: string | Uint8Array): Promise<[number, number]> => {
      const bytes = typeof data === 'string' ? Buffer.from(data) : data;
      const at = written;
      for (let done = 0; done < bytes.length;) done += (await handle.write(bytes, done, bytes.length - done)).bytesWritten;
      written += bytes.length;
      return [at, bytes.length];
    };
    try {
      await write(MAGIC);
      const keys: number[] = [];
      const chunks: Array<[number, number]> = [];
      for (let i = 0; i < files.length; i += ROWS_PER_CHUNK) {
        const slice = files.slice(i, i + ROWS_PER_CHUNK);
        chunks.push(await write(JSON.stringify(slice.map((f) => f.row))));
        for (const { key } of slice) keys.push(key.size, key.mtimeMs, key.ctimeMs, key.ino);
      }
      let searchHeader: Header['search'] = null;
      if (search) {
        const at = await write(encodePostings(search));
        searchHeader = { paths: search.paths, sizes: search.sizes, terms: search.terms, postings: search.ids.length, at };
      }
      const paths = files.map((f) => f.row.path);
      if (searchHeader?.paths && searchHeader.paths.length === paths.length && searchHeader.paths.every((p, i) => p === paths[i])) searchHeader.paths = null;
      const header: Header = { fingerprint: this.fingerprint, root, paths, keys, chunks, search: searchHeader };
      const [, headerLength] = await write(JSON.stringify(header));
      const length = Buffer.alloc(4);
      length.writeUInt32LE(headerLength);
      await write(length);
      await handle.close();
      await rename(tmp, file);
    } catch (error) {
      await handle.close().catch(() => undefined);
      await rm(tmp, { force: true });
      throw error;
    }
    await this.prune();
    return { bytes: written };
  }

  /** Keep the KEEP_FOLDERS most recently written caches, and drop temp files a killed save left behind. */
  private async prune(): Promise<void> {
    const names = await readdir(this.dir);
    const dated = await Promise.all(names.map(async (n) => ({ n, t: (await stat(path.join(this.dir, n)).catch(() => null))?.mtimeMs ?? 0 })));
    const caches = dated.filter(({ n }) => n.endsWith('.cache')).sort((a, b) => b.t - a.t);
    const abandoned = dated.filter(({ n, t }) => n.endsWith('.tmp') && Date.now() - t > ABANDONED_TMP_MS);
    await Promise.all([...caches.slice(KEEP_FOLDERS), ...abandoned].map(({ n }) => rm(path.join(this.dir, n), { force: true })));
  }
}

/** Per term: the count, then the ids as deltas from the previous one (the first from 0), as LEB128 varints. */
export function encodePostings(search: SearchIndexData): Uint8Array {
  let out = new Uint8Array(Math.max(64, search.ids.length * 2));
  let n = 0;
  const put = (value: number) => {
    if (n + 5 > out.length) {
      const grown = new Uint8Array(out.length * 2);
      grown.set(out);
      out = grown;
    }
    let v = value >>> 0;
    while (v >= 0x80) {
      out[n++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    out[n++] = v;
  };
  for (let t = 0; t < search.terms.length; t++) {
    const from = search.offsets[t]!;
    const to = search.offsets[t + 1]!;
    put(to - from);
    let previous = 0;
    for (let i = from; i < to; i++) {
      put(search.ids[i]! - previous);
      previous = search.ids[i]!;
    }
  }
  return out.subarray(0, n);
}

/** The inverse of encodePostings; null when the bytes do not describe exactly `total` valid postings. */
export function decodePostings(bytes: Uint8Array, paths: string[], sizes: number[], terms: string[], total: number): SearchIndexData | null {
  // Every posting and every count takes at least a byte: anything else is a damaged header.
  if (!Number.isSafeInteger(total) || total < 0 || total + terms.length > bytes.length) return null;
  const ids = new Uint32Array(total);
  const offsets = new Uint32Array(terms.length + 1);
  let n = 0;
  let k = 0;
  const get = (): number => {
    let value = 0;
    let shift = 0;
    for (;;) {
      if (n >= bytes.length || shift > 28) return -1;
      const b = bytes[n++]!;
      value += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return value;
      shift += 7;
    }
  };
  for (let t = 0; t < terms.length; t++) {
    const count = get();
    if (count < 1 || k + count > total) return null;
    let id = 0;
    for (let i = 0; i < count; i++) {
      const delta = get();
      if (delta < 0 || (i > 0 && delta === 0)) return null;
      id += delta;
      if (id >= paths.length) return null;
      ids[k++] = id;
    }
    offsets[t + 1] = k;
  }
  if (k !== total || n !== bytes.length) return null;
  return { paths, sizes, terms, offsets, ids };
}

/**
 * Identifies the code that makes rows: the built index worker and every chunk it imports (their names carry
 * content hashes, and their text is hashed too), and the runtime (its Unicode tables decide `\p{…}` classes
 * and case mapping, so the desktop app and `serve` sharing a data folder do not share rows). Null when the
 * worker is not built (sources under tsx): no cache.
 */
export function indexerFingerprint(workerFile: string | null): string | null {
  if (!workerFile || !existsSync(workerFile)) return null;
  const hash = createHash('sha256');
  const { node, v8, icu, unicode, electron } = process.versions as Record<string, string | undefined>;
  hash.update(JSON.stringify({ node, v8, icu, unicode, electron })).update('\0');
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    hash.update(path.basename(file)).update('\0').update(text).update('\0');
    for (const m of text.matchAll(/(?:from|import|require)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)) visit(path.resolve(path.dirname(file), m[1]!));
  };
  try {
    visit(workerFile);
  } catch {
    return null;
  }
  return hash.digest('hex');
}
