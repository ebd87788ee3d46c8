/**
 * Python `urllib.parse.urlparse` (3.11+), reduced to what the request hash needs: scheme, netloc
 * and path. The hash uses the parsed path, and odd URLs occur (`__databricks__/…` without a scheme,
 * `vertexai:///generate_content`), so WHATWG URL parsing would give different answers.
 */

export interface PythonUrlParts {
  scheme: string;
  netloc: string;
  path: string;
}

const SCHEME_CHARS = /^[A-Za-z][A-Za-z0-9+\-.]*$/;
// urlparse splits `;params` off the last path segment only for these schemes
const USES_PARAMS = new Set(['', 'ftp', 'hdl', 'prospero', 'http', 'imap', 'https', 'shttp', 'rtsp', 'rtspu', 'sip', 'sips', 'mms', 'sftp', 'tel']);

export function pythonUrlParse(input: string): PythonUrlParts {
  // 3.11: strip leading C0 controls/space, drop tab/CR/LF anywhere
  let url = input.replace(/^[\x00-\x20]+/, '').replace(/[\t\r\n]/g, '');
  let scheme = '';
  let netloc = '';
  const colon = url.indexOf(':');
  if (colon > 0 && SCHEME_CHARS.test(url.slice(0, colon))) {
    scheme = url.slice(0, colon).toLowerCase();
    url = url.slice(colon + 1);
  }
  if (url.startsWith('//')) {
    let end = url.length;
    for (const ch of ['/', '?', '#']) {
      const k = url.indexOf(ch, 2);
      if (k >= 0 && k < end) end = k;
    }
    netloc = url.slice(2, end);
    url = url.slice(end);
  }
  const hash = url.indexOf('#');
  if (hash >= 0) url = url.slice(0, hash);
  const q = url.indexOf('?');
  if (q >= 0) url = url.slice(0, q);
  if (USES_PARAMS.has(scheme) && url.includes(';')) {
    const semi = url.indexOf(';', Math.max(url.lastIndexOf('/'), 0));
    if (semi >= 0) url = url.slice(0, semi);
  }
  return { scheme, netloc, path: url };
}
