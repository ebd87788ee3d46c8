/**
 * Loads one recording from the host and parses it once into an immutable model that views share.
 * Reloads when the row's modification time changes (the watcher saw the file change).
 */
import { useEffect, useState } from 'react';
import type { HostApi, RecordingFile } from '../../../shared/host-api';
import { summarizeRecording, type RecordingSummary } from '../../../shared/recording-model';

export interface RecordingModel {
  file: RecordingFile;
  /** JSON.parse of the text, or undefined when it does not parse. */
  value: unknown;
  parseError: string | null;
  summary: RecordingSummary | null;
}

export type RecordingLoad =
  | { status: 'idle' }
  | { status: 'loading'; path: string }
  | { status: 'error'; path: string; message: string }
  | { status: 'ready'; path: string; model: RecordingModel };

export function buildModel(file: RecordingFile): RecordingModel {
  if (file.tooLarge) return { file, value: undefined, parseError: file.tooLarge, summary: null };
  try {
    const value: unknown = JSON.parse(file.text);
    return Object.freeze({ file, value, parseError: null, summary: summarizeRecording(value) });
  } catch (error) {
    return { file, value: undefined, parseError: (error as Error).message, summary: null };
  }
}

export function useRecording(host: HostApi, path: string | null, version: number): RecordingLoad {
  const [load, setLoad] = useState<RecordingLoad>({ status: 'idle' });
  useEffect(() => {
    if (!path) {
      setLoad({ status: 'idle' });
      return;
    }
    let cancelled = false;
    setLoad((previous) => (previous.status === 'ready' && previous.path === path ? previous : { status: 'loading', path }));
    host.invoke('readRecording', { path }).then(
      (file) => { if (!cancelled) setLoad({ status: 'ready', path, model: buildModel(file) }); },
      (error: Error) => { if (!cancelled) setLoad({ status: 'error', path, message: error.message }); },
    );
    return () => { cancelled = true; };
  }, [host, path, version]);
  return load;
}
