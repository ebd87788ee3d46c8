/**
 * The Responses events the server would have sent, synced with the timeline: every event of earlier
 * turns, the events of the open turn up to the current chunk, none of later turns. The newest is
 * highlighted and followed; any event expands to its JSON. Ids are the inspector's placeholders.
 * Derived events (defined by the server but never sent) appear only on request, badged.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type JSX } from 'react';
import type { ResponseChainResult, ResponsesVersion, StreamView } from '../../../shared/response-chain-view';
import { JsonBlock } from '../request-view/json-block';
import { eventSummary, filterRows, progressText, sequenceLabel, sourceLabel, typeCounts, visibleRows, type EventRow } from './events-logic';
import { VERSION_LABELS } from './version-store';
import './responses.css';

export interface EventsPanelProps {
  result: ResponseChainResult;
  /** Step index of the open recording's timeline (-1 = before the first chunk). */
  position: number;
  version: ResponsesVersion;
  onVersion: (v: ResponsesVersion) => void;
  /** A new version is being derived (the list shows the previous one meanwhile). */
  loading?: boolean;
}

export function EventsPanel({ result, position, version, onVersion, loading = false }: EventsPanelProps): JSX.Element {
  const stream = result.stream;
  const [typeFilter, setTypeFilter] = useState<string | null>(null);
  const [withDerived, setWithDerived] = useState(false);
  const [follow, setFollow] = useState(true);
  const turn = result.turn ?? 0;
  const rows = useMemo(() => (stream ? visibleRows(stream, turn, position, withDerived) : []), [stream, turn, position, withDerived]);
  const shown = useMemo(() => filterRows(rows, typeFilter), [rows, typeFilter]);
  const types = useMemo(() => (stream ? typeCounts(stream, withDerived) : []), [stream, withDerived]);
  const emitted = rows.reduce((n, r) => n + (r.kind === 'emitted' ? 1 : 0), 0);
  const count = { shown: shown.length, emitted, total: stream?.events.length ?? 0, derived: rows.length - emitted, filtered: typeFilter !== null };
  const suggestion = result.suggestion;

  return (
    <section className="ev-panel" aria-label="Responses events" aria-busy={loading}>
      <h4 className="tl-h4">
        Responses events
        {stream && <span className="tl-badge" aria-label="Event count">{progressText(count)}</span>}
        {stream && <TerminalBadge stream={stream} />}
        {loading && <span className="tl-h-note">deriving…</span>}
      </h4>
      <div className="ev-toolbar">
        <label className="ev-field">
          Server
          <select aria-label="Server version" value={version} onChange={(e) => onVersion(e.target.value as ResponsesVersion)}>
            <option value="HEAD">{VERSION_LABELS.HEAD}</option>
            <option value="V2510">{VERSION_LABELS.V2510}</option>
          </select>
        </label>
        <label className="ev-field">
          Type
          <select aria-label="Event type filter" value={typeFilter ?? ''} onChange={(e) => setTypeFilter(e.target.value === '' ? null : e.target.value)}>
            <option value="">all types</option>
            {types.map((t) => (
              <option key={t.type} value={t.type}>{`${t.type} (${t.count})${t.derived ? ' — derived' : ''}`}</option>
            ))}
            {typeFilter !== null && !types.some((t) => t.type === typeFilter) && <option value={typeFilter}>{typeFilter} (0)</option>}
          </select>
        </label>
        <label className="ev-check">
          <input type="checkbox" checked={withDerived} onChange={(e) => setWithDerived(e.target.checked)} />
          Show derived events
        </label>
        <label className="ev-check">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} />
          Follow newest
        </label>
      </div>
      {suggestion && suggestion.version !== version && (
        <p className="ev-note ev-note-hint" role="note">
          These recordings look like the {VERSION_LABELS[suggestion.version]} server ({suggestion.reasons.slice(0, 2).join('; ')}).{' '}
          <button type="button" className="rv-btn rv-btn-small" onClick={() => onVersion(suggestion.version)}>
            Use {VERSION_LABELS[suggestion.version]}
          </button>
        </p>
      )}
      <p className="ev-note" role="note" aria-label="Placeholder ids">
        <strong>Ids are placeholders.</strong> The server generates response and item ids at random (<code>resp_…</code>,{' '}
        <code>msg_…</code>, <code>fc_…</code>) and they are not recorded; this list shows the inspector’s stand-ins
        (<code>resp_placeholder_1</code>, <code>msg_placeholder_1</code>…).
        {stream && stream.placeholders.length > 0 && <> Also reconstructed: {stream.placeholders.filter((p) => p !== 'response id and item ids').join('; ')}.</>}
      </p>
      {stream && stream.httpBody.kind === 'response' && (
        <p className="ev-note" role="note">The client asked for <code>stream: false</code>: the server builds these events but returns only the terminal response as the HTTP body.</p>
      )}
      {stream && stream.httpBody.kind === 'http-error' && (
        <p className="ev-note ev-note-warn" role="note">HTTP body: {stream.httpBody.message}</p>
      )}
      {stream && stream.issues.length > 0 && (
        <ul className="ev-issues" aria-label="Derivation notes">
          {stream.issues.map((i, k) => (
            <li key={k} className={`ev-issue ev-issue-${i.severity}`}>
              <span className="tl-badge">{i.severity}</span> {i.message}
            </li>
          ))}
        </ul>
      )}
      {!stream ? (
        <p className="tl-muted">No events.</p>
      ) : shown.length === 0 ? (
        <p className="tl-muted ev-empty">{rows.length === 0 ? 'No event has been sent at this position yet.' : 'No event of this type has been sent at this position.'}</p>
      ) : (
        <EventList rows={shown} follow={follow} />
      )}
    </section>
  );
}

function TerminalBadge({ stream }: { stream: StreamView }): JSX.Element | null {
  if (stream.terminal === 'none') return <span className="tl-badge tl-badge-partial">no terminal event</span>;
  const cls = stream.terminal === 'completed' ? 'tl-badge-ok' : stream.terminal === 'failed' ? 'tl-badge-error' : 'tl-badge-partial';
  return <span className={`tl-badge ${cls}`} title="how the whole response ends">ends with response.{stream.terminal}</span>;
}

const ROW_ESTIMATE = 26;

/** Virtualised: the largest streams have thousands of delta events. */
function EventList({ rows, follow }: { rows: readonly EventRow[]; follow: boolean }): JSX.Element {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE,
    overscan: 12,
    getItemKey: (i) => rows[i]!.key,
  });
  const newest = rows.length - 1;
  const newestKey = rows[newest]?.key;
  useEffect(() => {
    if (!follow || newest < 0) return undefined;
    // The newest row is the last one: follow = stay at the bottom, again once new rows are measured.
    virtualizer.scrollToIndex(newest, { align: 'end' });
    const toBottom = () => {
      const el = scrollRef.current;
      if (el) el.scrollTop = el.scrollHeight;
    };
    let frame = requestAnimationFrame(() => {
      toBottom();
      frame = requestAnimationFrame(toBottom);
    });
    return () => cancelAnimationFrame(frame);
  }, [follow, newest, newestKey, virtualizer]);
  const reveal = useRef<string | null>(null);
  const toggle = useCallback((key: string) => {
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else {
        next.add(key);
        reveal.current = key;
      }
      return next;
    });
  }, []);
  // After an expansion is measured, scroll as little as needed to show it (its top when it is taller than the list).
  useEffect(() => {
    const key = reveal.current;
    if (key === null) return undefined;
    reveal.current = null;
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => {
        const el = scrollRef.current;
        const index = rows.findIndex((r) => r.key === key);
        const item = virtualizer.measurementsCache[index];
        const node = el?.querySelector<HTMLElement>(`[data-index="${index}"]`);
        if (!el || !item || !node) return;
        const start = item.start;
        const size = node.offsetHeight;
        const top = el.scrollTop;
        const height = el.clientHeight;
        if (start + size > top + height) el.scrollTop = size > height ? start : start + size - height;
        else if (start < top) el.scrollTop = start;
      });
    });
    return () => cancelAnimationFrame(frame);
  }, [expanded, rows, virtualizer]);
  const items = virtualizer.getVirtualItems();
  return (
    <div ref={scrollRef} className="ev-scroll" tabIndex={-1}>
      <div role="list" aria-label="Emitted events" className="ev-list" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const row = rows[item.index]!;
          return (
            <div key={item.key} data-index={item.index} ref={virtualizer.measureElement} className="ev-slot" style={{ transform: `translateY(${item.start}px)` }}>
              <EventRowView row={row} newest={item.index === newest} expanded={expanded.has(row.key)} onToggle={toggle} />
            </div>
          );
        })}
      </div>
    </div>
  );
}

const EventRowView = memo(function EventRowView({ row, newest, expanded, onToggle }: {
  row: EventRow; newest: boolean; expanded: boolean; onToggle: (key: string) => void;
}): JSX.Element {
  const derived = row.kind === 'derived';
  const cls = ['ev-row', derived ? 'ev-row-derived' : '', newest ? 'ev-row-newest' : '', `ev-type-${row.type.split('.')[1] ?? 'other'}`].filter(Boolean).join(' ');
  return (
    <div role="listitem" className={cls} aria-current={newest ? 'true' : undefined} data-event-type={row.type}>
      <button type="button" className="ev-row-head" aria-expanded={expanded} onClick={() => onToggle(row.key)}>
        <span className="ev-caret" aria-hidden="true">{expanded ? '▾' : '▸'}</span>
        <span className="ev-seq">{sequenceLabel(row.event)}</span>
        <span className="ev-type" title={row.type}>{row.type}</span>
        <span className="ev-summary">{eventSummary(row.event)}</span>
        <span className="ev-source">{sourceLabel(row.source)}</span>
        {derived && <span className="ev-derived-badge">derived — not sent by the server</span>}
      </button>
      {expanded && (
        <div className="ev-detail">
          {row.note && <p className="ev-note ev-note-warn">{row.note}</p>}
          <JsonBlock value={row.event} label={derived ? 'Derived event JSON (synthetic)' : 'Event JSON'} name={`JSON of ${row.type} ${sequenceLabel(row.event)}`} collapsible={false} />
        </div>
      )}
    </div>
  );
});
