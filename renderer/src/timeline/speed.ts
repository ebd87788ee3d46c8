/** Replay speed choices and their `<select>` value encoding ("chunks:20", "tokens:40"). */
import type { PlaybackUnit } from '../../../shared/host-api';

export interface SpeedOption {
  readonly rate: number;
  readonly unit: PlaybackUnit;
  readonly value: string;
  readonly label: string;
}

const UNIT_LABEL: Record<PlaybackUnit, string> = { chunks: 'chunks/s', tokens: 'tokens/s' };

export function encodeSpeed(rate: number, unit: PlaybackUnit): string {
  return `${unit}:${rate}`;
}

/** Parses an encoded speed; null when the value is not one. */
export function decodeSpeed(value: string): { rate: number; unit: PlaybackUnit } | null {
  const m = /^(chunks|tokens):(\d+(?:\.\d+)?)$/.exec(value);
  if (!m) return null;
  const rate = Number(m[2]);
  if (!Number.isFinite(rate) || rate <= 0) return null;
  return { rate, unit: m[1] as PlaybackUnit };
}

export function speedOption(rate: number, unit: PlaybackUnit): SpeedOption {
  return { rate, unit, value: encodeSpeed(rate, unit), label: `${rate} ${UNIT_LABEL[unit]}` };
}

export const SPEED_OPTIONS: readonly SpeedOption[] = [
  ...[5, 10, 20, 50, 100, 500].map((r) => speedOption(r, 'chunks')),
  ...[20, 40, 100].map((r) => speedOption(r, 'tokens')),
];

/** The standard options plus the current speed when it is not one of them (set from another window). */
export function speedOptionsFor(rate: number, unit: PlaybackUnit): readonly SpeedOption[] {
  const value = encodeSpeed(rate, unit);
  if (SPEED_OPTIONS.some((o) => o.value === value)) return SPEED_OPTIONS;
  const extra = speedOption(rate, unit);
  return [...SPEED_OPTIONS, extra].sort((a, b) => (a.unit === b.unit ? a.rate - b.rate : a.unit === 'chunks' ? -1 : 1));
}
