/** Attachments in messages: images (data URLs as thumbnails, remote URLs as text), audio, files. */
import { useState, type JSX } from 'react';
import { base64Bytes, ellipsize, formatBytes, parseDataUrl } from './json-format';

export function ImageAttachment(props: { url: string | null; detail?: string; note?: string }): JSX.Element {
  const [broken, setBroken] = useState(false);
  const { url, detail, note } = props;
  const detailText = detail ? ` · detail: ${detail}` : '';
  if (url === null) {
    return (
      <div className="rv-attach">
        <span className="rv-chip">image</span> <span className="rv-muted">{note ?? 'no URL'}</span>
      </div>
    );
  }
  const info = parseDataUrl(url);
  if (info && info.mime.startsWith('image/') && info.base64) {
    const desc = `${info.mime}, ${formatBytes(info.bytes)}`;
    return (
      <figure className="rv-image">
        {broken ? (
          <div className="rv-thumb rv-thumb-broken" role="img" aria-label={`Image that cannot be decoded (${desc})`}>
            cannot be decoded
          </div>
        ) : (
          <img className="rv-thumb" src={url} alt={`Attached image (${desc})`} loading="lazy" onError={() => setBroken(true)} />
        )}
        <figcaption className="rv-muted">
          inline image · {info.mime} · {formatBytes(info.bytes)}{detailText}
          {broken && <span className="rv-warn-text"> · the data is not a valid image</span>}
        </figcaption>
      </figure>
    );
  }
  if (info) {
    return (
      <div className="rv-attach">
        <span className="rv-chip">image</span> data URL · {info.mime} · {formatBytes(info.bytes)}{detailText}
        <span className="rv-muted"> (not shown)</span>
      </div>
    );
  }
  return (
    <div className="rv-attach">
      <span className="rv-chip">image URL</span> <code className="rv-url" title={url}>{ellipsize(url, 400)}</code>
      <span className="rv-muted"> · remote, not loaded{detailText}</span>
    </div>
  );
}

function dataSize(data: string | null): string | null {
  if (data === null) return null;
  const info = parseDataUrl(data);
  return formatBytes(info ? info.bytes : base64Bytes(data));
}

export function AudioAttachment(props: { format: string | null; data: string | null; url?: string }): JSX.Element {
  const size = dataSize(props.data);
  return (
    <div className="rv-attach">
      <span className="rv-chip">audio</span> {props.format ?? 'unknown format'}
      {size && <span className="rv-muted"> · {size} inline</span>}
      {props.url && <> · <code className="rv-url">{ellipsize(props.url, 300)}</code></>}
    </div>
  );
}

export function FileAttachment(props: { filename: string | null; fileId: string | null; data: string | null; url?: string; mime?: string }): JSX.Element {
  const size = dataSize(props.data);
  return (
    <div className="rv-attach">
      <span className="rv-chip">file</span> {props.filename ?? <span className="rv-muted">(no file name)</span>}
      {props.fileId && <> · id <code>{props.fileId}</code></>}
      {props.mime && <span className="rv-muted"> · {props.mime}</span>}
      {size && <span className="rv-muted"> · {size} inline</span>}
      {props.url && <> · <code className="rv-url">{ellipsize(props.url, 300)}</code></>}
    </div>
  );
}
