/**
 * Loads the Responses turn chain of one recording from the host (`responseChain`). Results are
 * kept per (path, version, file stamp), so switching tabs or versions back does not ask again; a
 * new stamp (the file changed) asks again.
 */
import { useEffect, useState } from 'react';
import type { HostApi } from '../../../shared/host-api';
import type { ResponseChainResult, ResponsesVersion } from '../../../shared/response-chain-view';

export type ChainLoad =
  | { readonly status: 'loading'; readonly previous: ResponseChainResult | null }
  | { readonly status: 'error'; readonly message: string }
  | { readonly status: 'ready'; readonly result: ResponseChainResult };

const MAX_CACHED = 24;
const cache = new Map<string, Promise<ResponseChainResult>>();

function load(host: HostApi, path: string, version: ResponsesVersion, stamp: number): Promise<ResponseChainResult> {
  const key = `${path}\u0000${version}\u0000${stamp}`;
  let p = cache.get(key);
  if (!p) {
    p = host.invoke('responseChain', { path, version });
    cache.set(key, p);
    p.catch(() => cache.delete(key));
    while (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
  }
  return p;
}

export function useResponseChain(host: HostApi, path: string, version: ResponsesVersion, stamp: number): ChainLoad {
  const [state, setState] = useState<ChainLoad>({ status: 'loading', previous: null });
  // Another recording of the chain's test changed on disk (re-recorded turn): ask again.
  const [epoch, setEpoch] = useState(0);
  const ready = state.status === 'ready' ? state.result : null;
  useEffect(() => {
    if (!ready?.chain) return undefined;
    const testId = ready.chain.testId;
    const paths = new Set(ready.chain.candidates.map((c) => c.path));
    return host.subscribe((event) => {
      const touched =
        event.type === 'rows' ? event.rows.some((r) => r.path !== path && (r.testId === testId || paths.has(r.path)))
          : event.type === 'removed' ? event.paths.some((p) => paths.has(p))
            : false;
      if (!touched) return;
      cache.clear(); // other turns of the chain hold the same stale chain
      setEpoch((n) => n + 1);
    });
  }, [host, path, ready]);
  useEffect(() => {
    let cancelled = false;
    setState((prev) => (prev.status === 'ready' && prev.result.path === path ? { status: 'loading', previous: prev.result } : { status: 'loading', previous: null }));
    load(host, path, version, stamp).then(
      (result) => { if (!cancelled) setState({ status: 'ready', result }); },
      (error: Error) => { if (!cancelled) setState({ status: 'error', message: error.message }); },
    );
    return () => { cancelled = true; };
  }, [host, path, version, stamp, epoch]);
  return state;
}

/** The result to show: the fresh one, or the previous one while a new version loads. */
export function shownResult(load: ChainLoad): ResponseChainResult | null {
  return load.status === 'ready' ? load.result : load.status === 'loading' ? load.previous : null;
}
