import { mkdir, writeFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusDir, withTempDir } from '../test-support/corpus';
import { HostService } from '../services/host-service';
import { Settings } from '../services/settings';
import { startHttpHost, type HttpHost } from './http-host';

function request(port: number, pathname: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: pathname, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => { body += c.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('serve (HTTP host)', () => {
  let host: HttpHost;
  let service: HostService;
  let tmp: string;
  let release: () => void;

  beforeAll(async () => {
    await new Promise<void>((ready) => {
      void withTempDir(async (dir) => {
        tmp = dir;
        const staticDir = path.join(dir, 'static');
        await mkdir(staticDir);
        await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>x</title>');
        service = new HostService(new Settings(path.join(dir, 'data')), { mode: 'browser', version: 'test' });
        await service.openFolder(path.join(corpusDir, 'llama-stack/common'));
        await service.index.whenIndexed();
        host = await startHttpHost({ service, staticDir, token: 'secret-token' });
        ready();
        await new Promise<void>((done) => { release = done; });
      });
    });
  });
  afterAll(async () => {
    await host.close();
    await service.close();
    release();
  });

  const call = (method: string, args: unknown, headers: Record<string, string> = {}) =>
    request(host.port, `/api/call/${method}`, {
      method: 'POST',
      headers: { host: `127.0.0.1:${host.port}`, 'x-ri-token': 'secret-token', 'content-type': 'application/json', ...headers },
      body: JSON.stringify(args),
    });

  it('binds to 127.0.0.1 and prints a URL with the token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=secret-token`);
  });

  it('answers typed calls with the token', async () => {
    const res = await call('listRows', { generation: 1 });
    expect(res.status).toBe(200);
    const payload = JSON.parse(res.body);
    expect(payload.ok).toBe(true);
    expect(payload.result.rows.length).toBeGreaterThan(10);
    const file = payload.result.rows[0].path;
    const read = JSON.parse((await call('readRecording', { path: file })).body);
    expect(read.result.text).toContain('"request"');
    expect(tmp).toBeTruthy();
  });

  it('refuses calls without the right token', async () => {
    expect((await call('listRows', { generation: 1 }, { 'x-ri-token': 'wrong' })).status).toBe(401);
    const res = await request(host.port, '/api/call/listRows', { method: 'POST', headers: { host: `127.0.0.1:${host.port}` }, body: '{}' });
    expect(res.status).toBe(401);
  });

  it('refuses foreign Host and Origin headers (DNS rebinding)', async () => {
    expect((await call('listRows', { generation: 1 }, { host: `evil.example:${host.port}` })).status).toBe(403);
    expect((await call('listRows', { generation: 1 }, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await call('listRows', { generation: 1 }, { origin: `http://localhost:${host.port}` })).status).toBe(200);
  });

  it('validates arguments and confines paths to the opened folder', async () => {
    const bad = await call('readRecording', { path: 42 });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.message).toMatch(/Invalid arguments for readRecording/);
    expect((await call('readRecording', { path: '../../../etc/passwd' })).status).toBe(403);
    expect((await call('readRecording', { path: '/etc/passwd' })).status).toBe(403);
    expect((await call('noSuchMethod', {})).status).toBe(400);
  });

  it('serves the renderer with a strict Content-Security-Policy', async () => {
    const res = await new Promise<http.IncomingMessage>((resolve) => http.get({ host: '127.0.0.1', port: host.port, path: '/', headers: { host: `127.0.0.1:${host.port}` } }, resolve));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain('unsafe-eval');
    res.resume();
    expect((await request(host.port, '/../../etc/passwd', { headers: { host: `127.0.0.1:${host.port}` } })).status).toBe(404);
  });
});
