/**
 * Host side of the Responses view: the turn chain a recording belongs to and the event stream the
 * server would have sent for it (shared/responses does the work; this reads the files). Every
 * recording of the same test_id is read whole, chains are built once per (folder generation,
 * test id) and streams once per version; file changes in that test drop the cache.
 */
import { readFile, stat } from 'node:fs/promises';
import { HostError, type HostEvent, type RecordingRow } from '../../shared/host-api';
import { resultForChain, type ResponseChainResult, type ResponsesVersion } from '../../shared/response-chain-view';
import { buildChains, chainFor, type ChainInput, type TurnChain } from '../../shared/responses/index';
import { resolveExistingInside } from './path-guard';

/** Files larger than this are not read as chain turns (a turn is a chat stream: kilobytes). */
const MAX_TURN_BYTES = 64 * 1024 * 1024;

/** Row kinds that can never be a turn or a guard verdict: not read. */
const SKIP_KINDS = new Set(['embeddings', 'models', 'tool', 'file-processor', 'not-a-recording', 'broken']);

export interface ResponsesIndex {
  readonly folder: string | null;
  readonly generation: number;
  snapshot(): { rows: RecordingRow[] };
  /** Resolves when the folder is fully indexed (the other turns of a test may not be rows yet). */
  whenIndexed?(): Promise<void>;
  subscribe(listener: (event: HostEvent) => void): () => void;
}

interface Entry {
  readonly testId: string | null;
  readonly paths: Set<string>;
  readonly chains: Promise<{ chains: TurnChain[]; inputs: number }>;
  readonly results: Map<string, ResponseChainResult>;
}

export class ResponsesService {
  private readonly cache = new Map<string, Entry>();
  private readonly unsubscribe: () => void;
  /** Chain builds done (for tests: cache hits do not build). */
  builds = 0;

  constructor(private readonly index: ResponsesIndex) {
    this.unsubscribe = index.subscribe((event) => this.onIndexEvent(event));
  }

  dispose(): void {
    this.unsubscribe();
    this.cache.clear();
  }

  async responseChain(relPath: string, version: ResponsesVersion = 'HEAD'): Promise<ResponseChainResult> {
    if (!this.index.folder) throw new HostError('bad-request', 'No folder is open.');
    // A chain read from half an index would miss turns (and be cached): wait for the rows.
    await this.index.whenIndexed?.();
    const root = this.index.folder;
    if (!root) throw new HostError('bad-request', 'No folder is open.');
    const generation = this.index.generation;
    const own = await this.readInput(root, relPath);
    if (!own) throw new HostError('bad-request', `"${relPath}" is not valid JSON, so it is in no turn chain.`);
    const testId = testIdOf(own.record);
    const key = `${generation}\u0000${testId ?? '\u0001'}`;
    let entry = this.cache.get(key);
    if (!entry || !entry.paths.has(relPath)) {
      const rows = this.index.snapshot().rows.filter((r) => r.testId === testId && r.path !== relPath && !SKIP_KINDS.has(r.kind));
      const paths = new Set([relPath, ...rows.map((r) => r.path)]);
      const chains = this.build(root, own, rows.map((r) => r.path));
      entry = { testId, paths, chains, results: new Map() };
      this.cache.set(key, entry);
      chains.catch(() => this.cache.get(key) === entry && this.cache.delete(key));
    }
    const cached = entry.results.get(`${version}\u0000${relPath}`);
    if (cached) return cached;
    const { chains, inputs } = await entry.chains;
    const result = resultForChain(relPath, chainFor(relPath, chains), version, inputs);
    entry.results.set(`${version}\u0000${relPath}`, result);
    return result;
  }

  private async build(root: string, own: ChainInput, others: string[]): Promise<{ chains: TurnChain[]; inputs: number }> {
    const inputs: ChainInput[] = [own];
    const read = await Promise.all(others.map((p) => this.readInput(root, p).catch(() => undefined)));
    for (const input of read) if (input && testIdOf(input.record) === testIdOf(own.record)) inputs.push(input);
    this.builds++;
    return { chains: buildChains(inputs), inputs: inputs.length };
  }

  private async readInput(root: string, relPath: string): Promise<ChainInput | undefined> {
    const absolute = await resolveExistingInside(root, relPath);
    const info = await stat(absolute);
    if (!info.isFile()) throw new HostError('bad-request', `"${relPath}" is not a file.`);
    if (info.size > MAX_TURN_BYTES) return undefined;
    const text = await readFile(absolute, 'utf8');
    try {
      return { path: relPath, record: JSON.parse(text) as unknown, text };
    } catch {
      return undefined;
    }
  }

  private onIndexEvent(event: HostEvent): void {
    if (event.type === 'folder') {
      this.cache.clear();
      return;
    }
    if (event.type !== 'rows' && event.type !== 'removed') return;
    if (this.cache.size === 0) return;
    const paths = event.type === 'rows' ? event.rows.map((r) => r.path) : event.paths;
    const testIds = event.type === 'rows' ? new Set(event.rows.map((r) => r.testId)) : new Set<string | null>();
    for (const [key, entry] of this.cache) {
      if (testIds.has(entry.testId) || paths.some((p) => entry.paths.has(p))) this.cache.delete(key);
    }
  }
}

function testIdOf(record: unknown): string | null {
  if (typeof record !== 'object' || record === null) return null;
  const id = (record as { test_id?: unknown }).test_id;
  return typeof id === 'string' ? id : null;
}
