/** The file's hash status in plain words and every problem found, with severities. */
import type { RecordingRow } from '../../../shared/host-api';

const STATUS_WORDS: Record<string, string> = {
  current: 'The file name matches the name the recorder computes today: replay will find it.',
  stale: 'The file name matches only an older recorder algorithm: today’s recorder computes a different name and will never read this file.',
  mismatch: 'The file name matches no known algorithm: the request was probably edited after recording, so replay cannot find it under this name.',
  unverifiable: 'The inputs of the name are not all in the file, so the name cannot be re-derived.',
};

export function ProblemsView({ row }: { row: RecordingRow | undefined }) {
  if (!row) return <p className="muted">This file is not in the index (yet).</p>;
  return (
    <section aria-label="Hash and problems" className="problems-view">
      <h3>File name</h3>
      {row.hash ? (
        <dl className="kv">
          <dt>Status</dt>
          <dd><span className={`hash hash-${row.hash.status}`}>{row.hash.status}</span> {STATUS_WORDS[row.hash.status]}</dd>
          {row.hash.algorithm && (<><dt>Matches</dt><dd><code>{row.hash.algorithm}</code></dd></>)}
          <dt>Expected name</dt>
          <dd><code>{row.hash.expectedName}</code>{row.hash.expectedName === row.name ? ' (this file)' : ''}</dd>
          <dt>Why</dt>
          <dd>{row.hash.explanation}</dd>
        </dl>
      ) : (
        <p className="muted">No hash status: the file is not a readable recording.</p>
      )}
      <h3>Problems</h3>
      {row.problems.length === 0 ? (
        <p>No problems found.</p>
      ) : (
        <ul className="problem-list" aria-label="Problems">
          {row.problems.map((p, i) => (
            <li key={i} className={`problem problem-${p.severity}`}>
              <strong>{p.severity}</strong> <code>{p.code}</code> {p.message}
              {p.path && <> <code className="muted">{p.path}</code></>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
