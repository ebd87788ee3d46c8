/**
 * Links of the flaky-recording tools. They live beside the recording links (`#/<path>?tab=…`) under
 * reserved first segments that start with ':' — recording paths never do:
 *
 *   #/:test                       pick a test
 *   #/:test?id=<test id>          one test's logical requests (`?none=1`: recordings without a test id)
 *   #/:diff?a=<path>&b=<path>     two recordings; b = HEAD compares a with its version in git HEAD
 *   #/:why                        "why was my recording not found?"
 *   #/:cleanup                    the folder's cleanup assistant
 */

export type ViewRoute =
  /** testId: undefined = not chosen yet (picker), null = recordings made with no active test. */
  | { kind: 'test'; testId: string | null | undefined }
  /** b = 'HEAD': a's committed version. Either side may be missing (picker). */
  | { kind: 'diff'; a: string | null; b: string | null }
  | { kind: 'why' }
  | { kind: 'cleanup' };

export const HEAD = 'HEAD';

const NAMES = ['test', 'diff', 'why', 'cleanup'] as const;

/** `body` is the part after `#/`, starting with ':'. Returns null for an unknown view name. */
export function parseViewRoute(body: string): ViewRoute | null {
  if (!body.startsWith(':')) return null;
  const q = body.indexOf('?');
  const name = (q === -1 ? body.slice(1) : body.slice(1, q)).replace(/\/+$/, '');
  const params = new URLSearchParams(q === -1 ? '' : body.slice(q + 1));
  switch (name as (typeof NAMES)[number]) {
    case 'test': {
      const id = params.get('id');
      if (id !== null && id !== '') return { kind: 'test', testId: id };
      return { kind: 'test', testId: params.has('none') ? null : undefined };
    }
    case 'diff':
      return { kind: 'diff', a: params.get('a') || null, b: params.get('b') || null };
    case 'why':
      return { kind: 'why' };
    case 'cleanup':
      return { kind: 'cleanup' };
    default:
      return null;
  }
}

export function formatViewRoute(view: ViewRoute): string {
  const params = new URLSearchParams();
  switch (view.kind) {
    case 'test':
      if (typeof view.testId === 'string') params.set('id', view.testId);
      else if (view.testId === null) params.set('none', '1');
      break;
    case 'diff':
      if (view.a) params.set('a', view.a);
      if (view.b) params.set('b', view.b);
      break;
    default:
      break;
  }
  const query = params.toString();
  return `#/:${view.kind}${query ? `?${query}` : ''}`;
}
