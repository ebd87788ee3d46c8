/** The response of a recording: the stream timeline (scrubber, reconstruction, chunk inspector). */
import { host } from '../host/host-client';
import type { Route } from '../state/route';
import type { RecordingModel } from '../state/use-recording';
import { ResponsePanel } from '../timeline/response-panel';

export function ResponseView({ model, route }: { model: RecordingModel; route: Route }) {
  return <ResponsePanel host={host} model={model} route={route} />;
}
