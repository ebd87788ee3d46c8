/** The response of a recording. */
import { JsonBlock } from '../request-view/json-block';
import type { Route } from '../state/route';
import type { RecordingModel } from '../state/use-recording';

export function ResponseView({ model }: { model: RecordingModel; route: Route }) {
  const value = model.value as { response?: { body?: unknown } };
  return <JsonBlock value={value.response?.body ?? null} />;
}
