/**
 * In-transcript navigation: jump from a tool answer to its call (and back), scoped to one
 * RequestView so that several views on one page do not find each other's elements.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type JSX, type ReactNode, type RefObject } from 'react';

export interface TranscriptNav {
  /** Prefix of every element id of this view (empty by default: ids are `msg-<n>`, `call-<id>`). */
  idPrefix: string;
  /** Anchor id (without prefix) currently highlighted after a jump. */
  highlighted: string | null;
  /** Scroll to, focus and briefly highlight the element with this anchor id. */
  goTo(anchorId: string): void;
}

export const HIGHLIGHT_MS = 1600;

const NavContext = createContext<TranscriptNav>({ idPrefix: '', highlighted: null, goTo: () => undefined });

export const NavProvider = NavContext.Provider;

export function useNav(): TranscriptNav {
  return useContext(NavContext);
}

export function useNavState(rootRef: RefObject<HTMLElement | null>, idPrefix: string): TranscriptNav {
  const [highlighted, setHighlighted] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (timer.current !== null) clearTimeout(timer.current);
  }, []);
  const goTo = useCallback((anchorId: string) => {
    const root = rootRef.current;
    const el = root?.querySelector<HTMLElement>(`[id="${idPrefix}${anchorId}"]`);
    if (!el) return;
    try {
      if (typeof el.scrollIntoView === 'function') el.scrollIntoView({ behavior: 'smooth', block: 'center' });
    } catch {
      /* old engines: ignore */
    }
    try {
      el.focus({ preventScroll: true });
    } catch {
      /* not focusable: ignore */
    }
    setHighlighted(anchorId);
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = setTimeout(() => setHighlighted(null), HIGHLIGHT_MS);
  }, [rootRef, idPrefix]);
  return useMemo(() => ({ idPrefix, highlighted, goTo }), [idPrefix, highlighted, goTo]);
}

/** An in-page link to an anchor of the same view (`#msg-3`), handled without touching location. */
export function JumpLink(props: { to: string; children: ReactNode; className?: string; title?: string }): JSX.Element {
  const nav = useNav();
  return (
    <a
      href={`#${nav.idPrefix}${props.to}`}
      className={props.className ? `rv-link ${props.className}` : 'rv-link'}
      title={props.title}
      onClick={(e) => {
        e.preventDefault();
        nav.goTo(props.to);
      }}
    >
      {props.children}
    </a>
  );
}
