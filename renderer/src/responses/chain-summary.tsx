/**
 * One Responses request as a whole: its turns in order (each a recording, one click away), the tool
 * calls each turn made and the results the next turn carried, what is missing or ambiguous, and the
 * other recordings that claim a turn.
 */
import { useState, type JSX } from 'react';
import type { ChainSummaryView, ChainTurnView, ResponseChainResult } from '../../../shared/response-chain-view';
import { navigate } from '../state/route';
import './responses.css';

export function fileName(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base.length > 24 ? `${base.slice(0, 12)}…${base.slice(-10)}` : base;
}

export function RecordingLink({ path, current, label }: { path: string; current?: boolean; label?: string }): JSX.Element {
  if (current) return <span className="rs-current" title={path}>{label ?? fileName(path)} <span className="tl-badge">open</span></span>;
  return (
    <a href={`#/${path.split('/').map(encodeURIComponent).join('/')}`} className="rv-link rs-link" title={path}
      onClick={(e) => { e.preventDefault(); navigate({ path, chunk: null }); }}>
      {label ?? fileName(path)}
    </a>
  );
}

export function ChainSummary({ result }: { result: ResponseChainResult }): JSX.Element {
  const chain = result.chain;
  if (!chain) {
    return (
      <section className="rs-chain" aria-label="Turn chain">
        <p className="tl-muted">{result.note}</p>
      </section>
    );
  }
  const warnings = chain.issues.filter((i) => i.severity === 'warning').length;
  const parsed = result.stream?.toolResults ?? [];
  return (
    <section className="rs-chain" aria-label="Turn chain">
      <h4 className="tl-h4">
        Turn chain
        <span className="tl-badge">{chain.turns.length} turn{chain.turns.length === 1 ? '' : 's'}</span>
        <span className={`tl-badge ${chain.complete ? 'tl-badge-ok' : 'tl-badge-partial'}`}>{chain.complete ? 'complete' : 'incomplete'}</span>
        {warnings > 0 && <span className="tl-badge tl-badge-partial">{warnings} warning{warnings === 1 ? '' : 's'}</span>}
        <span className="tl-h-note rs-chain-id" title={chain.id}>{chain.id}</span>
      </h4>
      <ol className="rs-turns" aria-label="Turns">
        {chain.turns.map((t, i) => (
          <TurnView key={t.path} turn={t} open={t.path === result.path} next={chain.turns[i + 1]}
            chunks={parsed.filter((r) => r.turn === t.index).map((r) => ({ id: r.toolCallId, n: r.result.chunks.length, query: r.result.query }))} />
        ))}
      </ol>
      <ChainIssues chain={chain} open={result.path} />
      <Candidates chain={chain} open={result.path} />
    </section>
  );
}

function TurnView({ turn, open, next, chunks }: {
  turn: ChainTurnView; open: boolean; next: ChainTurnView | undefined; chunks: { id: string | null; n: number; query: string | null }[];
}): JSX.Element {
  return (
    <li className={open ? 'rs-turn rs-turn-open' : 'rs-turn'} aria-label={`turn ${turn.index}`}>
      <div className="rs-turn-head">
        <strong>Turn {turn.index}</strong>
        <RecordingLink path={turn.path} current={open} />
        {turn.link !== 'start' && <span className={`tl-badge ${turn.link === 'structure' ? 'tl-badge-partial' : ''}`} title="how this turn follows the previous one">linked by {turn.link === 'id' ? 'tool-call ids' : 'names and arguments only'}</span>}
        <span className={`tl-badge ${turn.hash.status === 'current' ? 'tl-badge-ok' : 'tl-badge-partial'}`} title={turn.hash.explanation}>hash {turn.hash.status}</span>
        {turn.alternatives.length > 0 && <span className="tl-badge tl-badge-partial">{turn.alternatives.length} other recording{turn.alternatives.length === 1 ? '' : 's'} of this turn</span>}
      </div>
      {turn.toolResults.length > 0 && (
        <ul className="rs-results" aria-label={`tool results in turn ${turn.index}`}>
          {turn.toolResults.map((r, k) => (
            <li key={k}>
              <span className="rs-arrow" aria-hidden="true">←</span> result of <code>{r.name ?? '?'}</code> <code className="rs-id">{r.toolCallId ?? '(no id)'}</code>
              <span className="tl-muted"> · {r.chars.toLocaleString()} characters</span>
              <span className="rs-preview">{r.preview}</span>
            </li>
          ))}
        </ul>
      )}
      {turn.toolCalls.length > 0 ? (
        <ul className="rs-calls" aria-label={`tool calls of turn ${turn.index}`}>
          {turn.toolCalls.map((c) => {
            const parsed = chunks.find((x) => x.id === c.id);
            const answered = next?.toolResults.some((r) => r.toolCallId === c.id);
            return (
              <li key={c.index}>
                <span className="rs-arrow" aria-hidden="true">→</span> calls <code className="rs-call">{c.name ?? '(unnamed)'}</code>
                <span className="tl-badge">{c.kind}</span> <code className="rs-id">{c.id ?? '(no id)'}</code> <code className="rs-args">{c.arguments}</code>
                {parsed && <span className="tl-muted"> · {parsed.n} chunk{parsed.n === 1 ? '' : 's'}{parsed.query ? ` for “${parsed.query}”` : ''}</span>}
                {next && !answered && <span className="tl-badge tl-badge-partial">no result in turn {next.index}</span>}
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="rs-final tl-muted">no tool call: {next ? 'the response continues' : 'the final answer'}</p>
      )}
    </li>
  );
}

/** A message with the recording paths it names turned into short links. */
export function LinkedMessage({ message, paths, open }: { message: string; paths: readonly string[]; open: string }): JSX.Element {
  const pieces = splitByPaths(message, paths);
  return (
    <>
      {pieces.map((p, i) => (typeof p === 'string' ? <span key={i}>{p}</span> : <RecordingLink key={i} path={p.path} current={p.path === open} />))}
    </>
  );
}

/** `message` cut around every occurrence of one of `paths` (longest first). */
export function splitByPaths(message: string, paths: readonly string[]): (string | { path: string })[] {
  const sorted = [...new Set(paths)].filter((p) => p !== '').sort((a, b) => b.length - a.length);
  const out: (string | { path: string })[] = [];
  let rest = message;
  for (;;) {
    let best: { at: number; path: string } | null = null;
    for (const p of sorted) {
      const at = rest.indexOf(p);
      if (at >= 0 && (best === null || at < best.at)) best = { at, path: p };
    }
    if (!best) break;
    if (best.at > 0) out.push(rest.slice(0, best.at));
    out.push({ path: best.path });
    rest = rest.slice(best.at + best.path.length);
  }
  if (rest !== '') out.push(rest);
  return out;
}

function ChainIssues({ chain, open }: { chain: ChainSummaryView; open: string }): JSX.Element | null {
  if (chain.issues.length === 0) return null;
  return (
    <ul className="rs-issues" aria-label="Chain issues">
      {chain.issues.map((i, k) => (
        <li key={k} className={`ev-issue ev-issue-${i.severity}`}>
          <span className={`tl-badge ${i.severity === 'warning' ? 'tl-badge-partial' : ''}`}>{i.kind}</span>{' '}
          <LinkedMessage message={i.message} paths={i.paths ?? []} open={open} />
        </li>
      ))}
    </ul>
  );
}

function Candidates({ chain, open }: { chain: ChainSummaryView; open: string }): JSX.Element | null {
  const [shown, setShown] = useState(false);
  const others = chain.candidates.filter((c) => !c.chosen);
  if (others.length === 0) return null;
  return (
    <div className="rs-candidates">
      <button type="button" className="rv-btn rv-btn-small" aria-expanded={shown} onClick={() => setShown(!shown)}>
        {shown ? 'Hide' : 'Show'} {others.length} alternative candidate{others.length === 1 ? '' : 's'}
      </button>
      {shown && (
        <ul aria-label="Alternative candidates" className="rs-cand-list">
          {others.map((c) => (
            <li key={c.path}>
              turn {c.turn} · <RecordingLink path={c.path} current={c.path === open} /> · hash {c.hashStatus}
              {c.parents.length === 0 && c.turn > 0 && <span className="tl-badge tl-badge-partial">no earlier turn links to it</span>}
              {c.unproducedIds.length > 0 && <span className="tl-badge tl-badge-partial">answers unproduced {c.unproducedIds.join(', ')}</span>}
              {c.exception && <span className="tl-badge tl-badge-error">exception</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
