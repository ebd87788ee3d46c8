/** `recording-inspector serve <dir> [--port N] [--read-only]`: the browser mode host. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { HostService } from '../services/host-service';
import { defaultDataDir, Settings } from '../services/settings';
import { startHttpHost, type HttpHost } from './http-host';
import { APP_VERSION } from '../version';

export interface ServeOptions {
  folder: string;
  port?: number;
  readOnly?: boolean;
  dataDir?: string;
  staticDir?: string;
  token?: string;
}

/** The built renderer sits next to the built main process: out/main → out/renderer. */
export function defaultStaticDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of [path.join(here, '../renderer'), path.join(here, '../../renderer'), path.join(here, '../../out/renderer')]) {
    if (existsSync(path.join(candidate, 'index.html'))) return candidate;
  }
  throw new Error('The renderer is not built: run `npm run build` first.');
}

export async function startServe(options: ServeOptions): Promise<{ host: HttpHost; service: HostService }> {
  const settings = new Settings(options.dataDir ?? defaultDataDir());
  await settings.load();
  const service = new HostService(settings, { mode: 'browser', version: APP_VERSION, readOnly: options.readOnly === true });
  await service.openFolder(options.folder);
  const host = await startHttpHost({
    service,
    staticDir: options.staticDir ?? defaultStaticDir(),
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.token !== undefined ? { token: options.token } : {}),
  });
  return { host, service };
}
