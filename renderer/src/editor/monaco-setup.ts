/**
 * Monaco, bundled (never fetched): the core API, the editor features the recording editor uses, the JSON
 * language, and its two workers through Vite `?worker` imports, which are emitted as files of the app's
 * own origin (CSP `worker-src 'self' blob:`; nothing needs `unsafe-eval`). This module is only reached
 * through the lazily imported editor, so the table's first paint never waits for it.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
// Every editor feature: registering only some leaves services (code lens cache, tree drag and drop)
// unregistered, and a second editor on the page (diff views) then fails to start.
import 'monaco-editor/features/register.all';
import { jsonDefaults } from 'monaco-editor/languages/features/json/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker?worker';
import { recordingJsonSchema } from './recording-schema';

/** Model URIs of edited recordings end with this; the recording schema applies to them only (not to diff views). */
export const RECORDING_MODEL_SUFFIX = '.rec.json';

self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    return label === 'json' ? new JsonWorker() : new EditorWorker();
  },
};

jsonDefaults.setDiagnosticsOptions({
  validate: true,
  allowComments: false,
  comments: 'error',
  trailingCommas: 'error',
  // the schema is given here; nothing is ever requested over the network
  enableSchemaRequest: false,
  schemaValidation: 'warning',
  schemas: [{ uri: 'inmemory://recording-inspector/recording.schema.json', fileMatch: [`*${RECORDING_MODEL_SUFFIX}`], schema: recordingJsonSchema() }],
});

export { monaco };
