/** The HostApi over HTTP (browser mode): POST /api/call/<method>, events over SSE; token from the URL. */
import type { HostApi, HostArgs, HostEvent, HostMethod, HostResults } from '../../../shared/host-api';
import { HostCallError } from './host-call-error';

const TOKEN_KEY = 'recording-inspector-token';

function readToken(): string {
  const fromUrl = new URLSearchParams(window.location.search).get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export function createHttpHostClient(): HostApi {
  const token = readToken();
  const listeners = new Set<(event: HostEvent) => void>();
  let source: EventSource | null = null;

  const connect = () => {
    source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    source.onmessage = (message) => {
      const event = JSON.parse(message.data as string) as HostEvent;
      for (const listener of listeners) listener(event);
    };
  };

  return {
    async invoke<M extends HostMethod>(method: M, args: HostArgs<M>): Promise<HostResults[M]> {
      let response: Response;
      try {
        response = await fetch(`/api/call/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-ri-token': token },
          body: JSON.stringify(args),
        });
      } catch {
        throw new HostCallError('io', 'The inspector server is not reachable. Is `recording-inspector serve` still running?');
      }
      const payload = (await response.json().catch(() => null)) as { ok: boolean; result?: unknown; error?: { code: string; message: string } } | null;
      if (!payload) throw new HostCallError('io', `The server answered ${response.status} without a result.`);
      if (!payload.ok) throw new HostCallError(payload.error?.code ?? 'internal', payload.error?.message ?? 'Unknown error');
      return payload.result as HostResults[M];
    },
    subscribe(listener) {
      listeners.add(listener);
      if (!source) connect();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          source?.close();
          source = null;
        }
      };
    },
  };
}
