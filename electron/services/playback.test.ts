import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PlaybackState } from '../../shared/host-api';
import { PlaybackService } from './playback';

describe('PlaybackService (the host-owned replay clock)', () => {
  afterEach(() => vi.useRealTimers());

  const make = (weights: number[]) => {
    const events: PlaybackState[] = [];
    const service = new PlaybackService(async () => ({ tokenWeights: weights }), (s) => events.push(s));
    return { service, events };
  };

  it('starts at the end, plays from the start at chunks per second, and stops at the end', async () => {
    vi.useFakeTimers();
    const { service, events } = make([1, 1, 1, 1, 1]);
    expect(await service.get('a.json')).toMatchObject({ position: 4, steps: 5, playing: false });
    await service.speed('a.json', 10, 'chunks');
    const started = await service.play('a.json');
    expect(started).toMatchObject({ position: -1, playing: true });
    await vi.advanceTimersByTimeAsync(100);
    expect(events.at(-1)!.position).toBe(0);
    await vi.advanceTimersByTimeAsync(250);
    expect(events.at(-1)!.position).toBe(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(events.at(-1)).toMatchObject({ position: 4, playing: false });
    // Revisions only increase, so late events can be dropped by followers.
    const revisions = events.map((e) => e.revision);
    expect([...revisions].sort((x, y) => x - y)).toEqual(revisions);
    service.dispose();
  });

  it('pauses, seeks (clamped) and keeps one clock per recording', async () => {
    vi.useFakeTimers();
    const { service } = make([1, 1, 1]);
    await service.play('a.json');
    await vi.advanceTimersByTimeAsync(60);
    const paused = await service.pause('a.json');
    expect(paused.playing).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect((await service.get('a.json')).position).toBe(paused.position);
    expect((await service.seek('a.json', 99)).position).toBe(2);
    expect((await service.seek('a.json', -5)).position).toBe(-1);
    expect((await service.get('b.json')).position).toBe(2);
    service.dispose();
  });

  it('paces by tokens: steps that add more text take longer', async () => {
    vi.useFakeTimers();
    const { service, events } = make([1, 10, 1]);
    await service.speed('a.json', 10, 'tokens');
    await service.play('a.json');
    await vi.advanceTimersByTimeAsync(100);
    expect(events.at(-1)!.position).toBe(0);
    await vi.advanceTimersByTimeAsync(500);
    expect(events.at(-1)!.position).toBe(0);
    await vi.advanceTimersByTimeAsync(550);
    expect(events.at(-1)!.position).toBe(1);
    service.dispose();
  });

  it('advances several steps per tick at very high rates instead of flooding timers', async () => {
    vi.useFakeTimers();
    const { service, events } = make(new Array(1000).fill(1));
    await service.speed('a.json', 10_000, 'chunks');
    await service.play('a.json');
    await vi.advanceTimersByTimeAsync(200);
    const ticks = events.filter((e) => e.playing).length;
    expect(events.at(-1)!.position).toBe(999);
    expect(ticks).toBeLessThan(60);
    service.dispose();
  });
});
