/** Compact key/value tables (body parameters, tool kwargs) with values rendered as JSON. */
import type { JSX } from 'react';
import { JsonBlock } from './json-block';
import { isObj, toCompactJson } from './json-format';

const INLINE_MAX = 160;

function valueClass(v: unknown): string {
  if (v === null) return 'rv-val-null';
  if (Array.isArray(v) || isObj(v)) return 'rv-val-object';
  return `rv-val-${typeof v}`;
}

export function JsonValue({ value, label }: { value: unknown; label: string }): JSX.Element {
  const compact = toCompactJson(value);
  if (compact.length <= INLINE_MAX) return <code className={`rv-val ${valueClass(value)}`}>{compact}</code>;
  return <JsonBlock value={value} label={label} defaultCollapsed />;
}

export function KeyValueTable(props: { entries: Array<[string, unknown]>; label: string; emptyText?: string }): JSX.Element {
  if (props.entries.length === 0) return <p className="rv-muted">{props.emptyText ?? 'None.'}</p>;
  return (
    <table className="rv-kv" aria-label={props.label}>
      <tbody>
        {props.entries.map(([k, v], i) => (
          <tr key={`${i}:${k}`}>
            <th scope="row">{k}</th>
            <td>
              <JsonValue value={v} label={k} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ParametersSection({ entries }: { entries: Array<[string, unknown]> }): JSX.Element {
  return (
    <section className="rv-section">
      <h4 className="rv-h4">
        Parameters <span className="rv-count">{entries.length}</span>
      </h4>
      <KeyValueTable entries={entries} label="Parameters" emptyText="No other parameters." />
    </section>
  );
}
