/** Whether a tool view takes the whole width (the table hidden): a small store shared by the shell and the views. */
import { useSyncExternalStore } from 'react';

let wide = false;
const listeners = new Set<() => void>();

export function setToolWide(value: boolean): void {
  if (wide === value) return;
  wide = value;
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useToolWide(): boolean {
  return useSyncExternalStore(subscribe, () => wide);
}

/** "Hide table" / "Show table" in a tool view's title row. */
export function WidthToggle() {
  const isWide = useToolWide();
  return (
    <button type="button" className="width-toggle" aria-pressed={isWide} onClick={() => setToolWide(!isWide)}
      title={isWide ? 'Show the recordings table again' : 'Use the whole window for this view'}>
      {isWide ? '⇤ Show table' : 'Hide table ⇥'}
    </button>
  );
}
