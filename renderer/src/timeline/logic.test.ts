import { describe, expect, it } from 'vitest';
import type { Marker } from '../../../shared/stream';
import { addedText, describeDelta, flattenUsage, positionReadout, positionText, splitLast } from './format';
import { classifyKeyTarget, keyAction, type KeyInput } from './keys';
import { markerAriaLabel, markerSteps, nextMarkerStep, previousMarkerStep } from './markers';
import { decodeSpeed, encodeSpeed, SPEED_OPTIONS, speedOptionsFor } from './speed';
import { fractionToPosition, layoutTicks, pointerToPosition, positionToFraction } from './ticks';

const markers: Marker[] = [
  { step: 3, kind: 'first-token', label: 'first token', choice: 0 },
  { step: 10, kind: 'tool-call', label: 'tool call get_weather', choice: 0, toolIndex: 0 },
  { step: 10, kind: 'first-token', label: 'first token', choice: 1 },
  { step: 40, kind: 'finish', label: 'finish: stop', choice: 0 },
  { step: 41, kind: 'usage', label: 'usage' },
];

describe('marker navigation', () => {
  it('finds the next and previous marker steps strictly after / before a position', () => {
    expect(nextMarkerStep(markers, -1)).toBe(3);
    expect(nextMarkerStep(markers, 3)).toBe(10);
    expect(nextMarkerStep(markers, 9)).toBe(10);
    expect(nextMarkerStep(markers, 10)).toBe(40);
    expect(nextMarkerStep(markers, 41)).toBeNull();
    expect(previousMarkerStep(markers, 41)).toBe(40);
    expect(previousMarkerStep(markers, 11)).toBe(10);
    expect(previousMarkerStep(markers, 10)).toBe(3);
    expect(previousMarkerStep(markers, 3)).toBeNull();
    expect(nextMarkerStep([], 0)).toBeNull();
  });

  it('does not depend on marker order and dedupes steps', () => {
    const shuffled = [...markers].reverse();
    expect(nextMarkerStep(shuffled, 4)).toBe(10);
    expect(previousMarkerStep(shuffled, 40)).toBe(10);
    expect(markerSteps(shuffled)).toEqual([3, 10, 40, 41]);
  });

  it('labels markers for screen readers', () => {
    expect(markerAriaLabel(markers[0]!)).toBe('marker: first token at chunk 3');
    expect(markerAriaLabel(markers[1]!)).toBe('marker: tool call get_weather at chunk 10');
    expect(markerAriaLabel(markers[2]!)).toBe('marker: first token (choice 1) at chunk 10');
    expect(markerAriaLabel({ step: 5, kind: 'error', label: '' })).toBe('marker: error at chunk 5');
  });
});

describe('tick geometry', () => {
  it('maps positions -1..steps-1 onto the whole track and back', () => {
    expect(positionToFraction(-1, 10)).toBe(0);
    expect(positionToFraction(9, 10)).toBe(1);
    expect(positionToFraction(4, 10)).toBeCloseTo(0.5);
    expect(positionToFraction(99, 10)).toBe(1);
    expect(positionToFraction(0, 0)).toBe(0);
    for (let p = -1; p < 1399; p++) expect(fractionToPosition(positionToFraction(p, 1399), 1399)).toBe(p);
    expect(fractionToPosition(-0.5, 10)).toBe(-1);
    expect(fractionToPosition(2, 10)).toBe(9);
    expect(fractionToPosition(Number.NaN, 10)).toBe(-1);
  });

  it('turns a pointer x into a position', () => {
    expect(pointerToPosition(100, 100, 500, 1399)).toBe(-1);
    expect(pointerToPosition(600, 100, 500, 1399)).toBe(1398);
    expect(pointerToPosition(0, 100, 500, 1399)).toBe(-1);
    expect(pointerToPosition(350, 100, 500, 1399)).toBe(Math.round(0.5 * 1399) - 1);
    expect(pointerToPosition(350, 100, 0, 1399)).toBe(-1);
  });

  it('draws one tick per chunk when there is room', () => {
    const ticks = layoutTicks(10, 1000);
    expect(ticks).toHaveLength(10);
    expect(ticks.map((t) => t.x)).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900, 999]);
    expect(ticks.every((t) => t.count === 1)).toBe(true);
  });

  it('merges chunks into pixel columns: 1,400 chunks on 600 px give at most 600 ticks, keeping the highest level', () => {
    const levels = new Uint8Array(1400);
    levels[700] = 2;
    const ticks = layoutTicks(1400, 600, levels);
    expect(ticks.length).toBeLessThanOrEqual(600);
    expect(ticks.reduce((n, t) => n + t.count, 0)).toBe(1400);
    const xs = ticks.map((t) => t.x);
    expect(new Set(xs).size).toBe(xs.length);
    expect(xs.every((x, i) => i === 0 || x > xs[i - 1]!)).toBe(true);
    expect(xs.every((x) => x >= 0 && x < 600)).toBe(true);
    expect(ticks.filter((t) => t.level === 2)).toHaveLength(1);
    expect(layoutTicks(0, 600)).toEqual([]);
    expect(layoutTicks(5, 0)).toEqual([]);
  });
});

describe('speed options', () => {
  it('encodes rate and unit in one select value and back', () => {
    expect(encodeSpeed(20, 'chunks')).toBe('chunks:20');
    expect(decodeSpeed('tokens:40')).toEqual({ rate: 40, unit: 'tokens' });
    expect(decodeSpeed('chunks:2.5')).toEqual({ rate: 2.5, unit: 'chunks' });
    expect(decodeSpeed('chunks:0')).toBeNull();
    expect(decodeSpeed('bytes:10')).toBeNull();
    expect(decodeSpeed('')).toBeNull();
    for (const o of SPEED_OPTIONS) expect(decodeSpeed(o.value)).toEqual({ rate: o.rate, unit: o.unit });
  });

  it('offers chunk and token speeds and adds an unknown current speed', () => {
    expect(SPEED_OPTIONS.map((o) => o.value)).toEqual([
      'chunks:5', 'chunks:10', 'chunks:20', 'chunks:50', 'chunks:100', 'chunks:500', 'tokens:20', 'tokens:40', 'tokens:100',
    ]);
    expect(SPEED_OPTIONS[2]!.label).toBe('20 chunks/s');
    expect(speedOptionsFor(20, 'chunks')).toBe(SPEED_OPTIONS);
    const with7 = speedOptionsFor(7, 'chunks').map((o) => o.value);
    expect(with7.slice(0, 3)).toEqual(['chunks:5', 'chunks:7', 'chunks:10']);
    expect(speedOptionsFor(60, 'tokens').map((o) => o.value).slice(-3)).toEqual(['tokens:40', 'tokens:60', 'tokens:100']);
  });
});

describe('keyboard map', () => {
  const ctx = { position: 5, steps: 50, markers };
  const key = (k: string, extra: Partial<KeyInput> = {}) => keyAction({ key: k, target: 'slider', ...extra }, ctx);

  it('steps, jumps to markers, start and end', () => {
    expect(key('ArrowRight')).toEqual({ type: 'seek', position: 6 });
    expect(key('ArrowLeft')).toEqual({ type: 'seek', position: 4 });
    expect(key('ArrowRight', { shiftKey: true })).toEqual({ type: 'seek', position: 10 });
    expect(key('ArrowLeft', { shiftKey: true })).toEqual({ type: 'seek', position: 3 });
    expect(key('Home')).toEqual({ type: 'seek', position: -1 });
    expect(key('End')).toEqual({ type: 'seek', position: 49 });
    expect(key('PageUp')).toEqual({ type: 'seek', position: 10 });
    expect(key('ArrowUp')).toEqual({ type: 'seek', position: 6 });
  });

  it('falls back to start / end when there is no marker in that direction, and clamps', () => {
    expect(keyAction({ key: 'ArrowLeft', shiftKey: true, target: 'slider' }, { ...ctx, position: 2 })).toEqual({ type: 'seek', position: -1 });
    expect(keyAction({ key: 'ArrowRight', shiftKey: true, target: 'slider' }, { ...ctx, position: 45 })).toEqual({ type: 'seek', position: 49 });
    expect(keyAction({ key: 'ArrowLeft', target: 'slider' }, { ...ctx, position: -1 })).toEqual({ type: 'seek', position: -1 });
    expect(keyAction({ key: 'ArrowRight', target: 'slider' }, { ...ctx, position: 49 })).toEqual({ type: 'seek', position: 49 });
  });

  it('plays / pauses on Space, but leaves Space to buttons and every key to form fields', () => {
    expect(key(' ')).toEqual({ type: 'toggle' });
    expect(key(' ', { target: 'other' })).toEqual({ type: 'toggle' });
    expect(key(' ', { target: 'button' })).toBeNull();
    expect(key('ArrowRight', { target: 'button' })).toEqual({ type: 'seek', position: 6 });
    for (const k of [' ', 'ArrowLeft', 'ArrowRight', 'Home', 'End']) expect(key(k, { target: 'field' })).toBeNull();
    expect(key('ArrowUp', { target: 'button' })).toBeNull();
    expect(key('ArrowRight', { ctrlKey: true })).toBeNull();
    expect(key('ArrowRight', { metaKey: true })).toBeNull();
    expect(key('a')).toBeNull();
    expect(classifyKeyTarget(null)).toBe('other');
  });
});

describe('formatting helpers', () => {
  it('describes the position consistently with the ?chunk= link (step index)', () => {
    expect(positionText(12, 1399)).toBe('chunk 12 of 1399');
    expect(positionText(-1, 1399)).toBe('before chunk 0 of 1399');
    expect(positionReadout(12, 1399)).toBe('12 / 1399');
    expect(positionReadout(-1, 3)).toBe('– / 3');
  });

  it('splits the text a step added off the text so far', () => {
    expect(splitLast('Hello world', ' world')).toEqual(['Hello', ' world']);
    expect(splitLast('Hello', '')).toEqual(['Hello', '']);
    expect(splitLast('Hello', 'xyz')).toEqual(['Hello', '']);
    expect(splitLast('', 'a')).toEqual(['', '']);
    const step = { index: 1, kind: 'c', raw: null, added: [
      { choice: 0, field: 'content' as const, text: 'a' },
      { choice: 1, field: 'content' as const, text: 'b' },
      { choice: 0, field: 'content' as const, text: 'c' },
      { choice: 0, field: 'toolArgs' as const, text: '{"x', toolIndex: 1 },
    ] };
    expect(addedText(step, 0, 'content')).toBe('ac');
    expect(addedText(step, 1, 'content')).toBe('b');
    expect(addedText(step, 0, 'toolArgs', 1)).toBe('{"x');
    expect(addedText(step, 0, 'toolArgs', 0)).toBe('');
    expect(addedText(undefined, 0, 'content')).toBe('');
  });

  it('flattens usage into rows and describes deltas', () => {
    expect(flattenUsage({ prompt_tokens: 10, completion_tokens: 5, details: { cached_tokens: 0, x: null }, tier: 'a' })).toEqual([
      ['prompt_tokens', '10'], ['completion_tokens', '5'], ['details.cached_tokens', '0'], ['tier', 'a'],
    ]);
    expect(flattenUsage(null)).toEqual([]);
    expect(describeDelta({ choice: 0, field: 'content', text: ' a\n' })).toEqual({ where: 'choice 0 · content', text: '" a\\n"' });
    expect(describeDelta({ choice: -1, field: 'usage', text: '{"a":1}' })).toEqual({ where: 'stream · usage', text: '{"a":1}' });
    expect(describeDelta({ choice: 0, field: 'toolArgs', text: '{', toolIndex: 2 }).where).toBe('choice 0 · toolArgs · tool 2');
  });
});

describe('tick heights and marker lanes', () => {
  it('scales ticks by the mean text per chunk of a column, errors full height', async () => {
    const { tickHeights } = await import('./ticks');
    const ticks = layoutTicks(4, 400, [0, 1, 1, 2], [0, 4, 16, 0]);
    const h = tickHeights(ticks, 0.25);
    expect(h[0]).toBe(0.25);
    expect(h[1]).toBeCloseTo(0.25 + 0.75 * 0.5);
    expect(h[2]).toBe(1);
    expect(h[3]).toBe(1);
    expect(tickHeights(layoutTicks(3, 300), 0.3).every((x) => x === 1)).toBe(true);
    expect(tickHeights(layoutTicks(3, 300, undefined, [0, 0, 0]), 0.3)).toEqual([0.3, 0.3, 0.3]);
  });

  it('stacks close markers in lanes', async () => {
    const { assignLanes } = await import('./markers');
    expect(assignLanes([0.1, 0.5, 0.9], 0.03)).toEqual([0, 0, 0]);
    expect(assignLanes([0.999, 1, 0.001], 0.03)).toEqual([0, 1, 0]);
    expect(assignLanes([0.5, 0.5, 0.5, 0.5], 0.03)).toEqual([0, 1, 2, 2]);
    expect(assignLanes([0.5, 0.5, 0.6], 0.03)).toEqual([0, 1, 0]);
    expect(assignLanes([], 0.03)).toEqual([]);
  });
});
