import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeOf, isAppPageUrl, resolveAppAsset } from './app-protocol';
import { isAllowedExternalUrl, isAppUrl } from './navigation';

const root = path.resolve('/opt/app/out/renderer');

describe('app:// protocol mapping', () => {
  it('maps app URLs to files inside the renderer folder', () => {
    expect(resolveAppAsset(root, 'app://renderer/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveAppAsset(root, 'app://renderer/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppAsset(root, 'app://renderer/assets/a%20b.js?x=1#y')).toBe(path.join(root, 'assets/a b.js'));
  });

  it('keeps dot segments inside the folder (URL parsing resolves them first)', () => {
    expect(resolveAppAsset(root, 'app://renderer/../../etc/passwd')).toBe(path.join(root, 'etc/passwd'));
    expect(resolveAppAsset(root, 'app://renderer/%2e%2e/%2e%2e/etc/passwd')).toBe(path.join(root, 'etc/passwd'));
  });

  it.each([
    'app://renderer/..%2f..%2fetc/passwd',
    'app://other/index.html',
    'file:///etc/passwd',
    'app://renderer/%00',
    'app://renderer/%E0%A4%A',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppAsset(root, url)).toBeNull();
  });

  it('knows its own pages and content types', () => {
    expect(isAppPageUrl('app://renderer/index.html#/a.json')).toBe(true);
    expect(isAppPageUrl('app://evil/index.html')).toBe(false);
    expect(isAppPageUrl('https://renderer/index.html')).toBe(false);
    expect(contentTypeOf('x/y.JS')).toBe('text/javascript; charset=utf-8');
  });
});

describe('navigation rules', () => {
  it('treats only the app page (or the dev server) as the app', () => {
    expect(isAppUrl('app://renderer/index.html', undefined)).toBe(true);
    expect(isAppUrl('https://example.com/', undefined)).toBe(false);
    expect(isAppUrl('http://localhost:5173/#/x', 'http://localhost:5173/')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
  });

  it('opens only https links without credentials externally', () => {
    expect(isAllowedExternalUrl('https://github.com/llamastack/llama-stack')).toBe(true);
    expect(isAllowedExternalUrl('http://example.com')).toBe(false);
    expect(isAllowedExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isAllowedExternalUrl('https://user:pw@example.com')).toBe(false);
    expect(isAllowedExternalUrl('javascript:alert(1)')).toBe(false);
  });
});
