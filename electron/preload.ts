/**
 * Exposes exactly the typed HostApi to the renderer (contextIsolation + sandbox): invoke, subscribe and,
 * for drag and drop, the path of a dropped folder. Nothing else of Electron or Node reaches the page.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { HostEvent } from '../shared/host-api';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../shared/ipc-channels';

const api = {
  invoke: (method: string, args: unknown) => ipcRenderer.invoke(IPC_INVOKE_CHANNEL, method, args),
  subscribe: (listener: (event: HostEvent) => void) => {
    const handler = (_event: IpcRendererEvent, payload: HostEvent) => listener(payload);
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => { ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler); };
  },
  pathForFile: (file: unknown) => {
    try {
      return file instanceof File ? webUtils.getPathForFile(file) || null : null;
    } catch {
      return null;
    }
  },
};

contextBridge.exposeInMainWorld('recordingInspectorHost', api);
