/**
 * A streamed response on the host's replay clock: scrubber + controls (one keyboard region),
 * the reconstruction pane at the current position and the chunk inspector.
 * Mount with a `key` per recording: the playback hook reads the link's position once.
 */
import { useCallback, useLayoutEffect, useMemo, useRef, type JSX, type KeyboardEvent, type ReactNode } from 'react';
import type { HostApi } from '../../../shared/host-api';
import type { Timeline } from '../../../shared/stream';
import { usePlayback } from '../playback/use-playback';
import { ChunkInspector } from './chunk-inspector';
import { PlaybackControls } from './controls';
import { stepTicks } from './format';
import { classifyKeyTarget, keyAction } from './keys';
import { ReconstructionPane } from './reconstruction';
import { Scrubber } from './scrubber';
import './timeline.css';

export interface TimelinePlayerProps {
  host: HostApi;
  /** Relative path of the recording (the host's clock key). */
  path: string;
  timeline: Timeline;
  /** `?chunk=` of the link, read once; null = start at the end (the whole answer). */
  initialChunk: number | null;
  /** Views that follow the position, shown under the reconstruction (e.g. the Responses events). */
  children?: (position: number) => ReactNode;
}

export function TimelinePlayer({ host, path, timeline, initialChunk, children }: TimelinePlayerProps): JSX.Element {
  const steps = timeline.steps.length;
  const playback = usePlayback(host, path, steps, initialChunk);
  const position = Math.max(-1, Math.min(steps - 1, playback.position));
  const ticks = useMemo(() => stepTicks(timeline), [timeline]);
  const { seek } = playback;
  // Stable callbacks, so memoised children skip renders that do not move the position.
  const latest = useRef(playback);
  useLayoutEffect(() => {
    latest.current = playback;
  });
  const toggle = useCallback(() => latest.current.toggle(), []);
  const onDragChange = useCallback((dragging: boolean) => {
    if (dragging && latest.current.playing) latest.current.pause();
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const action = keyAction(
      { key: e.key, shiftKey: e.shiftKey, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, target: classifyKeyTarget(e.target) },
      { position, steps, markers: timeline.markers },
    );
    if (!action) return;
    e.preventDefault();
    if (action.type === 'toggle') toggle();
    else if (action.position !== position) seek(action.position);
  };

  return (
    <div className="tl-player">
      <div className="tl-timeline" role="group" aria-label="Stream timeline" onKeyDown={onKeyDown}>
        <Scrubber position={position} steps={steps} markers={timeline.markers} levels={ticks.levels} weights={ticks.weights} onSeek={seek} onDragChange={onDragChange} />
        <PlaybackControls position={position} steps={steps} playing={playback.playing} rate={playback.rate} unit={playback.unit}
          onSeek={seek} onToggle={toggle} onSpeed={playback.setSpeed} />
        {playback.error && (
          <p className="tl-warn" role="status">The replay clock is unavailable ({playback.error}); scrubbing still works here.</p>
        )}
      </div>
      <div className="tl-columns">
        <ReconstructionPane timeline={timeline} position={position} />
        <ChunkInspector timeline={timeline} position={position} />
      </div>
      {children?.(position)}
    </div>
  );
}
