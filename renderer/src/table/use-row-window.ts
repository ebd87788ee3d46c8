/**
 * Which rows of a fixed-row-height list are in view, for a scroll container whose content is a sticky
 * header of `headerHeight` followed by the rows. Only the component using it re-renders on scroll, and only
 * when the first or last row in view changes; that render is flushed inside the scroll event (which the
 * browser dispatches once per frame, before painting it), so a frame never paints a window of rows that
 * does not match its scroll position. Rows beyond the view (overscan) cover a scroll the compositor runs
 * ahead of the page; when the view jumps past every rendered row (dragging the scroll bar through 30,000
 * rows) they would only be laid out for nothing, so they are left out until scrolling pauses.
 */
import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';

export interface RowWindow {
  /** First and one-past-last index to render (overscan included, clamped to the count). */
  start: number;
  end: number;
  /**
   * How many rows the window can hold, a constant while the view keeps its height and mode: keys
   * `index % slots` are unique among the rendered rows, and a row keeps its key while it stays rendered.
   */
  slots: number;
  /** Bring a row into view, moving as little as possible. */
  scrollToIndex(index: number): void;
  /** Rows a page holds (for PageUp/PageDown). */
  pageRows(): number;
}

interface Visible {
  first: number;
  last: number;
  /** Rows that fit in the view, plus one for a partly shown row at each end. */
  capacity: number;
  /** The view jumped past every rendered row (a scroll-bar drag): render the rows in view only. */
  jumped: boolean;
}

/** After a jump, the overscan comes back once scrolling has paused this long. */
const SETTLE_MS = 150;

export function useRowWindow(scrollRef: RefObject<HTMLElement | null>, count: number, rowHeight: number, headerHeight: number, overscan: number): RowWindow {
  const [visible, setVisible] = useState<Visible>({ first: 0, last: 30, capacity: 31, jumped: false });
  // What was last asked for (set before setVisible, so a scroll event sees it even before React renders).
  const current = useRef(visible);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    let settle: ReturnType<typeof setTimeout> | undefined;
    const update = (sync: boolean) => {
      const top = el.scrollTop;
      const view = Math.max(0, el.clientHeight - headerHeight);
      const bottom = top + view;
      const capacity = Math.ceil(view / rowHeight) + 1;
      const first = Math.floor(top / rowHeight);
      const last = Math.max(0, Math.ceil(bottom / rowHeight) - 1);
      const was = current.current;
      if (first === was.first && last === was.last && capacity === was.capacity) return;
      // Rendered were was.first - overscan … was.last + overscan (or without overscan after a jump).
      const margin = was.jumped ? 0 : overscan;
      const jumped = sync && (first > was.last + margin || last < was.first - margin);
      const next = { first, last, capacity, jumped };
      current.current = next;
      if (sync) flushSync(() => setVisible(next));
      else setVisible(next);
      clearTimeout(settle);
      if (jumped) {
        settle = setTimeout(() => {
          if (current.current !== next) return;
          current.current = { ...next, jumped: false };
          setVisible(current.current);
        }, SETTLE_MS);
      }
    };
    update(false);
    const onScroll = () => update(true);
    el.addEventListener('scroll', onScroll, { passive: true });
    const resize = new ResizeObserver(() => update(false));
    resize.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      resize.disconnect();
      clearTimeout(settle);
    };
  }, [scrollRef, rowHeight, headerHeight, overscan]);

  const scrollToIndex = useCallback((index: number) => {
    const el = scrollRef.current;
    if (!el || index < 0) return;
    const top = index * rowHeight;
    const view = el.clientHeight - headerHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + view) el.scrollTop = top + rowHeight - view;
  }, [scrollRef, rowHeight, headerHeight]);

  const pageRows = useCallback(() => {
    const el = scrollRef.current;
    return Math.max(1, Math.floor(((el?.clientHeight ?? 400) - headerHeight) / rowHeight) - 1);
  }, [scrollRef, rowHeight, headerHeight]);

  const margin = visible.jumped ? 0 : overscan;
  const start = Math.max(0, Math.min(visible.first, count) - margin);
  const end = Math.min(count, visible.last + 1 + margin);
  return { start, end, slots: visible.capacity + 2 * margin, scrollToIndex, pageRows };
}
