/** Navigation helpers of the flaky views (thin wrappers over the route). */
import { navigate } from '../state/route';
import type { ViewRoute } from './view-route';

export function openView(view: ViewRoute, replace = false): void {
  navigate({ path: null, chunk: null, tab: null, view }, replace);
}

export function openRecording(path: string, tab: string | null = null): void {
  navigate({ path, chunk: null, tab, view: null });
}

export const baseName = (p: string): string => p.slice(p.lastIndexOf('/') + 1);
export const dirName = (p: string): string => p.slice(0, Math.max(0, p.lastIndexOf('/')));
