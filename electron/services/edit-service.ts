/**
 * Saving edited recordings without ever losing a byte: the text is validated with the number-preserving
 * parser and written in the recorder's canonical format (spec §7), atomically; a file that changed on disk
 * since it was loaded is not overwritten unless the person says so; a move to the expected name/folder
 * writes the new file before removing the old one; every saved version is kept in the app's data folder.
 */
import { mkdir, readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { HostError, type HistoryEntry, type RecordingFile, type SaveResult } from '../../shared/host-api';
import { sha256Hex } from '../../shared/hash/sha256';
import { tryParseJson } from '../../shared/json/lossless-json';
import { writeRecordingJson } from '../../shared/json/python-json';
import { atomicWrite } from './atomic-write';
import { resolveExistingInside, resolveInside } from './path-guard';

export interface SaveRequest {
  path: string;
  text: string;
  /** sha256 of the text the editor started from; a different file on disk is a conflict. */
  baseSha256: string;
  force?: boolean;
  moveTo?: string;
}

const MAX_HISTORY = 50;

export class EditService {
  constructor(private readonly historyDir: string) {}

  async save(root: string, request: SaveRequest): Promise<SaveResult> {
    const parsed = tryParseJson(request.text);
    if (!parsed.ok) return { status: 'invalid', message: `Not saved: the text is not valid JSON (${parsed.error.message}).` };
    const canonical = writeRecordingJson(parsed.value);
    const source = await resolveExistingInside(root, request.path);
    const disk = await readFile(source, 'utf8');
    if (sha256Hex(disk) !== request.baseSha256 && !request.force) {
      const info = await stat(source);
      return { status: 'conflict', disk: { path: request.path, text: disk, size: info.size, mtimeMs: info.mtimeMs } };
    }
    const targetRel = request.moveTo && request.moveTo !== request.path ? request.moveTo : request.path;
    const target = targetRel === request.path ? source : resolveInside(root, targetRel);
    if (target !== source) {
      if (!targetRel.endsWith('.json')) throw new HostError('bad-request', `"${targetRel}" is not a .json file name.`);
      const exists = await stat(target).then(() => true, () => false);
      if (exists) {
        throw new HostError('bad-request', `"${targetRel}" already exists: both files record the same request (spec §8.5). Compare them and keep one; nothing was written.`);
      }
      await mkdir(path.dirname(target), { recursive: true });
    }
    await this.remember(root, request.path, disk, 'before the first save', true);
    await atomicWrite(target, canonical);
    if (target !== source) {
      // The new file is complete before the old one goes: a crash here leaves both, never neither.
      await unlink(source);
    }
    await this.remember(root, targetRel, canonical, target !== source ? `saved (moved from ${request.path})` : 'saved', false);
    const info = await stat(target);
    const file: RecordingFile = { path: targetRel, text: canonical, size: info.size, mtimeMs: info.mtimeMs };
    return target !== source ? { status: 'saved', file, movedFrom: request.path } : { status: 'saved', file };
  }

  async history(root: string, relPath: string): Promise<HistoryEntry[]> {
    const dir = this.dirFor(root, relPath);
    const names = await readdir(dir).catch(() => [] as string[]);
    const entries: HistoryEntry[] = [];
    for (const name of names.filter((n) => n.endsWith('.json')).sort().reverse()) {
      const meta = await readFile(path.join(dir, `${name}.meta`), 'utf8').then((t) => JSON.parse(t) as { note: string; savedAt: number }, () => null);
      const info = await stat(path.join(dir, name));
      entries.push({ id: name, savedAt: meta?.savedAt ?? info.mtimeMs, size: info.size, note: meta?.note ?? 'saved' });
    }
    return entries;
  }

  async readVersion(root: string, relPath: string, id: string): Promise<string> {
    if (!/^[\w.-]+\.json$/.test(id)) throw new HostError('bad-request', 'Unknown history entry.');
    return readFile(path.join(this.dirFor(root, relPath), id), 'utf8').catch(() => {
      throw new HostError('not-found', 'That saved version no longer exists.');
    });
  }

  private dirFor(root: string, relPath: string): string {
    return path.join(this.historyDir, sha256Hex(path.join(root, relPath)).slice(0, 32));
  }

  private async remember(root: string, relPath: string, text: string, note: string, onlyIfEmpty: boolean): Promise<void> {
    const dir = this.dirFor(root, relPath);
    const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.json')).sort();
    if (onlyIfEmpty && names.length > 0) return;
    await mkdir(dir, { recursive: true });
    const id = `${String(Date.now()).padStart(15, '0')}-${String(names.length).padStart(4, '0')}.json`;
    await writeFile(path.join(dir, id), text);
    await writeFile(path.join(dir, `${id}.meta`), JSON.stringify({ note, savedAt: Date.now(), path: relPath }));
    for (const old of names.slice(0, Math.max(0, names.length + 1 - MAX_HISTORY))) {
      await unlink(path.join(dir, old)).catch(() => undefined);
      await unlink(path.join(dir, `${old}.meta`)).catch(() => undefined);
    }
  }
}
