/** The link of a view: `#/<relative path>?chunk=N`. Survives reloads and can be shared. */
import { useSyncExternalStore } from 'react';
import { formatViewRoute, parseViewRoute, type ViewRoute } from '../flaky/view-route';

export interface Route {
  path: string | null;
  chunk: number | null;
  tab: string | null;
  /** A tool view shown instead of a recording (`#/:test?id=…`, `#/:diff?a=…&b=…`, `#/:why`, `#/:cleanup`). */
  view?: ViewRoute | null;
}

export function parseRoute(hash: string): Route {
  const body = hash.replace(/^#\/?/, '');
  if (!body) return { path: null, chunk: null, tab: null };
  // Reserved views start with ':' (recording paths never do).
  if (body.startsWith(':')) return { path: null, chunk: null, tab: null, view: parseViewRoute(body) };
  const q = body.indexOf('?');
  const rawPath = q === -1 ? body : body.slice(0, q);
  const params = new URLSearchParams(q === -1 ? '' : body.slice(q + 1));
  const chunk = params.get('chunk');
  let path: string | null;
  try {
    path = decodeURIComponent(rawPath) || null;
  } catch {
    path = rawPath || null;
  }
  return { path, chunk: chunk !== null && /^-?\d+$/.test(chunk) ? Math.max(-1, Number(chunk)) : null, tab: params.get('tab') };
}

export function formatRoute(route: Route): string {
  if (route.view) return formatViewRoute(route.view);
  if (!route.path) return '#/';
  const params = new URLSearchParams();
  if (route.tab) params.set('tab', route.tab);
  if (route.chunk !== null) params.set('chunk', String(route.chunk));
  const query = params.toString();
  return `#/${route.path.split('/').map(encodeURIComponent).join('/')}${query ? `?${query}` : ''}`;
}

let cached: { hash: string; route: Route } = { hash: '', route: parseRoute('') };

function current(): Route {
  if (cached.hash !== window.location.hash) cached = { hash: window.location.hash, route: parseRoute(window.location.hash) };
  return cached.route;
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, current);
}

/** Update the link; `replace` keeps scrubbing from flooding the history. */
export function navigate(patch: Partial<Route>, replace = false): void {
  const merged: Route = { ...current(), ...patch };
  // Opening a recording leaves a tool view.
  if ('path' in patch && !('view' in patch)) merged.view = null;
  const next = formatRoute(merged);
  if (next === window.location.hash) return;
  if (replace) {
    history.replaceState(null, '', `${window.location.pathname}${window.location.search}${next}`);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else window.location.hash = next;
}
