/**
 * One test at a time: every recording whose test_id is the test, across folders, grouped into the
 * logical requests it makes, each variant marked (current ✓ / superseded / stale / mismatch), with the
 * cleanup items of the test. Without a test id: a list of the folder's tests to pick from.
 */
import { useEffect, useMemo, useState } from 'react';
import type { HostApi, HostResults, RecordingRow } from '../../../shared/host-api';
import type { LogicalRequest, RequestVariant } from '../../../shared/flaky/test-groups';
import { shortTestId } from '../table/format';
import { CleanupPanel } from './cleanup-panel';
import { baseName, openView } from './open-view';
import { formatViewRoute } from './view-route';
import { summarizeTests, testRowsSignature, togglePick } from './selection';
import { Abbrev, DiffTable, ErrorBox, FileLink, HashBadge, MarkBadge, StateBadge, plural } from './ui';
import { WidthToggle } from './layout';

type Load = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; data: HostResults['testView'] };

export function TestView({ host, testId, rows, readOnly }: { host: HostApi; testId: string | null | undefined; rows: readonly RecordingRow[]; readOnly: boolean }) {
  if (testId === undefined) return <TestPicker rows={rows} />;
  return <OneTest key={String(testId)} host={host} testId={testId} rows={rows} readOnly={readOnly} />;
}

function OneTest({ host, testId, rows, readOnly }: { host: HostApi; testId: string | null; rows: readonly RecordingRow[]; readOnly: boolean }) {
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [reload, setReload] = useState(0);
  const [picked, setPicked] = useState<string[]>([]);
  const signature = useMemo(() => testRowsSignature(rows, testId), [rows, testId]);

  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      host.invoke('testView', { testId }).then(
        (data) => { if (!cancelled) setLoad({ status: 'ready', data }); },
        (e: Error) => { if (!cancelled) setLoad({ status: 'error', message: e.message }); },
      );
    }, 150);
    return () => { cancelled = true; clearTimeout(timer); };
  }, [host, testId, signature, reload]);

  // drop picks that vanished
  useEffect(() => {
    if (load.status !== 'ready') return;
    const present = new Set(load.data.groups.groups.flatMap((g) => g.variants.map((v) => v.path)));
    setPicked((p) => (p.every((x) => present.has(x)) ? p : p.filter((x) => present.has(x))));
  }, [load]);

  const currentPaths = useMemo(
    () => new Set(load.status === 'ready' ? load.data.groups.groups.flatMap((g) => g.variants.filter((v) => v.mark === 'current').map((v) => v.path)) : []),
    [load],
  );
  const diffSelected = () => {
    const [x, y] = picked;
    if (!x || !y) return;
    // the current variant on the left, as in the per-variant differences
    const [a, b] = currentPaths.has(y) && !currentPaths.has(x) ? [y, x] : [x, y];
    openView({ kind: 'diff', a, b });
  };

  return (
    <section className="flaky-view" aria-label="Test view">
      <header className="flaky-header">
        <div className="flaky-title-row">
          <h2>Test view</h2>
          <button type="button" onClick={() => openView({ kind: 'test', testId: undefined })}>Other test…</button>
          <button type="button" onClick={() => setReload((n) => n + 1)} title="Read the recordings again">Reload</button>
          <WidthToggle />
        </div>
        <div className="flaky-testid" aria-label="Test id">{testId === null ? <em>Recordings made with no active test (test_id null)</em> : <code>{testId}</code>}</div>
        {load.status === 'ready' && <Counts data={load.data} />}
      </header>
      {load.status === 'loading' && <p className="muted flaky-pad">Reading the recordings of this test…</p>}
      {load.status === 'error' && <ErrorBox>{load.message}</ErrorBox>}
      {load.status === 'ready' && load.data.groups.groups.length === 0 && (
        <p className="muted flaky-pad">No recording in this folder has this test id.</p>
      )}
      {load.status === 'ready' && load.data.groups.groups.length > 0 && (
        <>
          <div className="flaky-selectbar" role="region" aria-label="Diff selection">
            <span className="muted">{picked.length === 0 ? 'Tick two variants to compare them.' : picked.length === 1 ? `Selected ${baseName(picked[0]!)} — tick one more.` : `Selected ${baseName(picked[0]!)} and ${baseName(picked[1]!)}.`}</span>
            <button type="button" className="primary" disabled={picked.length !== 2} onClick={diffSelected}>Diff selected</button>
            {picked.length > 0 && <button type="button" className="link-button" onClick={() => setPicked([])}>Clear</button>}
          </div>
          <div className="flaky-groups">
            {load.data.groups.groups.map((g, i) => (
              <RequestSection key={g.id} group={g} n={i + 1} picked={picked} onPick={(p) => setPicked((s) => togglePick(s, p))} />
            ))}
          </div>
          <CleanupPanel host={host} plan={load.data.cleanup} readOnly={readOnly} scope="test" trashLabel="Move to trash…" onTrashed={() => setReload((n) => n + 1)} />
        </>
      )}
    </section>
  );
}

function Counts({ data }: { data: HostResults['testView'] }) {
  const c = data.groups.counts;
  const parts: Array<[string, number, string]> = [
    ['current', c.current, 'current'], ['superseded', c.superseded, 'superseded'], ['stale', c.stale, 'stale'],
    ['mismatch', c.mismatch, 'mismatch'], ['unverifiable', c.unverifiable, 'unverifiable'],
  ];
  return (
    <div className="flaky-counts" aria-label="Counts">
      <span>{plural(c.files, 'file')}</span>
      <span>{plural(c.requests, 'logical request')}</span>
      {parts.filter(([, n]) => n > 0).map(([k, n, label]) => <span key={k} className={`count-${k}`}>{n} {label}</span>)}
    </div>
  );
}

function RequestSection({ group, n, picked, onPick }: { group: LogicalRequest; n: number; picked: string[]; onPick(path: string): void }) {
  const params = Object.entries(group.params);
  return (
    <section className={`flaky-group group-${group.state}`} aria-label={`Logical request ${n}`}>
      <header className="flaky-group-head">
        <span className="flaky-group-n">#{n}</span>
        <span className="flaky-turn" title="Model turns already in the conversation this request sends">turn {group.turn}{group.chained ? ' · chained' : ''}</span>
        <code className="flaky-endpoint">{group.endpoint || '—'}</code>
        {group.model && <span className="flaky-model">{group.model}</span>}
        <StateBadge state={group.state} />
        <span className="muted flaky-small">{plural(group.variants.length, 'variant')}</span>
      </header>
      {(group.anchor || params.length > 0) && (
        <div className="flaky-anchor-row">
          {group.anchor && <span className="flaky-anchor" title={group.anchor}>“{group.anchor}”</span>}
          {params.map(([k, v]) => <span key={k} className="flaky-param"><span className="muted">{k}</span>={v}</span>)}
        </div>
      )}
      <table className="flaky-table variants-table" aria-label="Variants">
        <thead>
          <tr><th className="col-check"><span className="visually-hidden">Diff</span></th><th>Mark</th><th>File</th><th>Hash</th><th>Why</th></tr>
        </thead>
        <tbody>
          {group.variants.map((v) => <VariantRow key={v.path} v={v} checked={picked.includes(v.path)} onPick={() => onPick(v.path)} />)}
        </tbody>
      </table>
    </section>
  );
}

function VariantRow({ v, checked, onPick }: { v: RequestVariant; checked: boolean; onPick(): void }) {
  const [open, setOpen] = useState(false);
  const diffs = v.differences ?? [];
  return (
    <>
      <tr className={`variant variant-${v.mark}${checked ? ' checked' : ''}`} aria-label={`Variant ${baseName(v.path)}`}>
        <td className="col-check"><input type="checkbox" aria-label={`Select ${baseName(v.path)} for diff`} checked={checked} onChange={onPick} /></td>
        <td className="col-mark"><MarkBadge mark={v.mark} />{v.confidence && <div className={`confidence conf-${v.confidence}`} title="How sure the choice is">{v.confidence} confidence</div>}</td>
        <td className="col-file"><FileLink path={v.path} /></td>
        <td className="col-hash"><HashBadge hash={v.hash} /></td>
        <td className="col-reason">
          <span><Abbrev text={v.reason} /></span>
          {v.diffCount !== undefined && v.diffCount > 0 && (
            <div>
              <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
                {open ? '▾' : '▸'} {plural(v.diffCount, 'difference')} from the current variant
              </button>
            </div>
          )}
          {v.diffCount === 0 && <div className="muted flaky-small">Same hashed request as the current variant.</div>}
        </td>
      </tr>
      {open && diffs.length > 0 && (
        <tr className="variant-diffs">
          <td />
          <td colSpan={4}>
            <DiffTable entries={diffs} label={`Differences of ${baseName(v.path)} from the current variant`} beforeLabel="Current" afterLabel="This variant" more={(v.diffCount ?? 0) - diffs.length} />
          </td>
        </tr>
      )}
    </>
  );
}

function TestPicker({ rows }: { rows: readonly RecordingRow[] }) {
  const [query, setQuery] = useState('');
  const tests = useMemo(() => summarizeTests(rows), [rows]);
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = tests.filter((t) => words.every((w) => (t.testId ?? 'no test id').toLowerCase().includes(w))).slice(0, 400);
  return (
    <section className="flaky-view" aria-label="Test view">
      <header className="flaky-header">
        <div className="flaky-title-row"><h2>Test view</h2><WidthToggle /></div>
        <p className="muted">Pick a test: its recordings are grouped into the requests it makes, with the pile-up that re-recording leaves behind marked. Tests with stale or mismatched files come first.</p>
        <input type="search" className="flaky-wide-input" aria-label="Filter tests" placeholder="Filter tests…" value={query} onChange={(e) => setQuery(e.target.value)} autoFocus />
      </header>
      <table className="flaky-table tests-table" aria-label="Tests">
        <thead><tr><th>Test</th><th>Suite</th><th className="num">Files</th><th className="num">Current</th><th className="num">Stale</th><th className="num">Mismatch</th></tr></thead>
        <tbody>
          {shown.map((t) => (
            <tr key={String(t.testId)}>
              <td className="flaky-ellipsis">
                <a href={formatViewRoute({ kind: 'test', testId: t.testId })} title={t.testId ?? 'no test id'} onClick={(e) => { e.preventDefault(); openView({ kind: 'test', testId: t.testId }); }}>
                  {t.testId ? shortTestId(t.testId) : <em>no test id</em>}
                </a>
              </td>
              <td className="muted" title={t.suites.join(', ')}>{t.suites.slice(0, 2).join(', ')}{t.suites.length > 2 ? ` +${t.suites.length - 2}` : ''}</td>
              <td className="num">{t.files}</td>
              <td className="num">{t.current || ''}</td>
              <td className={`num${t.stale ? ' warn' : ''}`}>{t.stale || ''}</td>
              <td className={`num${t.mismatch ? ' bad' : ''}`}>{t.mismatch || ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown.length === 0 && <p className="muted flaky-pad">{rows.length === 0 ? 'No recordings indexed yet.' : 'No test matches.'}</p>}
    </section>
  );
}
