/** Small persisted settings (the Recent list) kept as JSON in the app's data folder. */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface SettingsData {
  recent: string[];
}

const MAX_RECENT = 10;

/** The data folder used outside Electron (serve, CLI): XDG config or ~/.config. */
export function defaultDataDir(): string {
  const base = process.env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(base, 'recording-inspector');
}

export class Settings {
  private data: SettingsData = { recent: [] };
  private readonly file: string;
  private saving: Promise<void> = Promise.resolve();

  constructor(readonly dataDir: string) {
    this.file = path.join(dataDir, 'settings.json');
  }

  async load(): Promise<void> {
    try {
      const parsed: unknown = JSON.parse(await readFile(this.file, 'utf8'));
      const recent = (parsed as Partial<SettingsData>)?.recent;
      if (Array.isArray(recent)) this.data.recent = recent.filter((r): r is string => typeof r === 'string').slice(0, MAX_RECENT);
    } catch {
      // Missing or unreadable settings start empty; they are rewritten on the next change.
    }
  }

  get recent(): string[] {
    return [...this.data.recent];
  }

  async addRecent(folder: string): Promise<string[]> {
    this.data.recent = [folder, ...this.data.recent.filter((r) => r !== folder)].slice(0, MAX_RECENT);
    await this.save();
    return this.recent;
  }

  async clearRecent(): Promise<string[]> {
    this.data.recent = [];
    await this.save();
    return this.recent;
  }

  /** Atomic write (temp + rename), serialised so concurrent changes never interleave. */
  private save(): Promise<void> {
    const text = JSON.stringify(this.data, null, 2) + '\n';
    this.saving = this.saving.then(async () => {
      await mkdir(this.dataDir, { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      await writeFile(tmp, text);
      await rename(tmp, this.file);
    }).catch(() => undefined);
    return this.saving;
  }
}
