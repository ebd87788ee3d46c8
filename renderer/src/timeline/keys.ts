/**
 * Keyboard map of the stream timeline, as a pure function so it can be tested without a DOM.
 * ←/→ step, Shift+←/→ previous/next marker, Space play/pause, Home/End start/end,
 * PageUp/PageDown a tenth of the stream. Keys typed into form fields are never taken.
 */
import type { Marker } from '../../../shared/stream';
import { nextMarkerStep, previousMarkerStep } from './markers';

export type KeyTarget = 'slider' | 'button' | 'field' | 'other';

export interface KeyInput {
  readonly key: string;
  readonly shiftKey?: boolean;
  readonly ctrlKey?: boolean;
  readonly metaKey?: boolean;
  readonly altKey?: boolean;
  readonly target: KeyTarget;
}

export type KeyAction = { readonly type: 'seek'; readonly position: number } | { readonly type: 'toggle' } | null;

export interface KeyContext {
  readonly position: number;
  readonly steps: number;
  readonly markers: readonly Marker[];
}

/** What a key press on the timeline does; null = not ours (let the browser have it). */
export function keyAction(input: KeyInput, ctx: KeyContext): KeyAction {
  if (input.target === 'field' || input.ctrlKey || input.metaKey || input.altKey) return null;
  const last = ctx.steps - 1;
  const clamp = (p: number) => Math.max(-1, Math.min(last, p));
  const seek = (p: number): KeyAction => ({ type: 'seek', position: clamp(p) });
  const page = Math.max(1, Math.round(ctx.steps / 10));
  switch (input.key) {
    case 'ArrowLeft':
    case 'Left':
      if (input.shiftKey) return seek(previousMarkerStep(ctx.markers, ctx.position) ?? -1);
      return seek(ctx.position - 1);
    case 'ArrowRight':
    case 'Right':
      if (input.shiftKey) return seek(nextMarkerStep(ctx.markers, ctx.position) ?? last);
      return seek(ctx.position + 1);
    case 'ArrowDown':
      return input.target === 'slider' ? seek(ctx.position - 1) : null;
    case 'ArrowUp':
      return input.target === 'slider' ? seek(ctx.position + 1) : null;
    case 'PageDown':
      return input.target === 'slider' ? seek(ctx.position - page) : null;
    case 'PageUp':
      return input.target === 'slider' ? seek(ctx.position + page) : null;
    case 'Home':
      return seek(-1);
    case 'End':
      return seek(last);
    case ' ':
    case 'Spacebar':
      // A focused button keeps Space (it activates the button).
      return input.target === 'button' ? null : { type: 'toggle' };
    default:
      return null;
  }
}

/** Classifies a DOM event target for keyAction. */
export function classifyKeyTarget(el: EventTarget | null): KeyTarget {
  if (typeof Element === 'undefined' || !(el instanceof Element)) return 'other';
  if (el.closest('input, select, textarea, [contenteditable=""], [contenteditable="true"]')) return 'field';
  if (el.getAttribute('role') === 'slider') return 'slider';
  if (el.closest('button, [role="button"], a[href]')) return 'button';
  return 'other';
}
