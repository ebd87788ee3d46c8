/**
 * Follows the host's replay clock for one recording (Playwright trace viewer's usePlayback idea, with the
 * clock in the main process). Seeks are applied locally at once, so dragging stays smooth, and sent to
 * the host, which broadcasts them to every other window or tab showing the same recording.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { HostApi, PlaybackState, PlaybackUnit } from '../../../shared/host-api';
import { navigate } from '../state/route';

export interface Playback {
  /** Step index shown: -1 = before the first chunk. */
  position: number;
  steps: number;
  playing: boolean;
  rate: number;
  unit: PlaybackUnit;
  /** Set when the host could not drive the clock (the view still scrubs locally). */
  error: string | null;
  seek(position: number): void;
  play(): void;
  pause(): void;
  toggle(): void;
  setSpeed(rate: number, unit: PlaybackUnit): void;
}

/** Seeks while dragging are sent at most this often; the local position updates on every move. */
const SEEK_SEND_MS = 30;

export function usePlayback(host: HostApi, path: string, steps: number, initialPosition: number | null): Playback {
  const clamp = useCallback((p: number) => Math.max(-1, Math.min(steps - 1, Math.trunc(p))), [steps]);
  const [state, setState] = useState(() => ({
    position: clamp(initialPosition ?? steps - 1), playing: false, rate: 20, unit: 'chunks' as PlaybackUnit, error: null as string | null,
  }));
  const revision = useRef(-1);
  const pendingSeek = useRef<{ position: number; timer: number | null }>({ position: 0, timer: null });
  const localUntil = useRef(0);

  const apply = useCallback((s: PlaybackState) => {
    if (s.path !== path || s.revision <= revision.current) return;
    revision.current = s.revision;
    // While the person drags, their own position wins over echoes of earlier seeks.
    if (!s.playing && performance.now() < localUntil.current) {
      setState((prev) => ({ ...prev, playing: false, rate: s.rate, unit: s.unit }));
      return;
    }
    setState((prev) => ({ ...prev, position: s.position, playing: s.playing, rate: s.rate, unit: s.unit, error: null }));
  }, [path]);

  const fail = useCallback((error: Error) => setState((prev) => ({ ...prev, playing: false, error: error.message })), []);

  useEffect(() => {
    revision.current = -1;
    const unsubscribe = host.subscribe((event) => {
      if (event.type === 'playback') apply(event.state);
    });
    // Join the host's clock: an existing one (another window) is followed, a new one starts at the link's position.
    host.invoke('controlPlayback', { path, action: 'get' }).then((s) => {
      if (s.playing || initialPosition === null) apply(s);
      else if (s.position !== clamp(initialPosition)) host.invoke('controlPlayback', { path, action: 'seek', position: clamp(initialPosition) }).then(apply, fail);
      else apply(s);
    }, fail);
    return unsubscribe;
    // initialPosition is read once per recording on purpose: later link updates come from this hook.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [host, path, apply, fail, clamp]);

  // Keep the link in step with the position, without flooding history.
  useEffect(() => {
    const timer = window.setTimeout(() => navigate({ chunk: state.position }, true), state.playing ? 250 : 60);
    return () => window.clearTimeout(timer);
  }, [state.position, state.playing]);

  const seek = useCallback((to: number) => {
    const position = clamp(to);
    localUntil.current = performance.now() + 400;
    setState((prev) => ({ ...prev, position }));
    const pending = pendingSeek.current;
    pending.position = position;
    if (pending.timer === null) {
      pending.timer = window.setTimeout(() => {
        pending.timer = null;
        host.invoke('controlPlayback', { path, action: 'seek', position: pending.position }).then(apply, fail);
      }, SEEK_SEND_MS);
    }
  }, [clamp, host, path, apply, fail]);

  const play = useCallback(() => {
    localUntil.current = 0;
    host.invoke('controlPlayback', { path, action: 'play' }).then(apply, fail);
  }, [host, path, apply, fail]);
  const pause = useCallback(() => {
    host.invoke('controlPlayback', { path, action: 'pause' }).then(apply, fail);
  }, [host, path, apply, fail]);
  const setSpeed = useCallback((rate: number, unit: PlaybackUnit) => {
    host.invoke('controlPlayback', { path, action: 'speed', rate, unit }).then(apply, fail);
  }, [host, path, apply, fail]);

  return {
    ...state, steps, seek, play, pause, setSpeed,
    toggle: () => (state.playing ? pause() : play()),
  };
}
