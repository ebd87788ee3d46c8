/**
 * Diff of two recordings, or of a recording and its version in git HEAD: the request difference by JSON
 * path (key order ignored, numbers compared exactly), the difference of the reconstructed answers
 * (text, tool calls, usage), and the raw text side by side in Monaco's diff editor (loaded lazily).
 */
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import type { HostApi, RecordingRow } from '../../../shared/host-api';
import { diffAnswers, diffJson, type Answer, type DiffEntry } from '../../../shared/flaky/request-diff';
import { rawHashView } from '../../../shared/flaky/hash-view';
import { get, type JsonObject, type JsonValue } from '../../../shared/json/json-value';
import { tryParseJson } from '../../../shared/json/lossless-json';
import { formatSize, shortTestId } from '../table/format';
import type { GitIndex } from './git-rows';
import { baseName, openView } from './open-view';
import { RecordingPicker } from './recording-picker';
import { DiffTable, ErrorBox, FileLink, HashBadge, plural } from './ui';
import { HEAD } from './view-route';
import { WidthToggle } from './layout';

const DiffView = lazy(() => import('../editor/diff-view').then((m) => ({ default: m.DiffView })));

const MAX_ENTRIES = 2000;

interface SideSpec {
  source: 'file' | 'head';
  path: string;
}

type SideLoad =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; text: string; size: number; value: JsonValue | null; parseError: string | null };

export interface CompareViewProps {
  host: HostApi;
  a: string | null;
  b: string | null;
  rows: readonly RecordingRow[];
  git: GitIndex | null;
}

export function CompareView(props: CompareViewProps) {
  const { a, b, rows } = props;
  const rowA = rows.find((r) => r.path === a);
  if (!a || !b) {
    return (
      <section className="flaky-view" aria-label="Diff">
        <header className="flaky-header">
          <div className="flaky-title-row"><h2>Diff</h2><WidthToggle /></div>
          <p className="muted">{a ? <>Compare <code title={a}>{baseName(a)}</code> with…</> : 'Pick the first recording.'}</p>
        </header>
        <RecordingPicker rows={rows} exclude={a} testId={rowA?.testId ?? null} label={a ? 'Find the second recording' : 'Find the first recording'}
          onPick={(p) => openView(a ? { kind: 'diff', a, b: p } : { kind: 'diff', a: p, b: null }, true)} />
      </section>
    );
  }
  return <LoadedCompare key={`${a}\n${b}`} {...props} a={a} b={b} />;
}

function useSide(host: HostApi, spec: SideSpec, version: number | string): SideLoad {
  const [load, setLoad] = useState<SideLoad>({ status: 'loading' });
  useEffect(() => {
    let cancelled = false;
    const done = (l: SideLoad) => { if (!cancelled) setLoad(l); };
    const parsed = (text: string, size: number): SideLoad => {
      const p = tryParseJson(text);
      return { status: 'ready', text, size, value: p.ok ? p.value : null, parseError: p.ok ? null : p.error.message };
    };
    if (spec.source === 'head') {
      host.invoke('readHeadVersion', { path: spec.path }).then(
        (r) => done(r.text === null
          ? { status: 'error', message: `HEAD has no version of ${spec.path}: the file is new (not committed yet) or not tracked by git.` }
          : parsed(r.text, r.text.length)),
        (e: Error) => done({ status: 'error', message: `Cannot read the HEAD version of ${spec.path}: ${e.message}` }),
      );
    } else {
      host.invoke('readRecording', { path: spec.path }).then(
        (f) => done(f.tooLarge ? { status: 'error', message: `${spec.path}: ${f.tooLarge}` } : parsed(f.text, f.size)),
        (e: Error) => done({ status: 'error', message: `Cannot read ${spec.path} — it may have been moved or deleted. ${e.message}` }),
      );
    }
    return () => { cancelled = true; };
  }, [host, spec.source, spec.path, version]);
  return load;
}

/** What the request diff compares: test_id and request (or what the recorder hashes). */
function requestOf(record: JsonValue, hashedOnly: boolean): JsonValue {
  if (hashedOnly) {
    try {
      return rawHashView(record);
    } catch {
      // fall through to the whole request
    }
  }
  const entries: Array<[string, JsonValue]> = [];
  const testId = get(record, 'test_id');
  if (testId !== undefined) entries.push(['test_id', testId]);
  const request = get(record, 'request');
  if (request !== undefined) entries.push(['request', request]);
  return { kind: 'object', entries } satisfies JsonObject;
}

function LoadedCompare({ host, a, b, rows, git }: CompareViewProps & { a: string; b: string }) {
  const withHead = b === HEAD;
  const left: SideSpec = withHead ? { source: 'head', path: a } : { source: 'file', path: a };
  const right: SideSpec = withHead ? { source: 'file', path: a } : { source: 'file', path: b };
  const rowOf = (p: string) => rows.find((r) => r.path === p);
  // reload when the file changes on disk, or when HEAD moves
  const version = (s: SideSpec): number | string => (s.source === 'file' ? rowOf(s.path)?.mtimeMs ?? -1 : git?.head ?? '');
  const l = useSide(host, left, version(left));
  const r = useSide(host, right, version(right));
  const [hashedOnly, setHashedOnly] = useState(false);
  const [picking, setPicking] = useState(false);

  const deletedInWorkTree = withHead && git?.deleted.has(a) === true;
  const short = (p: string) => `${baseName(p).slice(0, 12)}${baseName(p).length > 12 ? '…' : ''}`;
  const leftLabel = withHead ? `HEAD${git?.head ? ` ${git.head}` : ''}` : `A · ${short(a)}`;
  const rightLabel = withHead ? 'Work tree' : `B · ${short(b)}`;

  const lv = l.status === 'ready' ? l.value : null;
  const rv = r.status === 'ready' ? r.value : null;
  const requestDiff = useMemo<DiffEntry[] | null>(
    () => (lv !== null && rv !== null ? diffJson(requestOf(lv, hashedOnly), requestOf(rv, hashedOnly), { maxEntries: MAX_ENTRIES }) : null),
    [lv, rv, hashedOnly],
  );
  const answerDiff = useMemo(() => (lv !== null && rv !== null ? diffAnswers(lv, rv, { maxEntries: MAX_ENTRIES }) : null), [lv, rv]);

  const leftText = l.status === 'ready' ? l.text : '';
  const rightText = r.status === 'ready' ? r.text : '';
  const canShowRaw = (l.status === 'ready' || r.status === 'ready') && l.status !== 'loading' && r.status !== 'loading';

  return (
    <section className="flaky-view diff-page" aria-label="Diff">
      <header className="flaky-header">
        <div className="flaky-title-row">
          <h2>Diff</h2>
          {!withHead && <button type="button" onClick={() => openView({ kind: 'diff', a: b, b: a }, true)} title="Swap the two sides">Swap</button>}
          {!withHead && <button type="button" aria-expanded={picking} onClick={() => setPicking((v) => !v)}>Change B…</button>}
          {!withHead && git && git.head !== null && git.byPath.get(a) !== 'added' && (
            <button type="button" onClick={() => openView({ kind: 'diff', a, b: HEAD })}>A with HEAD</button>
          )}
          <WidthToggle />
        </div>
        <div className="diff-sides">
          <SideCard letter={withHead ? 'HEAD' : 'A'} spec={left} row={rowOf(left.path)} load={l} head={git?.head ?? null} />
          <SideCard letter={withHead ? 'work tree' : 'B'} spec={right} row={rowOf(right.path)} load={r} head={null} deleted={deletedInWorkTree} />
        </div>
        {picking && (
          <RecordingPicker rows={rows} exclude={a} testId={rowOf(a)?.testId ?? null} label="Find the second recording"
            onPick={(p) => { setPicking(false); openView({ kind: 'diff', a, b: p }); }} onCancel={() => setPicking(false)} />
        )}
      </header>

      {l.status === 'error' && <ErrorBox>{l.message}</ErrorBox>}
      {r.status === 'error' && <ErrorBox>{deletedInWorkTree ? `${a} is deleted in the work tree: only its HEAD version exists. The raw text below shows what was removed.` : r.message}</ErrorBox>}
      {(l.status === 'loading' || r.status === 'loading') && <p className="muted flaky-pad">Loading both files…</p>}
      {l.status === 'ready' && l.parseError && <ErrorBox>{leftLabel} is not valid JSON ({l.parseError}): only the raw text can be compared.</ErrorBox>}
      {r.status === 'ready' && r.parseError && <ErrorBox>{rightLabel} is not valid JSON ({r.parseError}): only the raw text can be compared.</ErrorBox>}

      {requestDiff && (
        <section className="diff-section" aria-labelledby="diff-request-title">
          <div className="diff-section-head">
            <h3 id="diff-request-title">Request {requestDiff.length === 0 ? <span className="same-badge">identical</span> : <span className="flaky-count">{requestDiff.length >= MAX_ENTRIES ? `${MAX_ENTRIES}+` : requestDiff.length}</span>}</h3>
            <label className="toggle flaky-small">
              <input type="checkbox" checked={hashedOnly} onChange={(e) => setHashedOnly(e.target.checked)} /> Only what the recorder hashes
            </label>
            <span className="muted flaky-small">Key order ignored; numbers compared exactly (1 ≠ 1.0, big ints kept whole).</span>
          </div>
          {requestDiff.length === 0
            ? <p className="muted">The requests are the same{hashedOnly ? ' in every hashed field' : ''}.</p>
            : <DiffTable entries={requestDiff} label="Request differences" beforeLabel={leftLabel} afterLabel={rightLabel} />}
        </section>
      )}

      {answerDiff && (
        <section className="diff-section" aria-labelledby="diff-answer-title">
          <div className="diff-section-head">
            <h3 id="diff-answer-title">Answer {answerDiff.same ? <span className="same-badge">identical</span> : <span className="flaky-count">{answerDiff.differences.length}</span>}</h3>
            <span className="muted flaky-small">The final state of each reconstructed response: text, reasoning, tool calls, finish reason, usage, recorded error.</span>
          </div>
          <div className="answer-pair">
            <AnswerCard label={leftLabel} answer={answerDiff.a} />
            <AnswerCard label={rightLabel} answer={answerDiff.b} />
          </div>
          {answerDiff.same
            ? <p className="muted" aria-label="Answer differences">The reconstructed answers are the same.</p>
            : <DiffTable entries={answerDiff.differences} label="Answer differences" beforeLabel={leftLabel} afterLabel={rightLabel} />}
        </section>
      )}

      {canShowRaw && (
        <section className="diff-section raw-diff" aria-labelledby="diff-raw-title">
          <div className="diff-section-head">
            <h3 id="diff-raw-title">Raw text</h3>
            {leftText === rightText ? <span className="same-badge">byte-identical</span> : <span className="muted flaky-small">{formatSize(leftText.length)} → {formatSize(rightText.length)}</span>}
          </div>
          <Suspense fallback={<p className="muted">Loading the diff editor…</p>}>
            <DiffView original={leftText} modified={rightText} originalLabel={leftLabel} modifiedLabel={rightLabel} />
          </Suspense>
        </section>
      )}
    </section>
  );
}

function SideCard({ letter, spec, row, load, head, deleted }: { letter: string; spec: SideSpec; row: RecordingRow | undefined; load: SideLoad; head: string | null; deleted?: boolean }) {
  return (
    <div className={`side-card side-${spec.source}`} aria-label={`Side ${letter}`}>
      <span className="side-letter">{letter}</span>
      <div className="side-body">
        <div className="side-name">
          {spec.source === 'head' ? <code title={spec.path}>{baseName(spec.path)}</code> : deleted ? <code title={spec.path}>{baseName(spec.path)}</code> : <FileLink path={spec.path} />}
          {spec.source === 'head' && <span className="git-badge git-head" title="The version committed in HEAD">{head ? `at ${head}` : 'committed'}</span>}
          {deleted && <span className="git-badge git-deleted">deleted</span>}
          {spec.source === 'file' && row?.hash && <HashBadge hash={row.hash} />}
        </div>
        <div className="muted flaky-small flaky-ellipsis" title={spec.path}>
          {row?.testId ? shortTestId(row.testId) : spec.path}
          {load.status === 'ready' ? ` · ${formatSize(load.size)}` : ''}
        </div>
      </div>
    </div>
  );
}

function AnswerCard({ label, answer }: { label: string; answer: Answer }) {
  const c = answer.choices[0];
  const usage = answer.usage as Record<string, unknown> | null;
  const tokens = usage ? ['prompt_tokens', 'completion_tokens', 'total_tokens', 'input_tokens', 'output_tokens'].filter((k) => typeof usage[k] === 'number').map((k) => `${k.replace('_tokens', '')} ${String(usage[k])}`) : [];
  return (
    <div className="answer-card">
      <div className="answer-card-head"><strong>{label}</strong> <span className="muted flaky-small">{answer.variant}{answer.streaming ? ' · streamed' : ''}</span></div>
      {answer.error && <div className="error-text flaky-small">{answer.error.type}: {answer.error.message}</div>}
      {!c && !answer.error && <div className="muted flaky-small">No reconstructed answer text.</div>}
      {c && (
        <>
          {c.content && <div className="answer-text" title={c.content}>{c.content.length > 400 ? `${c.content.slice(0, 400)}…` : c.content}</div>}
          {c.toolCalls.length > 0 && (
            <ul className="answer-tools">
              {c.toolCalls.map((t) => <li key={t.index}><code>{t.name ?? '?'}</code><span className="muted">({t.arguments.length > 120 ? `${t.arguments.slice(0, 120)}…` : t.arguments})</span></li>)}
            </ul>
          )}
          <div className="muted flaky-small">
            {answer.choices.length > 1 ? `${plural(answer.choices.length, 'choice')} · ` : ''}
            finish: {c.finishReason ?? '—'}
          </div>
        </>
      )}
      {tokens.length > 0 && <div className="muted flaky-small">usage: {tokens.join(', ')}</div>}
    </div>
  );
}
