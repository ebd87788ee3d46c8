import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute } from '../state/route';
import { formatViewRoute, parseViewRoute, type ViewRoute } from './view-route';

const TEST = 'tests/integration/responses/test_file_search.py::test_response_file_search_filter_by_category[openai_client-txt=openai/gpt-4o]';
const A = 'llama-stack/responses/recordings/6cf85f8a8edca663b20beac97afcc79dfb4a3aaca2a9ce58712a0ae40e0a1364.json';
const B = 'llama-stack/responses/recordings/0b85055d1c6561066aacb5c8bb0903548f8b5339f2aee9873d4c6ddc9d618fe5.json';

describe('view routes', () => {
  it('round-trips every view through the link', () => {
    const views: ViewRoute[] = [
      { kind: 'test', testId: TEST },
      { kind: 'test', testId: null },
      { kind: 'test', testId: undefined },
      { kind: 'diff', a: A, b: B },
      { kind: 'diff', a: A, b: 'HEAD' },
      { kind: 'diff', a: A, b: null },
      { kind: 'why' },
      { kind: 'cleanup' },
    ];
    for (const view of views) {
      const hash = formatViewRoute(view);
      expect(hash.startsWith('#/:')).toBe(true);
      expect(parseRoute(hash)).toEqual({ path: null, chunk: null, tab: null, view });
      expect(formatRoute({ path: null, chunk: null, tab: null, view })).toBe(hash);
    }
  });

  it('writes readable links', () => {
    expect(formatViewRoute({ kind: 'why' })).toBe('#/:why');
    expect(formatViewRoute({ kind: 'cleanup' })).toBe('#/:cleanup');
    expect(formatViewRoute({ kind: 'test', testId: undefined })).toBe('#/:test');
    expect(formatViewRoute({ kind: 'test', testId: null })).toBe('#/:test?none=1');
    expect(formatViewRoute({ kind: 'diff', a: 'x/a.json', b: 'HEAD' })).toBe('#/:diff?a=x%2Fa.json&b=HEAD');
  });

  it('keeps test ids with brackets, slashes, colons, equals and spaces intact', () => {
    const id = 'tests/a b/test_x.py::test_y[p=1/2:3 & more+]';
    expect(parseRoute(formatViewRoute({ kind: 'test', testId: id })).view).toEqual({ kind: 'test', testId: id });
  });

  it('reads hand-written links and ignores unknown views', () => {
    expect(parseViewRoute(':test?id=' + encodeURIComponent(TEST))).toEqual({ kind: 'test', testId: TEST });
    expect(parseViewRoute(':test?id=')).toEqual({ kind: 'test', testId: undefined });
    expect(parseViewRoute(':diff?b=HEAD')).toEqual({ kind: 'diff', a: null, b: 'HEAD' });
    expect(parseViewRoute(':why/')).toEqual({ kind: 'why' });
    expect(parseViewRoute(':nope')).toBeNull();
    expect(parseViewRoute('llama-stack/a.json')).toBeNull();
    expect(parseRoute('#/:nope')).toEqual({ path: null, chunk: null, tab: null, view: null });
  });

  it('leaves recording links as they were', () => {
    expect(parseRoute(`#/${A}?chunk=3&tab=response`)).toEqual({ path: A, chunk: 3, tab: 'response' });
    expect(parseRoute('#/')).toEqual({ path: null, chunk: null, tab: null });
    expect(formatRoute({ path: A, chunk: 2, tab: 'raw' })).toBe(`#/${A}?tab=raw&chunk=2`);
    expect(formatRoute({ path: A, chunk: null, tab: null, view: null })).toBe(`#/${A}`);
    // a path segment that merely contains ':' is still a recording
    expect(parseRoute('#/dir/a:b.json').path).toBe('dir/a:b.json');
  });
});
