/**
 * Git state of the opened folder: asked on folder open, again ~1 s after the rows change (the watcher
 * saw files change), and when the window regains focus (a commit made in a terminal). Null when git is
 * unavailable, so every git feature stays hidden.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { GitState, HostApi, RecordingRow } from '../../../shared/host-api';
import { buildGitIndex, type GitIndex } from './git-rows';

const DEBOUNCE_MS = 1000;

export function useGitState(host: HostApi, folder: string | null, generation: number, rows: readonly RecordingRow[]): GitIndex | null {
  const [state, setState] = useState<GitState | null>(null);
  const request = useRef(0);
  const folderRef = useRef(folder);
  folderRef.current = folder;

  const refresh = useMemo(() => () => {
    const id = ++request.current;
    if (!folderRef.current) {
      setState(null);
      return;
    }
    host.invoke('gitState', {}).then(
      (s) => { if (id === request.current) setState(s); },
      () => { if (id === request.current) setState(null); },
    );
  }, [host]);

  // a new folder: forget the old state and ask at once
  useEffect(() => {
    setState(null);
    refresh();
  }, [folder, generation, refresh]);

  // rows changed: ask again when they settle
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const timer = setTimeout(refresh, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [rows, refresh]);

  useEffect(() => {
    const onFocus = () => refresh();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [refresh]);

  return useMemo(() => buildGitIndex(state), [state]);
}
