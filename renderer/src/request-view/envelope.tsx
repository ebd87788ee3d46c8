/** The request envelope: method, url, endpoint label, model, provider_metadata, test_id, … */
import type { JSX } from 'react';
import { JsonBlock } from './json-block';
import { JsonValue } from './parameters';
import type { RequestModel } from './request-model';

const LABELS: Record<string, string> = {
  method: 'Method',
  url: 'URL',
  endpoint: 'Endpoint',
  model: 'Model',
  provider_metadata: 'Provider metadata',
  headers: 'Headers',
  test_id: 'Test id',
  provider: 'Provider',
  tool_name: 'Tool',
  api: 'API',
  file_id: 'File id',
};

function EnvelopeValue({ k, v }: { k: string; v: unknown }): JSX.Element {
  if (typeof v === 'string') {
    if (v === '') return <span className="rv-muted">(empty)</span>;
    return <code className={k === 'url' || k === 'test_id' ? 'rv-env-text rv-url' : 'rv-env-text'}>{v}</code>;
  }
  return <JsonValue value={v} label={LABELS[k] ?? k} />;
}

export function EnvelopeView({ model }: { model: RequestModel }): JSX.Element | null {
  if (model.envelope.length === 0 && !model.otherFields) return null;
  return (
    <section className="rv-section" aria-label="Request envelope">
      <h4 className="rv-h4">Envelope</h4>
      <dl className="rv-envelope">
        {model.envelope.map(([k, v]) => (
          <div key={k} className="rv-env-row">
            <dt title={k}>{LABELS[k] ?? k}</dt>
            <dd>
              <EnvelopeValue k={k} v={v} />
            </dd>
          </div>
        ))}
      </dl>
      {model.otherFields && <JsonBlock value={model.otherFields} label="Other request fields" />}
    </section>
  );
}
