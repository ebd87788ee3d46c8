/**
 * "Why was my recording not found?": paste a replay failure (recorder error + pytest node id) or a
 * request body; the host ranks the nearest recordings (same test id, endpoint and model first, then by
 * similarity) and says, field by field, what differs and whether normalisation absorbs it.
 */
import { useState, type FormEvent } from 'react';
import type { HostApi } from '../../../shared/host-api';
import type { JudgedDifference } from '../../../shared/flaky/hash-view';
import type { WhyCandidate, WhyReport, WhyTier } from '../../../shared/flaky/why-not-found';
import { shortTestId } from '../table/format';
import { openView } from './open-view';
import { Abbrev, ErrorBox, FileLink, HashBadge, ValueCell, plural } from './ui';
import { WidthToggle } from './layout';

const TIER_TEXT: Record<WhyTier, string> = {
  exact: 'exact match',
  'same-test-endpoint-model': 'same test · endpoint · model',
  'same-test': 'same test',
  'same-endpoint-model': 'same endpoint · model',
  other: 'other',
};

const PLACEHOLDER = `Paste the failure, e.g.

FAILED tests/integration/responses/test_x.py::test_y[txt=openai/gpt-4o] - RuntimeError: Recording not found for request hash: 5527813af22f…
Model: gpt-4o | Request: POST https://api.openai.com/v1/v1/chat/completions

…or a request body / a whole recording as JSON.`;

/** Kept across navigation within the session: going to a candidate and back keeps the result. */
const memory: { text: string; report: WhyReport | null } = { text: '', report: null };

export function WhyView({ host }: { host: HostApi }) {
  const [text, setText] = useState(memory.text);
  const [report, setReport] = useState<WhyReport | null>(memory.report);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!text.trim()) {
      setError('Paste a replay failure (e.g. “Recording not found for request hash: …” with the test id line) or a request body first.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await host.invoke('whyNotFound', { text });
      memory.report = r;
      setReport(r);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="flaky-view" aria-label="Why not found">
      <header className="flaky-header">
        <div className="flaky-title-row"><h2>Why was my recording not found?</h2><WidthToggle /></div>
        <p className="muted">
          Paste a replay failure — <code>Recording not found for request hash: &lt;hash&gt;</code> with the test id from the log — or the request body.
          The nearest recordings are listed: same test id, endpoint and model first, then by similarity.
        </p>
      </header>
      <form className="why-form" onSubmit={(e) => void run(e)}>
        <textarea aria-label="Replay failure or request" value={text} placeholder={PLACEHOLDER} spellCheck={false} rows={8}
          onChange={(e) => { setText(e.target.value); memory.text = e.target.value; }}
          onKeyDown={(e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void run(); }} />
        <div className="why-form-bar">
          <button type="submit" className="primary" disabled={busy}>{busy ? 'Searching…' : 'Find nearest recordings'}</button>
          <span className="muted flaky-small">Ctrl+Enter</span>
          {report && <button type="button" className="link-button" onClick={() => { setReport(null); memory.report = null; }}>Clear result</button>}
        </div>
      </form>
      {error && <ErrorBox>{error}</ErrorBox>}
      {report && <Report report={report} />}
    </section>
  );
}

function Report({ report }: { report: WhyReport }) {
  const q = report.query;
  return (
    <div className="why-report">
      <div className={`why-verdict${report.found ? ' found' : ''}`} role="region" aria-label="Verdict">
        <strong>{report.found ? 'A recording matches.' : 'No recording matches.'}</strong>
        <ul>{report.verdict.map((line, i) => <li key={i}><Abbrev text={line} /></li>)}</ul>
      </div>
      <dl className="kv why-query" aria-label="What the input says">
        {q.hashes.length > 0 && <><dt>Hash</dt><dd>{q.hashes.map((h) => <code key={h.hash}>{h.hash}{h.short ? ' (short)' : ''}{h.modelList ? ' (model list)' : ''}</code>)}</dd></>}
        <dt>Test id</dt><dd>{q.testId === undefined ? <span className="muted">not given</span> : q.testId === null ? <em>none (no active test)</em> : <code>{q.testId}</code>}</dd>
        {q.model && <><dt>Model</dt><dd>{q.model}</dd></>}
        {(q.endpoint || q.urlPath) && <><dt>Endpoint</dt><dd><code>{q.endpoint ?? q.urlPath}</code></dd></>}
        {q.inputShape && <><dt>Pasted</dt><dd>{q.inputShape === 'body' ? 'an SDK request body' : q.inputShape === 'request' ? 'a request object' : 'a whole recording'}</dd></>}
        {q.computedHash && <><dt>Its hash</dt><dd><code>{q.computedHash}</code> <span className="muted">({report.currentProfile})</span></dd></>}
        {q.assumed.length > 0 && <><dt>Assumed</dt><dd className="muted">{q.assumed.join('; ')}</dd></>}
        <dt>Searched</dt><dd>{plural(report.searched, 'recording')}</dd>
      </dl>
      {report.candidates.length === 0 && <p className="muted">No candidates.</p>}
      <ol className="why-candidates" aria-label="Nearest recordings">
        {report.candidates.map((c) => <Candidate key={c.path} c={c} />)}
      </ol>
    </div>
  );
}

function Candidate({ c }: { c: WhyCandidate }) {
  return (
    <li className={`why-candidate tier-${c.tier}`} aria-label={`Candidate ${c.rank}`}>
      <div className="why-candidate-head">
        <span className="why-rank">#{c.rank}</span>
        <FileLink path={c.path} />
        <span className={`tier tier-${c.tier}`}>{TIER_TEXT[c.tier]}</span>
        {c.similarity !== null && <span className="similarity" title="Similarity of the normalised requests (Dice over path=value leaves)">
          <meter min={0} max={1} value={c.similarity} aria-label="Similarity" /> {Math.round(c.similarity * 100)}%
        </span>}
        <HashBadge hash={c.hash} />
        {c.nameMatch && <span className="flaky-tag" title="The file name carries the sought hash">name carries the hash</span>}
        {c.hashMatch && <span className="flaky-tag" title={`${c.hashMatch.name}`}>content hashes to it ({c.hashMatch.profile})</span>}
        <span className="why-candidate-links">
          <button type="button" className="link-button" onClick={() => openView({ kind: 'test', testId: c.testId })}>test view</button>
        </span>
      </div>
      <div className="why-candidate-meta muted flaky-small">
        <span title={c.testId ?? ''}>{c.testId ? shortTestId(c.testId) : 'no test id'}</span>
        <span>{c.endpoint}</span>
        {c.model && <span>{c.model}</span>}
        <span>turn {c.turn}</span>
      </div>
      <p className={`why-summary${c.location ? ' why-location' : ''}`}>{c.location ? '⚠ ' : ''}<Abbrev text={c.summary} /></p>
      {c.differences.length > 0 && <JudgedTable c={c} />}
    </li>
  );
}

function verdictText(d: JudgedDifference): string {
  if (d.verdict === 'changes-hash') return 'changes the hash';
  return `absorbed by ${d.rules && d.rules.length > 0 ? d.rules.join(', ') : 'normalisation'}`;
}

function JudgedTable({ c }: { c: WhyCandidate }) {
  const more = c.differenceCount - c.differences.length;
  return (
    <table className="flaky-table why-diffs" aria-label="Differing fields">
      <thead>
        <tr><th>Field</th><th>Change</th><th>In the recording</th><th>In your request</th><th>Verdict</th></tr>
      </thead>
      <tbody>
        {c.differences.map((d, i) => (
          <tr key={`${d.path}#${i}`} className={`verdict-${d.verdict}`}>
            <td><code className="json-path">{d.path}</code></td>
            <td><span className={`diff-kind diff-kind-${d.kind}`}>{d.kind}</span>{d.note && <div className="muted flaky-small">{d.note}</div>}</td>
            <td><ValueCell value={d.before} /></td>
            <td><ValueCell value={d.after} /></td>
            <td>
              <span className={`verdict verdict-${d.verdict}`}>{verdictText(d)}</span>
              <div className="muted flaky-small">{d.explanation}</div>
            </td>
          </tr>
        ))}
        {more > 0 && <tr><td colSpan={5} className="muted">…and {more} more ({c.hashChanging} change the hash, {c.absorbed} absorbed in all).</td></tr>}
      </tbody>
    </table>
  );
}
