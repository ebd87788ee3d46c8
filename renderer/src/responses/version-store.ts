/**
 * The server behaviour the Responses views reproduce (current = HEAD by default, or the 2025-10
 * server). One choice for the whole window, kept while other recordings are opened.
 */
import { useCallback, useSyncExternalStore } from 'react';
import type { ResponsesVersion } from '../../../shared/response-chain-view';

let current: ResponsesVersion = 'HEAD';
const listeners = new Set<() => void>();

export const VERSION_LABELS: Readonly<Record<ResponsesVersion, string>> = {
  HEAD: 'current (HEAD)',
  V2510: '2025-10',
};

export function setResponsesVersion(version: ResponsesVersion): void {
  if (version === current) return;
  current = version;
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useResponsesVersion(): [ResponsesVersion, (v: ResponsesVersion) => void] {
  const version = useSyncExternalStore(subscribe, () => current, () => current);
  const set = useCallback((v: ResponsesVersion) => setResponsesVersion(v), []);
  return [version, set];
}
