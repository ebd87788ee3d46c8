/** Kind-specific request content: system prompts, completion prompts, embedding inputs, model lists, tool kwargs, raw payloads. */
import type { JSX } from 'react';
import { JsonBlock } from './json-block';
import { isObj } from './json-format';
import { LongText } from './long-text';
import { PartList } from './message-view';
import { KeyValueTable } from './parameters';
import type { RequestModel } from './request-model';
import { transcriptFromList } from './transcript';
import { ImageAttachment } from './media';

/** System prompt given outside the message list: string, list of blocks or a genai Content. */
export function SystemView({ label, value }: { label: string; value: unknown }): JSX.Element {
  let content: JSX.Element;
  if (typeof value === 'string') content = <LongText text={value} />;
  else if (Array.isArray(value) || isObj(value)) {
    const message = isObj(value) && value.parts !== undefined ? { role: 'system', parts: value.parts } : { role: 'system', content: value };
    const parts = transcriptFromList([message]).messages[0]?.parts ?? [];
    content = <PartList parts={parts} />;
  } else content = <JsonBlock value={value} label={label} />;
  return (
    <section className="rv-section" aria-label={label}>
      <h4 className="rv-h4">{label}</h4>
      <div className="rv-system">{content}</div>
    </section>
  );
}

function ItemList(props: { items: unknown[]; label: string; noun: string }): JSX.Element {
  return (
    <ol role="list" aria-label={props.label} className="rv-items">
      {props.items.map((item, i) => (
        <li key={i} className="rv-item" aria-label={`${props.noun} ${i + 1}`}>
          <span className="rv-msg-num">#{i + 1}</span>
          {typeof item === 'string' ? <LongText text={item} /> : <JsonBlock value={item} label={`${props.noun} ${i + 1}`} />}
        </li>
      ))}
    </ol>
  );
}

export function PromptView({ prompt }: { prompt: unknown }): JSX.Element {
  const isBatch = Array.isArray(prompt) && !prompt.every((x) => typeof x === 'number');
  return (
    <section className="rv-section">
      <h4 className="rv-h4">
        Prompt {isBatch && <span className="rv-count">{(prompt as unknown[]).length}</span>}
      </h4>
      {typeof prompt === 'string' ? (
        <div className="rv-prompt"><LongText text={prompt} /></div>
      ) : isBatch ? (
        <ItemList items={prompt as unknown[]} label="Prompts" noun="prompt" />
      ) : (
        <JsonBlock value={prompt} label="Prompt" />
      )}
    </section>
  );
}

export function ImagesView({ images }: { images: unknown }): JSX.Element {
  const list = Array.isArray(images) ? images : [images];
  return (
    <section className="rv-section">
      <h4 className="rv-h4">Images <span className="rv-count">{list.length}</span></h4>
      {list.map((img, i) =>
        typeof img === 'string' ? (
          <ImageAttachment key={i} url={img.startsWith('data:') ? img : `data:image/png;base64,${img}`} />
        ) : (
          <JsonBlock key={i} value={img} label={`image ${i + 1}`} />
        ),
      )}
    </section>
  );
}

export function EmbeddingInputsView({ inputs }: { inputs: unknown }): JSX.Element {
  // a single token array (list of numbers) is one input, a list of strings / token arrays is a batch
  const single = typeof inputs === 'string' || (Array.isArray(inputs) && inputs.length > 0 && inputs.every((x) => typeof x === 'number'));
  const items: unknown[] | null = single ? [inputs] : Array.isArray(inputs) ? inputs : null;
  return (
    <section className="rv-section">
      <h4 className="rv-h4">
        Inputs {items && <span className="rv-count">{items.length}</span>}
        {items && <span className="rv-h-note">{items.length === 1 ? '1 text to embed' : `${items.length} texts to embed`}</span>}
      </h4>
      {items ? <ItemList items={items} label="Embedding inputs" noun="input" /> : <JsonBlock value={inputs} label="Input" />}
    </section>
  );
}

export function ModelListView({ model }: { model: RequestModel }): JSX.Element {
  const url = typeof model.request?.url === 'string' ? model.request.url : null;
  const endpoint = typeof model.request?.endpoint === 'string' ? model.request.endpoint : '';
  const what = endpoint === '/api/ps' ? 'Lists running models' : 'Lists models';
  return (
    <section className="rv-section">
      <h4 className="rv-h4">{what}</h4>
      <p className="rv-lead">
        {what}{url ? <> from <code className="rv-url">{url}</code></> : null}. The response holds the model list; replay merges every
        <code> models-&lt;hash&gt;-*.json</code> file of the same hash.
      </p>
    </section>
  );
}

export function ToolInvocationView({ model }: { model: RequestModel }): JSX.Element {
  const kwargs = model.kwargs;
  return (
    <section className="rv-section">
      <h4 className="rv-h4">Arguments (kwargs)</h4>
      {isObj(kwargs) ? (
        <KeyValueTable entries={Object.entries(kwargs)} label="Tool arguments (kwargs)" emptyText="No arguments." />
      ) : (
        <JsonBlock value={kwargs} label="kwargs" />
      )}
    </section>
  );
}

export function FileProcessorView({ model }: { model: RequestModel }): JSX.Element {
  const r = model.request ?? {};
  const provider = typeof r.provider === 'string' ? r.provider : '?';
  const fileId = typeof r.file_id === 'string' ? r.file_id : null;
  return (
    <section className="rv-section">
      <h4 className="rv-h4">File processing</h4>
      <p className="rv-lead">
        Processes file {fileId ? <code>{fileId}</code> : <span className="rv-muted">(no file_id)</span>} with the <code>{provider}</code> file
        processor.
      </p>
    </section>
  );
}

export function PayloadView({ value, label }: { value: unknown; label: string }): JSX.Element {
  return (
    <section className="rv-section">
      <h4 className="rv-h4">{label}</h4>
      <JsonBlock value={value} label={label} />
    </section>
  );
}
