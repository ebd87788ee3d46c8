// Every corpus file: builds without throwing, one step per chunk (SSE: per event), and the
// precomputed tracks agree with a naive re-fold of the steps' `added` deltas at every position.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildTimeline, stateAt, streamSummary, type Timeline } from './index';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpusRoot = path.resolve(repoRoot, '../shared/corpus');

function listJson(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? listJson(p) : e.name.endsWith('.json') ? [p] : [];
  });
}

/** Independent count: SSE events are blank-line separated groups of non-comment lines. */
function expectedChunks(response: { body: unknown; is_streaming?: unknown; is_exception?: unknown }): number {
  const { body } = response;
  if (body === null && response.is_exception === true) return 0;
  if (!Array.isArray(body)) return 1;
  if (body.length > 0 && body.every((x) => typeof x === 'string')) {
    let events = 0;
    let open = false;
    for (const line of body as string[]) {
      if (line === '') {
        if (open) events++;
        open = false;
      } else if (!line.startsWith(':')) open = true;
    }
    return events + (open ? 1 : 0);
  }
  return response.is_streaming === true ? body.length : 1;
}

interface Folded {
  content: string;
  reasoning: string;
  refusal: string;
  role: string | null;
  finishReason: string | null;
  tools: Map<number, { id: string | null; name: string | null; args: string }>;
}

function checkAgainstFold(t: Timeline, rel: string): void {
  const choices = new Map<number, Folded>(
    t.choices.map((i) => [i, { content: '', reasoning: '', refusal: '', role: null, finishReason: null, tools: new Map() }]),
  );
  let usage: unknown = null;
  const compare = (k: number) => {
    const s = stateAt(t, k);
    expect(s.usage, `${rel} usage @${k}`).toEqual(usage);
    expect(s.choices.map((c) => c.index)).toEqual(t.choices);
    for (const c of s.choices) {
      const f = choices.get(c.index);
      expect({ content: c.content, reasoning: c.reasoning, refusal: c.refusal, role: c.role, finishReason: c.finishReason }, `${rel} @${k}`).toEqual({
        content: f?.content,
        reasoning: f?.reasoning,
        refusal: f?.refusal,
        role: f?.role,
        finishReason: f?.finishReason,
      });
      expect(
        c.toolCalls.map(({ index, id, name, arguments: args }) => [index, id, name, args]),
        `${rel} tools @${k}`,
      ).toEqual([...(f?.tools ?? new Map()).entries()].sort((a, b) => a[0] - b[0]).map(([i, tc]) => [i, tc.id, tc.name, tc.args]));
      for (const tc of c.toolCalls) {
        let ok = true;
        try {
          JSON.parse(tc.arguments);
        } catch {
          ok = false;
        }
        expect(tc.argumentsParse).toBe(ok ? 'complete' : 'partial');
      }
    }
  };
  compare(-1);
  t.steps.forEach((step, k) => {
    for (const d of step.added) {
      if (d.field === 'usage') usage = d.value;
      if (d.choice < 0) continue;
      const f = choices.get(d.choice);
      if (!f) throw new Error(`${rel}: delta for unknown choice ${d.choice}`);
      const tool = () => {
        const i = d.toolIndex ?? -1;
        const tc = f.tools.get(i) ?? { id: null, name: null, args: '' };
        f.tools.set(i, tc);
        return tc;
      };
      if (d.field === 'content' || d.field === 'reasoning' || d.field === 'refusal') f[d.field] += d.text;
      else if (d.field === 'role') f.role = d.text;
      else if (d.field === 'finish') f.finishReason = d.text;
      else if (d.field === 'toolId') tool().id = d.text;
      else if (d.field === 'toolName') tool().name = d.text;
      else if (d.field === 'toolArgs') tool().args += d.text;
    }
    // Tool calls that appeared without any delta (e.g. `{index, function: {arguments: ""}}`).
    for (const ct of t.tracks.choices)
      for (const tt of ct.tools) if (tt.from === k && !choices.get(ct.index)?.tools.has(tt.index)) choices.get(ct.index)?.tools.set(tt.index, { id: null, name: null, args: '' });
    compare(k);
  });
}

describe('whole corpus', () => {
  const files = listJson(corpusRoot);

  it('has the 265 recordings of the manifest', () => {
    expect(files.length).toBe(265);
  });

  it('every file builds; one step per chunk / SSE event; tracks agree with the deltas', () => {
    const variants = new Map<string, number>();
    for (const file of files) {
      const rel = path.relative(corpusRoot, file);
      const record = JSON.parse(fs.readFileSync(file, 'utf8'));
      const t = buildTimeline(record);
      variants.set(t.variant, (variants.get(t.variant) ?? 0) + 1);
      const chunks = expectedChunks(record.response);
      expect(t.chunkCount, rel).toBe(chunks);
      expect(t.steps.length, rel).toBe(chunks + (record.response.is_exception === true ? 1 : 0));
      expect(t.steps.every((s, i) => s.index === i)).toBe(true);
      expect(t.markers.every((m, i) => i === 0 || (t.markers[i - 1]?.step ?? 0) <= m.step)).toBe(true);
      if (record.response.is_exception === true) expect(t.error, rel).toBeDefined();
      checkAgainstFold(t, rel);
      expect(() => JSON.stringify(streamSummary(t))).not.toThrow();
    }
    // No corpus item should fall through to "unknown".
    expect([...variants.keys()].filter((v) => /unknown|invalid/.test(v))).toEqual([]);
  });
});
