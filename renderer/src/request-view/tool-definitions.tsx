/** Tool definitions (collapsible, with their JSON schema), tool_choice and response_format. */
import { useId, useState, type JSX } from 'react';
import { JsonBlock } from './json-block';
import { cleanDoc, isObj } from './json-format';
import { LongText } from './long-text';
import type { ToolDef } from './request-model';

/** `location, unit?` from a JSON schema's properties / required. */
export function signatureOf(schema: unknown): string | null {
  if (!isObj(schema) || !isObj(schema.properties)) return null;
  const required = Array.isArray(schema.required) ? schema.required : [];
  return Object.keys(schema.properties).map((k) => (required.includes(k) ? k : `${k}?`)).join(', ');
}

function firstLine(text: string): string {
  const line = cleanDoc(text).split('\n')[0] ?? '';
  return line.length > 160 ? line.slice(0, 159) + '…' : line;
}

function ToolDefView(props: { tool: ToolDef; open: boolean; onToggle: () => void }): JSX.Element {
  const { tool, open } = props;
  const panelId = useId();
  const sig = signatureOf(tool.schema);
  return (
    <li className="rv-tool">
      <h5 className="rv-h5">
        <button type="button" className="rv-tool-toggle" aria-expanded={open} aria-controls={panelId} onClick={props.onToggle}>
          <span className="rv-caret" aria-hidden="true">{open ? '▾' : '▸'}</span>
          {tool.name}
        </button>
        {sig !== null && <span className="rv-tool-sig">({sig})</span>}
        {tool.type && tool.type !== 'function' && <span className="rv-chip">{tool.type}</span>}
      </h5>
      {!open && tool.description && <div className="rv-tool-desc-line rv-muted">{firstLine(tool.description)}</div>}
      {open && (
        <div id={panelId} className="rv-tool-body">
          {tool.description && <LongText text={cleanDoc(tool.description)} className="rv-tool-desc" />}
          {tool.schema !== undefined ? (
            <JsonBlock value={tool.schema} label="Parameters schema" name={`Parameters schema of ${tool.name}`} />
          ) : (
            <p className="rv-muted rv-small">(no parameters schema)</p>
          )}
          {tool.extra && <JsonBlock value={tool.extra} label="Other fields" name={`Other fields of ${tool.name}`} />}
        </div>
      )}
    </li>
  );
}

export function ToolDefinitions({ tools }: { tools: ToolDef[] }): JSX.Element {
  const [open, setOpen] = useState<ReadonlySet<number>>(() => new Set(tools.length <= 2 ? tools.map((_, i) => i) : []));
  const allOpen = tools.length > 0 && open.size === tools.length;
  const toggle = (i: number) => {
    const next = new Set(open);
    if (next.has(i)) next.delete(i);
    else next.add(i);
    setOpen(next);
  };
  return (
    <section className="rv-section" aria-label="Tool definitions">
      <div className="rv-section-head">
        <h4 className="rv-h4">
          Tool definitions <span className="rv-count">{tools.length}</span>
        </h4>
        {tools.length > 1 && (
          <button type="button" className="rv-btn rv-btn-small" onClick={() => setOpen(new Set(allOpen ? [] : tools.map((_, i) => i)))}>
            {allOpen ? 'Collapse all tools' : 'Expand all tools'}
          </button>
        )}
      </div>
      {tools.length === 0 ? (
        <p className="rv-muted">Empty list of tools.</p>
      ) : (
        <ul role="list" className="rv-tools">
          {tools.map((t, i) => (
            <ToolDefView key={i} tool={t} open={open.has(i)} onToggle={() => toggle(i)} />
          ))}
        </ul>
      )}
    </section>
  );
}

export function ToolChoiceView({ value }: { value: unknown }): JSX.Element {
  return (
    <section className="rv-section" aria-label="Tool choice">
      <h4 className="rv-h4">Tool choice</h4>
      {typeof value === 'string' ? <code className="rv-val rv-val-string">{value}</code> : <JsonBlock value={value} label="tool_choice" />}
    </section>
  );
}

function formatSummary(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (!isObj(value)) return null;
  const type = typeof value.type === 'string' ? value.type : null;
  const js = isObj(value.json_schema) ? value.json_schema : null;
  const name = js && typeof js.name === 'string' ? js.name : null;
  if (!type) return null;
  return name ? `${type} · ${name}${js?.strict === true ? ' (strict)' : ''}` : type;
}

export function ResponseFormatView({ value }: { value: unknown }): JSX.Element {
  const summary = formatSummary(value);
  return (
    <section className="rv-section" aria-label="Response format">
      <h4 className="rv-h4">
        Response format {summary && <span className="rv-h-note">{summary}</span>}
      </h4>
      {typeof value !== 'string' && <JsonBlock value={value} label="response_format" />}
    </section>
  );
}
