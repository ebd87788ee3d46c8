/**
 * The renderer's only way to the host: the desktop preload bridge when present, HTTP otherwise.
 * Both implement the same HostApi from shared/host-api.ts.
 */
import type { HostApi, HostArgs, HostEvent, HostMethod, HostResults } from '../../../shared/host-api';
import { HostCallError } from './host-call-error';
import { createHttpHostClient } from './http-host-client';

interface DesktopBridge {
  invoke(method: string, args: unknown): Promise<{ ok: boolean; result?: unknown; error?: { code: string; message: string } }>;
  subscribe(listener: (event: HostEvent) => void): () => void;
  pathForFile(file: unknown): string | null;
}

declare global {
  interface Window {
    recordingInspectorHost?: DesktopBridge;
  }
}

function createDesktopHostClient(bridge: DesktopBridge): HostApi {
  return {
    async invoke<M extends HostMethod>(method: M, args: HostArgs<M>): Promise<HostResults[M]> {
      const payload = await bridge.invoke(method, args);
      if (!payload.ok) throw new HostCallError(payload.error?.code ?? 'internal', payload.error?.message ?? 'Unknown error');
      return payload.result as HostResults[M];
    },
    subscribe: (listener) => bridge.subscribe(listener),
    pathForFile: (file) => bridge.pathForFile(file),
  };
}

export const host: HostApi = window.recordingInspectorHost ? createDesktopHostClient(window.recordingInspectorHost) : createHttpHostClient();
