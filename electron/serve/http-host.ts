/**
 * Browser mode: serves the built renderer and the typed host API over HTTP on 127.0.0.1 only.
 * Every API request must carry the random token from the printed URL; foreign Host/Origin headers are
 * refused (DNS rebinding). Events flow over Server-Sent Events.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { HostError, type HostEvent } from '../../shared/host-api';
import type { HostService } from '../services/host-service';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';

export interface HttpHostOptions {
  service: HostService;
  staticDir: string;
  port?: number;
  token?: string;
}

export interface HttpHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.ttf': 'font/ttf', '.woff2': 'font/woff2',
};

const MAX_BODY = 64 * 1024 * 1024;

export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const staticRoot = path.resolve(options.staticDir);
  let port = 0;
  const clients = new Set<http.ServerResponse>();

  const allowedHost = (value: string | undefined) => value === `127.0.0.1:${port}` || value === `localhost:${port}`;
  const allowedOrigin = (value: string | undefined) => value === undefined || value === `http://127.0.0.1:${port}` || value === `http://localhost:${port}`;

  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    res.end(text);
  };

  const serveStatic = async (pathname: string, res: http.ServerResponse) => {
    const rel = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
    const file = path.resolve(staticRoot, rel);
    if (!file.startsWith(staticRoot + path.sep)) return send(res, 403, { ok: false, error: { code: 'forbidden', message: 'Forbidden' } });
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return send(res, 404, { ok: false, error: { code: 'not-found', message: 'Not found' } });
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-length': info.size,
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': rel === 'index.html' ? 'no-store' : 'max-age=3600',
    });
    createReadStream(file).pipe(res);
  };

  const readBody = (req: http.IncomingMessage) => new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new HostError('bad-request', 'Request body too large.'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

  const server = http.createServer(async (req, res) => {
    try {
      if (!allowedHost(req.headers.host) || !allowedOrigin(req.headers.origin)) {
        return send(res, 403, { ok: false, error: { code: 'forbidden', message: 'Foreign Host or Origin refused.' } });
      }
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
      if (!url.pathname.startsWith('/api/')) {
        if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { ok: false, error: { code: 'bad-request', message: 'Method not allowed' } });
        return await serveStatic(url.pathname, res);
      }
      const presented = req.headers['x-ri-token'] ?? url.searchParams.get('token');
      if (presented !== token) return send(res, 401, { ok: false, error: { code: 'forbidden', message: 'Missing or wrong token: open the URL printed by `serve`.' } });
      if (url.pathname === '/api/events' && req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        res.write(': connected\n\n');
        clients.add(res);
        req.on('close', () => clients.delete(res));
        return;
      }
      const match = /^\/api\/call\/([A-Za-z]+)$/.exec(url.pathname);
      if (!match || req.method !== 'POST') return send(res, 404, { ok: false, error: { code: 'not-found', message: 'Unknown API route.' } });
      const text = await readBody(req);
      let args: unknown;
      try {
        args = text ? JSON.parse(text) : {};
      } catch {
        throw new HostError('bad-request', 'Request body is not JSON.');
      }
      const result = await options.service.call(match[1] ?? '', args);
      send(res, 200, { ok: true, result });
    } catch (error) {
      const e = error instanceof HostError ? error : new HostError('internal', (error as Error).message);
      const status = e.code === 'bad-request' ? 400 : e.code === 'forbidden' ? 403 : e.code === 'not-found' ? 404 : 500;
      if (!res.headersSent) send(res, status, { ok: false, error: { code: e.code, message: e.message } });
    }
  });

  const unsubscribe = options.service.subscribe((event: HostEvent) => {
    const frame = `data: ${JSON.stringify(event)}\n\n`;
    for (const client of clients) client.write(frame);
  });
  const keepAlive = setInterval(() => { for (const client of clients) client.write(': ping\n\n'); }, 15_000);
  keepAlive.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: async () => {
      unsubscribe();
      clearInterval(keepAlive);
      for (const client of clients) client.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
