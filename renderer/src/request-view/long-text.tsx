/** Wrapped plain text; texts over 20k characters are cut with a "show all" button. */
import { useState, type JSX } from 'react';
import { formatCount, TRUNCATE_AT } from './json-format';

/** Cut at `limit` without splitting a surrogate pair. */
export function cutText(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const code = text.charCodeAt(limit - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit);
}

export function LongText(props: { text: string; className?: string; limit?: number; mono?: boolean }): JSX.Element {
  const limit = props.limit ?? TRUNCATE_AT;
  const [all, setAll] = useState(false);
  const long = props.text.length > limit;
  const shown = long && !all ? cutText(props.text, limit) : props.text;
  const cls = ['rv-text', props.mono ? 'rv-mono' : '', props.className ?? ''].filter(Boolean).join(' ');
  return (
    <div className="rv-longtext">
      <div className={cls}>
        {shown}
        {long && !all && <span className="rv-cut" aria-hidden="true">…</span>}
      </div>
      {long && (
        <button type="button" className="rv-btn rv-btn-small rv-more" onClick={() => setAll(!all)} aria-expanded={all}>
          {all ? 'Show less' : `Show all (${formatCount(props.text.length)} characters)`}
        </button>
      )}
    </div>
  );
}
