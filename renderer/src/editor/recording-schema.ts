/**
 * The shape of a recording file (spec §2–§4) as a zod schema, and the JSON Schema the editor gives
 * Monaco's JSON language service. Deliberately permissive: every object allows unknown keys, because
 * recordings carry whatever the SDKs returned and new recorder versions add keys (spec §9).
 */
import { z } from 'zod';

const looseRecord = z.record(z.string(), z.unknown());
const testId = z.string().nullable().meta({ description: 'pytest node id active when the request was made; part of the request hash and decides the recordings folder (spec §1, §5).' });

/** §3.1 SDK-level inference call. */
export const inferenceRequestSchema = z
  .looseObject({
    method: z.string().meta({ description: 'Always "POST" (also for model listings).' }),
    url: z.string().meta({ description: 'Client base URL + endpoint; its path is hashed (not the endpoint label).' }),
    headers: looseRecord.meta({ description: 'Always {} (headers are never recorded).' }),
    body: looseRecord.meta({ description: 'Keyword arguments given to the SDK method. Part of the request hash.' }),
    endpoint: z.string().meta({ description: 'The recorder\'s label of the patched SDK method, e.g. /v1/chat/completions.' }),
    model: z.string().meta({ description: 'body.model, or "".' }),
    provider_metadata: looseRecord.optional().meta({ description: 'SDK / server versions (since 2026-03-12). Not hashed.' }),
  })
  .meta({ title: 'Inference request (§3.1)' });

/** §3.2 raw HTTP passthrough. */
export const httpRequestSchema = z
  .looseObject({
    test_id: testId.optional(),
    url: z.string(),
    method: z.string(),
    payload: z.unknown().meta({ description: 'The JSON payload sent. Part of the request hash.' }),
  })
  .meta({ title: 'Raw HTTP request (§3.2)' });

/** §3.3 tool invocation. */
export const toolRequestSchema = z
  .looseObject({
    test_id: testId.optional(),
    provider: z.string(),
    tool_name: z.string(),
    kwargs: looseRecord,
  })
  .meta({ title: 'Tool invocation (§3.3)' });

/** §3.4 file processor (orphan kind). */
export const fileProcessorRequestSchema = z
  .looseObject({
    test_id: testId.optional(),
    provider: z.string(),
    api: z.literal('file_processors'),
    file_id: z.string(),
  })
  .meta({ title: 'File processor request (§3.4)' });

export const requestSchema = z
  .union([toolRequestSchema, httpRequestSchema, fileProcessorRequestSchema, inferenceRequestSchema])
  .meta({ description: 'What was sent: one of the four request kinds of spec §3. Everything in it feeds the file name.' });

export const exceptionDataSchema = z.looseObject({
  category: z.string().optional().meta({ description: 'ogx, provider_sdk, builtin or unknown.' }),
  type: z.string().optional(),
  message: z.string().optional(),
  status_code: z.number().int().nullable().optional(),
  provider: z.string().nullable().optional(),
  body: z.unknown().optional(),
});

export const responseSchema = z
  .looseObject({
    status: z.number().int().optional().meta({ description: 'HTTP status (raw HTTP, non-streaming only).' }),
    body: z.unknown().meta({ description: 'A typed object {__type__, __data__}, a list of them (streams, model lists), a plain dict or list, SSE lines, or null.' }),
    is_streaming: z.boolean(),
    is_exception: z.boolean().optional(),
    exception_data: exceptionDataSchema.nullable().optional(),
    exception_message: z.string().nullable().optional(),
  })
  .meta({ description: 'What came back (spec §4).' });

export const recordingSchema = z
  .looseObject({
    test_id: testId.optional(),
    request: requestSchema,
    response: responseSchema,
    id_normalization_mapping: z.record(z.string(), z.string()).optional().meta({ description: 'normalized id → original id, applied when loading (§6.3). Written as {} since 2025-10-09.' }),
  })
  .meta({ title: 'llama-stack / OGX API test recording' });

export type RecordingShape = z.infer<typeof recordingSchema>;

let cached: Record<string, unknown> | null = null;

/** JSON Schema (draft-07, what Monaco's JSON service understands best) generated from `recordingSchema`. */
export function recordingJsonSchema(): Record<string, unknown> {
  cached ??= z.toJSONSchema(recordingSchema, { target: 'draft-7', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return cached;
}
