import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { recordingJsonSchema, recordingSchema } from './recording-schema';

const corpusDir = fileURLToPath(new URL('../../../../shared/corpus', import.meta.url));
const files = readdirSync(corpusDir, { recursive: true }).map(String).filter((f) => f.endsWith('.json'));
const sample = (): Record<string, unknown> => JSON.parse(readFileSync(path.join(corpusDir, files[0]!), 'utf8')) as Record<string, unknown>;

describe('recording schema', () => {
  it('accepts every recording of the corpus', () => {
    expect(files.length).toBeGreaterThan(200);
    const rejected: string[] = [];
    for (const f of files) {
      const result = recordingSchema.safeParse(JSON.parse(readFileSync(path.join(corpusDir, f), 'utf8')));
      if (!result.success) rejected.push(`${f}: ${result.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    }
    expect(rejected).toEqual([]);
  });

  it('rejects a recording without request, or without response.body', () => {
    const { request: _request, ...noRequest } = sample();
    const r = recordingSchema.safeParse(noRequest);
    expect(r.success).toBe(false);
    expect(r.error!.issues.some((i) => i.path[0] === 'request')).toBe(true);
    const noBody = sample();
    delete (noBody.response as Record<string, unknown>).body;
    expect(recordingSchema.safeParse(noBody).success).toBe(false);
    expect(recordingSchema.safeParse({ ...sample(), test_id: 42 }).success).toBe(false);
    expect(recordingSchema.safeParse({ ...sample(), request: { hello: 'world' } }).success).toBe(false);
  });

  it('keeps unknown keys acceptable at every level', () => {
    const rec = sample();
    (rec.request as Record<string, unknown>).new_sdk_field = { x: 1 };
    (rec.response as Record<string, unknown>).future = true;
    expect(recordingSchema.safeParse({ ...rec, also_new: [] }).success).toBe(true);
  });

  it('converts to a draft-07 JSON Schema for Monaco', () => {
    const schema = recordingJsonSchema() as { $schema: string; required: string[]; properties: Record<string, unknown>; additionalProperties: unknown };
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.required).toEqual(['request', 'response']);
    expect(Object.keys(schema.properties)).toEqual(['test_id', 'request', 'response', 'id_normalization_mapping']);
    expect(schema.additionalProperties).toEqual({});
    const request = schema.properties.request as { anyOf: Array<{ required: string[] }> };
    expect(request.anyOf.map((s) => s.required)).toEqual([
      ['provider', 'tool_name', 'kwargs'],
      ['url', 'method', 'payload'],
      ['provider', 'api', 'file_id'],
      ['method', 'url', 'headers', 'body', 'endpoint', 'model'],
    ]);
    expect(JSON.stringify(schema)).not.toContain('http://json-schema.org/draft-07/schema#"}'); // one $schema only, no remote $refs
    expect(JSON.stringify(schema)).not.toMatch(/"\$ref":"http/);
  });
});
