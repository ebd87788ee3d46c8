/**
 * Moving recordings to the operating system's trash (recoverable), never deleting them. The desktop shell
 * uses Electron's shell.trashItem; outside Electron (browser mode) on Linux and other freedesktop systems
 * the XDG trash is written directly (files/ + info/*.trashinfo), which file managers can restore from.
 */
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export type TrashFn = (absolutePath: string) => Promise<void>;

function trashInfo(original: string, when: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${when.getFullYear()}-${pad(when.getMonth() + 1)}-${pad(when.getDate())}T${pad(when.getHours())}:${pad(when.getMinutes())}:${pad(when.getSeconds())}`;
  const encoded = original.split('/').map(encodeURIComponent).join('/');
  return `[Trash Info]\nPath=${encoded}\nDeletionDate=${date}\n`;
}

/** XDG trash in `trashDir` (default $XDG_DATA_HOME/Trash); refuses across filesystems rather than copying. */
export function xdgTrash(trashDir = path.join(process.env.XDG_DATA_HOME || path.join(os.homedir(), '.local/share'), 'Trash')): TrashFn {
  return async (absolutePath) => {
    if (process.platform === 'win32' || process.platform === 'darwin') {
      throw new Error('Moving to the trash from the browser mode works on Linux only; use the desktop app on this system.');
    }
    const files = path.join(trashDir, 'files');
    const info = path.join(trashDir, 'info');
    await mkdir(files, { recursive: true });
    await mkdir(info, { recursive: true });
    const base = path.basename(absolutePath);
    let name = base;
    for (let i = 2; await stat(path.join(files, name)).then(() => true, () => false); i++) name = `${base}.${i}`;
    // The .trashinfo is written first so the trashed file is always restorable (the spec's order).
    await writeFile(path.join(info, `${name}.trashinfo`), trashInfo(absolutePath, new Date()), { flag: 'wx' });
    try {
      await rename(absolutePath, path.join(files, name));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new Error(code === 'EXDEV'
        ? `The trash (${trashDir}) is on another disk than the recording; nothing was moved. Use the desktop app, or move the file yourself.`
        : `Could not move to the trash: ${(error as Error).message}`);
    }
  };
}
