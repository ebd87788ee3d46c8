/**
 * Atomic file replacement: write a temporary file in the same folder, flush it to disk, give it the
 * original's permissions, then rename it over the original. A failure at any point leaves the original
 * untouched and removes the temporary file.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, stat, unlink, chmod } from 'node:fs/promises';
import path from 'node:path';

/** Filesystem operations used by atomicWrite, replaceable in tests to inject failures. */
export interface AtomicFs {
  open: typeof open;
  rename: typeof rename;
  stat: typeof stat;
  unlink: typeof unlink;
  chmod: typeof chmod;
}

const realFs: AtomicFs = { open, rename, stat, unlink, chmod };

export function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
}

export async function atomicWrite(target: string, data: string | Uint8Array, fs: AtomicFs = realFs): Promise<void> {
  const mode = await fs.stat(target).then((s) => s.mode & 0o7777, () => null);
  const tmp = tempPathFor(target);
  let handle: Awaited<ReturnType<typeof open>> | null = null;
  try {
    handle = await fs.open(tmp, 'wx', mode ?? 0o644);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = null;
    if (mode !== null) await fs.chmod(tmp, mode);
    await fs.rename(tmp, target);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.unlink(tmp).catch(() => undefined);
    throw error;
  }
  // Make the rename itself durable where the platform allows syncing a directory.
  try {
    const dir = await fs.open(path.dirname(target), 'r');
    await dir.sync().catch(() => undefined);
    await dir.close();
  } catch {
    // Not supported (e.g. Windows); the data file itself was synced.
  }
}
