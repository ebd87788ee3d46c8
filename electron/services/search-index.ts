/**
 * Full-text search over the contents of every recording of the opened folder: an inverted index built
 * while the folder is indexed. No Electron imports.
 *
 * Terms. The index workers turn each file into the set of its terms (`collectValueTerms` on the value they
 * already parsed, so JSON escapes are decoded and `\n` separates words): lower-cased runs of letters, digits
 * and `_`, 2–64 code units long, from every string and key. What is left out, to keep the vocabulary (and
 * the host's memory) bounded:
 * - numbers with a fraction or an exponent (embedding vectors, logprobs, scores): only the integer part of
 *   those ≥ 10 is a term; integers are terms (without sign);
 * - in strings, digit runs right after a `.` (the fraction of a number written in text);
 * - unbroken strings of 256 characters or more without white space (base64 images, encoded embeddings);
 * - the values of `obfuscation` keys (random padding OpenAI adds to every streamed chunk).
 * A query word the index cannot have (see `parseQuery`) is not looked up; the phrase is then checked in
 * the files' text instead.
 *
 * Postings. Each file gets a numeric id when it is added; ids only grow, so each term's postings are an
 * ascending list: a plain number for a term of one file, else a growable Uint32Array. A changed file gets
 * a new id and its old id is marked dead; dead ids are skipped by queries and dropped by `compact()`, which
 * runs when a fifth of the ids are dead (watcher churn) and renumbers the live ones.
 *
 * Queries. The query is split like the text. Every word but the last must be a term; the last one is a
 * prefix (so results follow typing). Postings are intersected shortest first. One word is answered by the
 * index alone (exact). Several words, punctuation or words the index skips need the phrase itself: the
 * candidates' text (escapes decoded, lower-cased, any run of white space matching any other) is checked
 * for the phrase when the candidates are few (≤ VERIFY_FILES files and VERIFY_BYTES bytes) or when the
 * caller asks for `exact`; otherwise the candidates are returned as approximate ("all words present").
 * A query with no usable word (only one-letter words or numbers with a fraction) scans every file.
 */

export const MIN_TERM_LENGTH = 2;
export const MAX_TERM_LENGTH = 64;
/** Strings at least this long with no white space at all are blobs (base64 and the like), not text. */
export const BLOB_LENGTH = 256;
/** Integers above this are not exact in JavaScript; longer digit runs in a query are not looked up. */
const MAX_INDEXED_DIGITS = 15;
/** Keys whose values are random noise, not content. */
const SKIPPED_KEYS = new Set(['obfuscation']);
/** Inline verification budget: candidates are read and checked only when they are this few and this small. */
export const VERIFY_FILES = 400;
export const VERIFY_BYTES = 4 * 1024 * 1024;
/** A full scan (exact request or a query without usable words) does not read files above this. */
export const SCAN_MAX_FILE_BYTES = 64 * 1024 * 1024;

// ---------------------------------------------------------------------------------------------------------
// Tokenizer

/** Where terms go: a Set, or the numbering of the index workers (TermNumbers). */
export interface TermSink {
  add(term: string): void;
}

const nonAsciiClass = new Uint8Array(65536); // 0 unknown, 1 word, 2 not a word
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

function isNonAsciiWord(c: number): boolean {
  let k = nonAsciiClass[c]!;
  if (k === 0) {
    k = c >= 0xd800 && c <= 0xdfff ? 2 : WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
    nonAsciiClass[c] = k;
  }
  return k === 1;
}

/** Is char code `c` (of lower-cased text) part of a word? */
function isWord(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || (c >= 128 && isNonAsciiWord(c));
}

const WHITE = /\s/;

/** Add the terms of one string to `out`. */
export function collectTextTerms(text: string, out: TermSink): void {
  if (text.length < MIN_TERM_LENGTH) return;
  if (text.length >= BLOB_LENGTH && !WHITE.test(text)) return;
  const s = text.toLowerCase();
  const n = s.length;
  let start = -1;
  let digits = true;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? s.charCodeAt(i) : 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || (c >= 128 && isNonAsciiWord(c))) {
      if (start < 0) {
        start = i;
        digits = true;
      }
      if (c < 48 || c > 57) digits = false;
      continue;
    }
    if (start >= 0) {
      const length = i - start;
      if (length >= MIN_TERM_LENGTH && length <= MAX_TERM_LENGTH && !(digits && start > 0 && s.charCodeAt(start - 1) === 46)) {
        out.add(start === 0 && i === n ? s : s.slice(start, i));
      }
      start = -1;
    }
  }
}

function collectNumber(value: number, out: TermSink): void {
  const abs = Math.abs(value);
  if (abs < 10 || abs >= 1e15) return;
  out.add(String(Math.trunc(abs)));
}

/** Terms of object keys: keys repeat endlessly (every chunk of a stream), so each is split once per thread. */
const keyTerms = new Map<string, readonly string[]>();
const MAX_CACHED_KEYS = 20_000;

function termsOfKey(key: string): readonly string[] {
  let terms = keyTerms.get(key);
  if (terms === undefined) {
    const out = new Set<string>();
    collectTextTerms(key, out);
    terms = [...out];
    if (keyTerms.size < MAX_CACHED_KEYS) keyTerms.set(key, terms);
  }
  return terms;
}

/** Strings up to this length are split once per file (streams repeat ids, roles, object types…). */
const SEEN_STRING_LENGTH = 200;

function collectValue(value: unknown, out: TermSink, seen: Set<string>, seenKeys: Set<string>): void {
  if (typeof value === 'string') {
    if (value.length < MIN_TERM_LENGTH) return;
    if (value.length <= SEEN_STRING_LENGTH) {
      if (seen.has(value)) return;
      seen.add(value);
    }
    collectTextTerms(value, out);
  } else if (typeof value === 'number') collectNumber(value, out);
  else if (value === null) out.add('null');
  else if (typeof value === 'boolean') out.add(value ? 'true' : 'false');
  else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) collectValue(value[i], out, seen, seenKeys);
  } else if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key in record) {
      // Keys repeat in every chunk of a stream: their terms go in the first time the file shows them.
      if (!seenKeys.has(key)) {
        seenKeys.add(key);
        const terms = termsOfKey(key);
        for (let i = 0; i < terms.length; i++) out.add(terms[i]!);
      }
      if (!SKIPPED_KEYS.has(key)) collectValue(record[key], out, seen, seenKeys);
    }
  }
}

/** Add the terms of a JSON.parse value (strings, keys, integers) to `out`. */
export function collectValueTerms(value: unknown, out: TermSink): void {
  collectValue(value, out, new Set(), new Set());
}

/** The terms of a file, from its JSON.parse value (or its text when it is not JSON), into `out`. */
export function collectFileTerms(value: unknown, text: string | undefined, out: TermSink): void {
  try {
    if (value !== undefined) collectValueTerms(value, out);
    else if (text !== undefined) collectTextTerms(text, out);
  } catch {
    // Pathologically deep JSON: the text has every term too.
    if (text !== undefined) collectTextTerms(text, out);
  }
}

/** The distinct terms of a file (see collectFileTerms). */
export function fileTerms(value: unknown, text?: string): string[] {
  const out = new Set<string>();
  collectFileTerms(value, text, out);
  return [...out];
}

/**
 * Numbers the terms a thread meets, for sending them between threads (index-worker.ts): a term's text is
 * new once per thread, then only its number travels. Per file, each number is recorded once.
 */
export class TermNumbers implements TermSink {
  private readonly numbers = new Map<string, number>();
  private marks = new Uint32Array(4096);
  private file = 0;
  /** Numbers of the current file's terms. */
  ids: number[] = [];
  /** Terms numbered for the first time since takeNewTerms(). */
  private fresh: string[] = [];

  /** Start a file: its terms are recorded once each into `ids` (cleared). */
  startFile(): void {
    this.file++;
    this.ids = [];
  }

  add(term: string): void {
    let n = this.numbers.get(term);
    if (n === undefined) {
      n = this.numbers.size;
      this.numbers.set(term, n);
      this.fresh.push(term);
      if (n >= this.marks.length) {
        const grown = new Uint32Array(this.marks.length * 2);
        grown.set(this.marks);
        this.marks = grown;
      }
    }
    if (this.marks[n] !== this.file) {
      this.marks[n] = this.file;
      this.ids.push(n);
    }
  }

  takeNewTerms(): string[] {
    const fresh = this.fresh;
    this.fresh = [];
    return fresh;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Queries

export interface ParsedQuery {
  /** Lower-cased, trimmed query: what the files' text must contain. */
  phrase: string;
  /** Words looked up in the index, in query order. */
  words: string[];
  /** The last of `words` is a prefix (the query ends inside it). */
  prefix: boolean;
  /** The index alone cannot decide: several words, punctuation, or words the index skips. */
  needsCheck: boolean;
  /** Words of the query that are not looked up (too short, number fractions…). */
  skipped: string[];
}

/**
 * Can the index hold `word`, found at phrase[start, end)? Not when it is too short or long, nor when it is
 * part of a number the index leaves out: a fraction (`.123`), an exponent (`1e-05`, `1e`) or more digits
 * than a JavaScript number keeps.
 */
function indexable(phrase: string, word: string, start: number, end: number): boolean {
  if (word.length < MIN_TERM_LENGTH || word.length > MAX_TERM_LENGTH) return false;
  const before = phrase.slice(Math.max(0, start - 3), start);
  const after = phrase.slice(end, end + 2);
  if (/^\d+$/.test(word)) {
    if (word.length > MAX_INDEXED_DIGITS) return false;
    if (before.endsWith('.')) return false;
    if (/\de[+-]?$/.test(before)) return false;
    return true;
  }
  // `1e` of `1e-05`: the mantissa and exponent of a number.
  if (/^\d+e$/.test(word) && /^[+-]?\d/.test(after)) return false;
  return true;
}

export function parseQuery(query: string): ParsedQuery {
  const phrase = query.trim().toLowerCase();
  const n = phrase.length;
  const words: string[] = [];
  const skipped: string[] = [];
  let prefix = false;
  let tokens = 0;
  let start = -1;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? phrase.charCodeAt(i) : 32;
    if (isWord(c)) {
      if (start < 0) start = i;
      continue;
    }
    if (start < 0) continue;
    const word = phrase.slice(start, i);
    tokens++;
    if (indexable(phrase, word, start, i)) {
      words.push(word);
      prefix = i === n;
    } else {
      skipped.push(word);
      if (i === n) prefix = false;
    }
    start = -1;
  }
  const punctuation = /[^\p{L}\p{N}\p{M}_\s]/u.test(phrase);
  return { phrase, words, prefix, needsCheck: tokens > 1 || punctuation || skipped.length > 0, skipped };
}

const ESCAPE = /\\(?:u([0-9a-fA-F]{4})|(["\\/bfnrt]))/g;
const SIMPLE_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** A file's text as the phrase check sees it: JSON escapes decoded, lower-cased. */
export function searchableText(raw: string): string {
  const decoded = raw.includes('\\') ? raw.replace(ESCAPE, (_m, hex: string | undefined, c: string | undefined) => (hex ? String.fromCharCode(parseInt(hex, 16)) : SIMPLE_ESCAPES[c!]!)) : raw;
  return decoded.toLowerCase();
}

/** A test for the phrase in searchable text: literal, except that white space matches any run of it. */
export function phraseMatcher(phrase: string): (text: string) => boolean {
  if (!/\s/.test(phrase)) return (text) => text.includes(phrase);
  const pattern = new RegExp(phrase.split(/\s+/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'));
  return (text) => pattern.test(text);
}

// ---------------------------------------------------------------------------------------------------------
// The index

class Postings {
  ids: Uint32Array;
  n: number;
  constructor(first: number, second: number) {
    this.ids = new Uint32Array(4);
    this.ids[0] = first;
    this.ids[1] = second;
    this.n = 2;
  }
  push(id: number): void {
    if (this.ids[this.n - 1] === id) return;
    if (this.n === this.ids.length) {
      const grown = new Uint32Array(this.ids.length < 1024 ? this.ids.length * 2 : this.ids.length + (this.ids.length >> 1));
      grown.set(this.ids);
      this.ids = grown;
    }
    this.ids[this.n++] = id;
  }
  view(): Uint32Array {
    return this.ids.subarray(0, this.n);
  }
}

type Entry = number | Postings;

export interface SearchOptions {
  /** Most paths returned (total still counts them all). Default 1000. */
  limit?: number;
  /** Check the phrase in every candidate however many there are (can read the whole folder). */
  exact?: boolean;
  /** Reads a file's bytes for the phrase check; null when it is gone. */
  read?: (path: string) => Promise<Uint8Array | null>;
  /** Polled between files of a long check; when it returns true the search stops (result marked cancelled). */
  cancelled?: () => boolean;
}

export interface SearchOutcome {
  paths: string[];
  total: number;
  exact: boolean;
  /** Files whose text was read to check the phrase. */
  checked: number;
  /** What a person should know about the result (approximate, scanned, too short…). */
  note?: string;
  cancelled?: boolean;
}

/** A search index in flat form (see SearchIndex.exportData). */
export interface SearchIndexData {
  paths: string[];
  sizes: number[];
  terms: string[];
  /** terms.length + 1 offsets into `ids`. */
  offsets: Uint32Array;
  /** Ascending file ids (indexes into `paths`) per term. */
  ids: Uint32Array;
}

export interface SearchIndexStats {
  files: number;
  deadIds: number;
  terms: number;
  postings: number;
}

const decoder = new TextDecoder('utf-8');

export class SearchIndex {
  private terms = new Map<string, Entry>();
  /** Terms by their first two characters, for prefix lookups. */
  private byPrefix = new Map<string, string[]>();
  private paths: Array<string | undefined> = [];
  private sizes: number[] = [];
  private idOf = new Map<string, number>();
  private dead = 0;
  private mark = new Uint32Array(0);
  private stamp = 0;

  get stats(): SearchIndexStats {
    let postings = 0;
    for (const entry of this.terms.values()) postings += typeof entry === 'number' ? 1 : entry.n;
    return { files: this.idOf.size, deadIds: this.dead, terms: this.terms.size, postings };
  }

  get fileCount(): number {
    return this.idOf.size;
  }

  has(path: string): boolean {
    return this.idOf.has(path);
  }

  clear(): void {
    this.terms = new Map();
    this.byPrefix = new Map();
    this.paths = [];
    this.sizes = [];
    this.idOf = new Map();
    this.dead = 0;
    this.mark = new Uint32Array(0);
  }

  /** Add a file (or replace what the index knew of it): its distinct terms, or one `\n`-separated string. */
  add(path: string, terms: readonly string[] | string, size: number): void {
    this.forget(path);
    const id = this.paths.length;
    this.paths.push(path);
    this.sizes.push(size);
    this.idOf.set(path, id);
    if (typeof terms !== 'string') {
      for (let i = 0; i < terms.length; i++) this.post(terms[i]!, id);
      return;
    }
    if (!terms) return;
    let from = 0;
    const n = terms.length;
    while (from < n) {
      let to = terms.indexOf('\n', from);
      if (to < 0) to = n;
      if (to > from) this.post(to - from === n ? terms : terms.slice(from, to), id);
      from = to + 1;
    }
  }

  private post(term: string, id: number): void {
    const entry = this.terms.get(term);
    if (entry === undefined) {
      this.terms.set(term, id);
      addToPrefix(this.byPrefix, term);
    } else if (typeof entry === 'number') {
      if (entry !== id) this.terms.set(term, new Postings(entry, id));
    } else entry.push(id);
  }

  remove(path: string): void {
    this.forget(path);
    this.maybeCompact();
  }

  private forget(path: string): void {
    const id = this.idOf.get(path);
    if (id === undefined) return;
    this.idOf.delete(path);
    this.paths[id] = undefined;
    this.dead++;
  }

  private maybeCompact(): void {
    if (this.dead > 1000 && this.dead * 5 > this.paths.length) this.compact();
  }

  /** The live files renumbered densely in id order: old id → new id (-1 for dead ones), paths and sizes. */
  private liveIds(): { remap: Int32Array; paths: string[]; sizes: number[] } {
    const remap = new Int32Array(this.paths.length).fill(-1);
    const paths: string[] = [];
    const sizes: number[] = [];
    for (let id = 0; id < this.paths.length; id++) {
      const path = this.paths[id];
      if (path === undefined) continue;
      remap[id] = paths.length;
      paths.push(path);
      sizes.push(this.sizes[id]!);
    }
    return { remap, paths, sizes };
  }

  /** Drop dead ids, renumber the live ones and trim every postings list to its size. */
  compact(): void {
    const { remap, paths, sizes } = this.liveIds();
    paths.forEach((path, id) => this.idOf.set(path, id));
    const terms = new Map<string, Entry>();
    const byPrefix = new Map<string, string[]>();
    for (const [term, entry] of this.terms) {
      let next: Entry | undefined;
      if (typeof entry === 'number') {
        if (remap[entry]! >= 0) next = remap[entry]!;
      } else {
        const ids = new Uint32Array(entry.n);
        let k = 0;
        for (let i = 0; i < entry.n; i++) {
          const to = remap[entry.ids[i]!]!;
          if (to >= 0) ids[k++] = to;
        }
        if (k === 1) next = ids[0]!;
        else if (k > 1) {
          const p = new Postings(0, 0);
          p.ids = k === ids.length ? ids : ids.slice(0, k);
          p.n = k;
          next = p;
        }
      }
      if (next === undefined) continue;
      terms.set(term, next);
      addToPrefix(byPrefix, term);
    }
    this.paths = paths;
    this.sizes = sizes;
    this.terms = terms;
    this.byPrefix = byPrefix;
    this.dead = 0;
    this.mark = new Uint32Array(0);
  }

  /**
   * The live part of the index in a flat form for the index cache (index-cache.ts): file ids renumbered
   * densely in `paths` order, each term's postings `ids[offsets[t]..offsets[t + 1])`. The index is unchanged.
   */
  exportData(): SearchIndexData {
    const { remap, paths, sizes } = this.liveIds();
    let total = 0;
    for (const entry of this.terms.values()) total += typeof entry === 'number' ? 1 : entry.n;
    const ids = new Uint32Array(total);
    const terms: string[] = [];
    const offsets: number[] = [0];
    let k = 0;
    for (const [term, entry] of this.terms) {
      const start = k;
      if (typeof entry === 'number') {
        if (remap[entry]! >= 0) ids[k++] = remap[entry]!;
      } else {
        for (let i = 0; i < entry.n; i++) {
          const to = remap[entry.ids[i]!]!;
          if (to >= 0) ids[k++] = to;
        }
      }
      if (k === start) continue;
      terms.push(term);
      offsets.push(k);
    }
    return { paths, sizes, terms, offsets: Uint32Array.from(offsets), ids: ids.subarray(0, k) };
  }

  /** An index holding exactly `data` (from exportData, possibly of an earlier run). */
  static fromData(data: SearchIndexData): SearchIndex {
    const index = new SearchIndex();
    index.paths = data.paths.slice();
    index.sizes = data.sizes.slice();
    for (let id = 0; id < data.paths.length; id++) index.idOf.set(data.paths[id]!, id);
    for (let t = 0; t < data.terms.length; t++) {
      const term = data.terms[t]!;
      const from = data.offsets[t]!;
      const to = data.offsets[t + 1]!;
      if (to <= from) continue;
      let entry: Entry;
      if (to - from === 1) entry = data.ids[from]!;
      else {
        const p = new Postings(0, 0);
        p.ids = data.ids.subarray(from, to); // a full view: the first push() copies it into its own buffer
        p.n = to - from;
        entry = p;
      }
      index.terms.set(term, entry);
      addToPrefix(index.byPrefix, term);
    }
    return index;
  }

  /** Ascending ids of the files holding `term` (dead ids included). */
  private postings(term: string): Uint32Array | number[] {
    const entry = this.terms.get(term);
    if (entry === undefined) return [];
    return typeof entry === 'number' ? [entry] : entry.view();
  }

  /** Ascending ids of the files holding a term that starts with `prefix`. */
  private prefixPostings(prefix: string): Uint32Array | number[] {
    const bucket = this.byPrefix.get(prefix.slice(0, 2));
    if (!bucket) return [];
    const matching = prefix.length === 2 ? bucket : bucket.filter((t) => t.startsWith(prefix));
    if (matching.length === 0) return [];
    if (matching.length === 1) return this.postings(matching[0]!);
    if (this.mark.length < this.paths.length) {
      this.mark = new Uint32Array(Math.max(1024, this.paths.length * 1.25));
      this.stamp = 0;
    }
    const stamp = ++this.stamp;
    const mark = this.mark;
    const out: number[] = [];
    for (const term of matching) {
      const entry = this.terms.get(term)!;
      if (typeof entry === 'number') {
        if (mark[entry] !== stamp) {
          mark[entry] = stamp;
          out.push(entry);
        }
        continue;
      }
      const ids = entry.ids;
      for (let i = 0; i < entry.n; i++) {
        const id = ids[i]!;
        if (mark[id] !== stamp) {
          mark[id] = stamp;
          out.push(id);
        }
      }
    }
    return Uint32Array.from(out).sort();
  }

  /** Live candidate ids for the words of a parsed query (ascending). */
  candidates(parsed: ParsedQuery): number[] {
    const lists = parsed.words.map((w, i) => (parsed.prefix && i === parsed.words.length - 1 ? this.prefixPostings(w) : this.postings(w)));
    lists.sort((a, b) => a.length - b.length);
    let result: number[] = [];
    const first = lists[0];
    if (!first) return result;
    for (let i = 0; i < first.length; i++) if (this.paths[first[i]!] !== undefined) result.push(first[i]!);
    for (let k = 1; k < lists.length && result.length > 0; k++) result = intersect(result, lists[k]!);
    return result;
  }

  /** Run a query. Fast unless the phrase has to be checked in many files (see the module comment). */
  async search(query: string, options: SearchOptions = {}): Promise<SearchOutcome> {
    const limit = options.limit ?? 1000;
    const parsed = parseQuery(query);
    const finish = (ids: number[], exact: boolean, checked: number, note?: string): SearchOutcome => {
      const paths: string[] = [];
      for (let i = 0; i < ids.length && paths.length < limit; i++) paths.push(this.paths[ids[i]!]!);
      return { paths, total: ids.length, exact, checked, ...(note ? { note } : {}) };
    };
    if (parsed.phrase.length === 0) return finish([], true, 0);
    let ids: number[];
    if (parsed.words.length === 0) {
      if (!/[\p{L}\p{N}]/u.test(parsed.phrase) || (parsed.phrase.length < MIN_TERM_LENGTH)) {
        return finish([], false, 0, 'Type at least two letters or digits.');
      }
      ids = [];
      for (let id = 0; id < this.paths.length; id++) if (this.paths[id] !== undefined) ids.push(id);
      if (!options.read) return finish(ids, false, 0, 'No word of the query is in the index.');
      const result = await this.check(ids, parsed.phrase, options, SCAN_MAX_FILE_BYTES);
      return result.cancelled
        ? { ...finish([], false, result.checked), cancelled: true }
        : finish(result.ids, true, result.checked, `Every file was read: the query has no indexed word (${parsed.skipped.join(', ')}).`);
    }
    ids = this.candidates(parsed);
    if (!parsed.needsCheck || ids.length === 0) return finish(ids, true, 0);
    if (!options.read) return finish(ids, false, 0, 'Approximate: files with all the words.');
    let bytes = 0;
    for (const id of ids) bytes += this.sizes[id]!;
    if (!options.exact && (ids.length > VERIFY_FILES || bytes > VERIFY_BYTES)) {
      return finish(ids, false, 0, `Approximate: ${ids.length} files have all the words; the exact phrase was not checked.`);
    }
    const result = await this.check(ids, parsed.phrase, options, SCAN_MAX_FILE_BYTES);
    if (result.cancelled) return { ...finish([], false, result.checked), cancelled: true };
    return finish(result.ids, true, result.checked);
  }

  /** Read the files and keep those whose text holds the phrase. */
  private async check(ids: number[], phrase: string, options: SearchOptions, maxFileBytes: number): Promise<{ ids: number[]; checked: number; cancelled: boolean }> {
    const read = options.read!;
    const matches = phraseMatcher(phrase);
    const kept = new Uint8Array(ids.length);
    let checked = 0;
    let cancelled = false;
    let next = 0;
    const worker = async () => {
      while (next < ids.length && !cancelled) {
        if (options.cancelled?.()) {
          cancelled = true;
          return;
        }
        const k = next++;
        const id = ids[k]!;
        const path = this.paths[id];
        if (path === undefined || this.sizes[id]! > maxFileBytes) continue;
        const bytes = await read(path).catch(() => null);
        checked++;
        if (bytes && matches(searchableText(decoder.decode(bytes)))) kept[k] = 1;
      }
    };
    await Promise.all(Array.from({ length: Math.min(8, ids.length) }, worker));
    const out: number[] = [];
    for (let k = 0; k < ids.length; k++) if (kept[k] && this.paths[ids[k]!] !== undefined) out.push(ids[k]!);
    return { ids: out, checked, cancelled };
  }
}

/** File a term under its first two characters (prefix lookups). */
function addToPrefix(byPrefix: Map<string, string[]>, term: string): void {
  const key = term.slice(0, 2);
  const bucket = byPrefix.get(key);
  if (bucket) bucket.push(term);
  else byPrefix.set(key, [term]);
}

/** Elements of sorted `a` that are in sorted `b`. */
function intersect(a: number[], b: Uint32Array | number[]): number[] {
  const out: number[] = [];
  const nb = b.length;
  if (nb > a.length * 8) {
    // Few against many: binary search with a moving lower bound.
    let lo = 0;
    for (const x of a) {
      let hi = nb;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (b[mid]! < x) lo = mid + 1;
        else hi = mid;
      }
      if (lo === nb) break;
      if (b[lo] === x) out.push(x);
    }
    return out;
  }
  let j = 0;
  for (const x of a) {
    while (j < nb && b[j]! < x) j++;
    if (j === nb) break;
    if (b[j] === x) out.push(x);
  }
  return out;
}
