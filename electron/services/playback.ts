/**
 * The replay clock. The host owns one clock per recording: play, pause, seek and speed (chunks or
 * approximate tokens per second). Every position change is broadcast, so every window or browser tab
 * showing the recording follows the same clock; renderers only draw.
 */
import type { PlaybackState, PlaybackUnit } from '../../shared/host-api';

export interface PlaybackSource {
  /** Weight of each step in tokens (≈ characters / 4 of the text it adds); length = number of steps. */
  tokenWeights: number[];
}

interface Clock {
  state: PlaybackState;
  source: PlaybackSource;
  timer: NodeJS.Timeout | null;
}

export const DEFAULT_RATE: Record<PlaybackUnit, number> = { chunks: 20, tokens: 40 };
const MAX_RATE = 10_000;
/** Steps that add no text still take a little time, so markers (finish, usage) are visible in replay. */
const MIN_STEP_TOKENS = 0.25;

export class PlaybackService {
  private readonly clocks = new Map<string, Clock>();

  constructor(
    private readonly load: (path: string) => Promise<PlaybackSource>,
    private readonly emit: (state: PlaybackState) => void,
  ) {}

  async get(path: string): Promise<PlaybackState> {
    return { ...(await this.clock(path)).state };
  }

  async play(path: string): Promise<PlaybackState> {
    const clock = await this.clock(path);
    if (clock.state.steps === 0) return { ...clock.state };
    // Playing from the end starts over, like a media player.
    if (clock.state.position >= clock.state.steps - 1) clock.state.position = -1;
    clock.state.playing = true;
    this.publish(clock);
    this.schedule(clock);
    return { ...clock.state };
  }

  async pause(path: string): Promise<PlaybackState> {
    const clock = await this.clock(path);
    this.stop(clock);
    this.publish(clock);
    return { ...clock.state };
  }

  async seek(path: string, position: number): Promise<PlaybackState> {
    const clock = await this.clock(path);
    clock.state.position = Math.max(-1, Math.min(clock.state.steps - 1, Math.trunc(position)));
    if (clock.state.playing) this.schedule(clock);
    this.publish(clock);
    return { ...clock.state };
  }

  async speed(path: string, rate: number, unit: PlaybackUnit): Promise<PlaybackState> {
    const clock = await this.clock(path);
    clock.state.rate = Math.max(0.1, Math.min(MAX_RATE, rate));
    clock.state.unit = unit;
    if (clock.state.playing) this.schedule(clock);
    this.publish(clock);
    return { ...clock.state };
  }

  /** Forget a recording's clock (file removed or changed on disk). */
  reset(path: string): void {
    const clock = this.clocks.get(path);
    if (!clock) return;
    if (clock.timer) clearTimeout(clock.timer);
    this.clocks.delete(path);
  }

  dispose(): void {
    for (const path of [...this.clocks.keys()]) this.reset(path);
  }

  private async clock(path: string): Promise<Clock> {
    const existing = this.clocks.get(path);
    if (existing) return existing;
    const source = await this.load(path);
    const steps = source.tokenWeights.length;
    const clock: Clock = {
      source,
      timer: null,
      state: { path, playing: false, position: steps - 1, steps, rate: DEFAULT_RATE.chunks, unit: 'chunks', revision: 0 },
    };
    this.clocks.set(path, clock);
    return clock;
  }

  private delayMs(clock: Clock, step: number): number {
    const { rate, unit } = clock.state;
    const weight = unit === 'chunks' ? 1 : Math.max(MIN_STEP_TOKENS, clock.source.tokenWeights[step] ?? 1);
    return (1000 * weight) / rate;
  }

  private schedule(clock: Clock): void {
    if (clock.timer) clearTimeout(clock.timer);
    clock.timer = null;
    if (!clock.state.playing) return;
    const next = clock.state.position + 1;
    if (next >= clock.state.steps) {
      this.stop(clock);
      this.publish(clock);
      return;
    }
    // Fast rates advance several steps per tick so timers never fire more often than ~120 times a second.
    let due = this.delayMs(clock, next);
    let to = next;
    while (due < 8 && to + 1 < clock.state.steps) {
      to++;
      due += this.delayMs(clock, to);
    }
    clock.timer = setTimeout(() => {
      clock.timer = null;
      if (!clock.state.playing) return;
      clock.state.position = to;
      this.publish(clock);
      this.schedule(clock);
    }, due);
  }

  private stop(clock: Clock): void {
    clock.state.playing = false;
    if (clock.timer) clearTimeout(clock.timer);
    clock.timer = null;
  }

  private publish(clock: Clock): void {
    clock.state.revision++;
    this.emit({ ...clock.state });
  }
}
