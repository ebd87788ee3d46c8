/** IPC channel names, kept apart from host-api.ts so the sandboxed preload bundles no validation code. */
export const IPC_INVOKE_CHANNEL = 'recording-inspector:invoke';
export const IPC_EVENT_CHANNEL = 'recording-inspector:event';
