/**
 * Starts the built `serve` command as a child process and waits for the URL it prints (used by the e2e
 * fixtures and the benchmark, which drive the app exactly as a person runs it).
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface SpawnedServe {
  url: string;
  child: ChildProcess;
}

/** `configDir` holds settings and history; `dataHome` (XDG_DATA_HOME) the trash, so tests never touch the real one. */
export async function spawnServe(cliJs: string, dir: string, options: { configDir: string; dataHome?: string; extraArgs?: string[]; timeoutMs?: number }): Promise<SpawnedServe> {
  const child = spawn(process.execPath, [cliJs, 'serve', dir, '--port', '0', ...(options.extraArgs ?? [])], {
    env: { ...process.env, XDG_CONFIG_HOME: options.configDir, ...(options.dataHome ? { XDG_DATA_HOME: options.dataHome } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve did not print a URL: ${out}`)), options.timeoutMs ?? 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}: ${out}`));
    });
  });
  return { url, child };
}

/**
 * Stop a spawned serve and wait until it has exited: on SIGTERM it closes gracefully and may still be
 * writing its index cache, so its folders can be removed only afterwards.
 */
export async function stopServe(child: ChildProcess | null | undefined, timeoutMs = 30_000): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill();
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
}
