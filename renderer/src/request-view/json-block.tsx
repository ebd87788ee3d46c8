/**
 * Collapsible, pretty-printed JSON with a copy button. Safe for any value (cycles, bigint, NaN);
 * texts over 20k characters are cut with a "show all" button. Reusable outside the request view.
 */
import { useEffect, useMemo, useRef, useState, type JSX } from 'react';
import { formatCount, jsonSummary, toJsonText, TRUNCATE_AT } from './json-format';
import { cutText } from './long-text';
import './request-view.css';

export interface JsonBlockProps {
  value: unknown;
  /** Shown in the bar. Default "JSON". */
  label?: string;
  /** Accessible name of the block, its toggle and copy button ("Copy <name>"); default: label. */
  name?: string;
  /** Start collapsed (only the bar with a one-line summary). Default false. */
  defaultCollapsed?: boolean;
  /** Show the expand / collapse toggle. Default true. */
  collapsible?: boolean;
  /** Characters shown before "show all". Default 20,000. */
  maxChars?: number;
  className?: string;
}

type CopyState = 'idle' | 'copied' | 'failed';

export function JsonBlock(props: JsonBlockProps): JSX.Element {
  const label = props.label ?? 'JSON';
  const name = props.name ?? label;
  const collapsible = props.collapsible ?? true;
  const maxChars = props.maxChars ?? TRUNCATE_AT;
  const [collapsed, setCollapsed] = useState(collapsible && (props.defaultCollapsed ?? false));
  const [showAll, setShowAll] = useState(false);
  const [copyState, setCopyState] = useState<CopyState>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (timer.current !== null) clearTimeout(timer.current);
  }, []);
  const text = useMemo(() => (collapsed ? null : toJsonText(props.value)), [props.value, collapsed]);
  const long = text !== null && text.length > maxChars;

  const report = (state: CopyState) => {
    setCopyState(state);
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = setTimeout(() => setCopyState('idle'), 1500);
  };
  const copy = () => {
    try {
      const clipboard = typeof navigator !== 'undefined' ? navigator.clipboard : undefined;
      if (!clipboard) {
        report('failed');
        return;
      }
      clipboard.writeText(text ?? toJsonText(props.value)).then(() => report('copied'), () => report('failed'));
    } catch {
      report('failed');
    }
  };

  const cls = ['rv-json', collapsed ? 'rv-json-collapsed' : '', props.className ?? ''].filter(Boolean).join(' ');
  return (
    <div className={cls} role="group" aria-label={name}>
      <div className="rv-json-bar">
        {collapsible ? (
          <button type="button" className="rv-json-toggle" aria-expanded={!collapsed} aria-label={name === label ? undefined : name}
            onClick={() => setCollapsed(!collapsed)}>
            <span className="rv-caret" aria-hidden="true">{collapsed ? '▸' : '▾'}</span>
            {label}
          </button>
        ) : (
          <span className="rv-json-label">{label}</span>
        )}
        <span className="rv-json-summary">
          {collapsed ? jsonSummary(props.value) : long ? `${formatCount(text.length)} characters` : ''}
        </span>
        <button type="button" className="rv-btn rv-btn-small rv-copy" onClick={copy} aria-label={`Copy ${name}`}>
          {copyState === 'copied' ? 'Copied' : copyState === 'failed' ? 'Copy failed' : 'Copy'}
        </button>
      </div>
      {text !== null && (
        <pre className="rv-json-pre">
          {long && !showAll ? cutText(text, maxChars) : text}
          {long && !showAll && <span className="rv-cut" aria-hidden="true">{'\n…'}</span>}
        </pre>
      )}
      {long && (
        <button type="button" className="rv-btn rv-btn-small rv-more" aria-expanded={showAll} onClick={() => setShowAll(!showAll)}>
          {showAll ? 'Show less' : `Show all (${formatCount(text.length)} characters)`}
        </button>
      )}
    </div>
  );
}
