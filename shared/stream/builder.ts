// The single linear pass. Adapters translate provider chunks into calls on `Emit`; the builder
// records them as the step's deltas and, after each step, appends one number per tracked value
// (cumulative text length or index of the current value). stateAt then only slices.
import { isRecord, safeJson, type Rec } from './json-util';
import type {
  ChoiceTrack,
  Delta,
  Marker,
  MarkerKind,
  Step,
  TextTrack,
  Timeline,
  TimelineError,
  ToolTrack,
  ValueTrack,
} from './types';

export type TextField = 'content' | 'reasoning' | 'refusal';

/** What adapters may report for the current step. Junk values are ignored, never thrown on. */
export interface Emit {
  /** The choice is present in this chunk (even with an empty delta). */
  touch(choice: number): void;
  text(choice: number, field: TextField, value: unknown): void;
  role(choice: number, value: unknown): void;
  finish(choice: number, value: unknown): void;
  /** Create (or touch) tool call `toolIndex` of `choice`. */
  tool(choice: number, toolIndex: number): void;
  /** Index for a provider that does not number its tool calls: max existing + 1. */
  nextToolIndex(choice: number): number;
  toolId(choice: number, toolIndex: number, value: unknown): void;
  toolName(choice: number, toolIndex: number, value: unknown): void;
  toolArgs(choice: number, toolIndex: number, value: unknown): void;
  /** Shallow-merged into the running usage (Anthropic splits it over two events). */
  usage(value: unknown): void;
  error(err: TimelineError): void;
  note(text: string): void;
}

class MText {
  text = '';
  readonly len: number[] = [];
}

class MValue {
  readonly values: string[] = [];
  readonly at: number[] = [];
  cur = -1;
  set(v: string): boolean {
    if (this.cur >= 0 && this.values[this.cur] === v) return false;
    this.cur = this.values.push(v) - 1;
    return true;
  }
}

interface MTool {
  readonly index: number;
  readonly from: number;
  readonly id: MValue;
  readonly name: MValue;
  readonly args: MText;
}

interface MChoice {
  readonly index: number;
  readonly from: number;
  readonly content: MText;
  readonly reasoning: MText;
  readonly refusal: MText;
  readonly role: MValue;
  readonly finish: MValue;
  readonly tools: Map<number, MTool>;
  firstToken: number;
}

// Within one step, markers read in causal order.
const MARKER_ORDER: Record<MarkerKind, number> = { 'first-token': 0, 'tool-call': 1, finish: 2, usage: 3, error: 4 };

const textTrack = (t: MText): TextTrack => ({ text: t.text, len: t.len });
const valueTrack = <T>(v: { values: T[]; at: number[] }): ValueTrack<T> => ({ values: v.values, at: v.at });

export class TimelineBuilder implements Emit {
  private readonly steps: Step[] = [];
  private readonly choiceMap = new Map<number, MChoice>();
  private readonly usageValues: Rec[] = [];
  private readonly usageAt: number[] = [];
  private usageJson = '';
  private readonly markers: Marker[] = [];
  private err: TimelineError | undefined;
  private errorStep = -1;
  private chunkCount = 0;
  // current step
  private added: Delta[] = [];
  private notes: string[] = [];

  /** Run one step; an adapter bug or exotic input becomes a note, never an exception. */
  step(kind: string, raw: unknown, body: (e: Emit) => void, extra?: { lines?: [number, number]; synthetic?: boolean }): void {
    const k = this.steps.length;
    this.added = [];
    this.notes = [];
    try {
      body(this);
    } catch (e) {
      this.notes.push(`adapter error: ${e instanceof Error ? e.message : safeJson(e)}`);
    }
    for (const c of this.choiceMap.values()) {
      c.content.len.push(c.content.text.length);
      c.reasoning.len.push(c.reasoning.text.length);
      c.refusal.len.push(c.refusal.text.length);
      c.role.at.push(c.role.cur);
      c.finish.at.push(c.finish.cur);
      for (const t of c.tools.values()) {
        t.args.len.push(t.args.text.length);
        t.id.at.push(t.id.cur);
        t.name.at.push(t.name.cur);
      }
    }
    this.usageAt.push(this.usageValues.length - 1);
    const step: Step = {
      index: k,
      kind,
      raw,
      added: Object.freeze(this.added),
      ...(this.notes.length ? { note: this.notes.join('; ') } : {}),
      ...(extra?.lines ? { lines: Object.freeze(extra.lines) } : {}),
    };
    this.steps.push(Object.freeze(step));
    if (!extra?.synthetic) this.chunkCount++;
  }

  // ---- Emit ----

  private choice(index: number): MChoice {
    let c = this.choiceMap.get(index);
    if (!c) {
      c = {
        index,
        from: this.steps.length,
        content: new MText(),
        reasoning: new MText(),
        refusal: new MText(),
        role: new MValue(),
        finish: new MValue(),
        tools: new Map(),
        firstToken: -1,
      };
      this.choiceMap.set(index, c);
    }
    return c;
  }

  private markFirstToken(c: MChoice): void {
    if (c.firstToken < 0) {
      c.firstToken = this.steps.length;
      this.markers.push({ step: c.firstToken, kind: 'first-token', label: 'first token', choice: c.index });
    }
  }

  touch(choice: number): void {
    this.choice(choice);
  }

  text(choice: number, field: TextField, value: unknown): void {
    // Like the OpenAI SDK: empty strings add nothing.
    if (typeof value !== 'string' || value === '') return;
    const c = this.choice(choice);
    c[field].text += value;
    this.markFirstToken(c);
    this.added.push({ choice, field, text: value });
  }

  role(choice: number, value: unknown): void {
    if (typeof value !== 'string' || value === '') return;
    const c = this.choice(choice);
    if (c.role.set(value)) this.added.push({ choice, field: 'role', text: value });
  }

  finish(choice: number, value: unknown): void {
    if (typeof value !== 'string' || value === '') return;
    const c = this.choice(choice);
    if (c.finish.set(value)) {
      this.added.push({ choice, field: 'finish', text: value });
      this.markers.push({ step: this.steps.length, kind: 'finish', label: `finish: ${value}`, choice });
    }
  }

  private toolOf(choice: number, toolIndex: number): MTool {
    const c = this.choice(choice);
    let t = c.tools.get(toolIndex);
    if (!t) {
      t = { index: toolIndex, from: this.steps.length, id: new MValue(), name: new MValue(), args: new MText() };
      c.tools.set(toolIndex, t);
      this.markFirstToken(c);
    }
    return t;
  }

  tool(choice: number, toolIndex: number): void {
    this.toolOf(choice, toolIndex);
  }

  nextToolIndex(choice: number): number {
    let next = 0;
    for (const i of this.choice(choice).tools.keys()) if (i >= next) next = i + 1;
    return next;
  }

  toolId(choice: number, toolIndex: number, value: unknown): void {
    const t = this.toolOf(choice, toolIndex);
    if (typeof value === 'string' && value !== '' && t.id.set(value))
      this.added.push({ choice, field: 'toolId', toolIndex, text: value });
  }

  toolName(choice: number, toolIndex: number, value: unknown): void {
    const t = this.toolOf(choice, toolIndex);
    if (typeof value === 'string' && value !== '' && t.name.set(value))
      this.added.push({ choice, field: 'toolName', toolIndex, text: value });
  }

  toolArgs(choice: number, toolIndex: number, value: unknown): void {
    const t = this.toolOf(choice, toolIndex);
    if (typeof value !== 'string' || value === '') return;
    t.args.text += value;
    this.added.push({ choice, field: 'toolArgs', toolIndex, text: value });
  }

  usage(value: unknown): void {
    if (value === null || value === undefined) return;
    if (!isRecord(value)) {
      this.note(`usage is not an object`);
      return;
    }
    const prev = this.usageValues[this.usageValues.length - 1];
    const merged = Object.freeze({ ...prev, ...value });
    const json = safeJson(merged);
    if (json === this.usageJson) return;
    this.usageJson = json;
    this.usageValues.push(merged);
    this.added.push({ choice: -1, field: 'usage', text: json, value: merged });
    this.markers.push({ step: this.steps.length, kind: 'usage', label: 'usage' });
  }

  error(err: TimelineError): void {
    this.err = Object.freeze({ ...err });
    if (this.errorStep < 0) this.errorStep = this.steps.length;
    this.added.push({ choice: -1, field: 'error', text: err.message, value: this.err });
    this.markers.push({ step: this.steps.length, kind: 'error', label: `error: ${err.type}` });
  }

  note(text: string): void {
    this.notes.push(text);
  }

  // ---- result ----

  build(variant: string, streaming: boolean): Timeline {
    // Every timeline has at least choice 0 so consumers never special-case "no choices";
    // created after the last step, it is empty at every position.
    if (this.choiceMap.size === 0) this.choice(0);
    const choices: ChoiceTrack[] = [...this.choiceMap.values()]
      .sort((a, b) => a.index - b.index)
      .map((c) => {
        const tools: ToolTrack[] = [...c.tools.values()]
          .sort((a, b) => a.index - b.index)
          .map((t) => {
            const name = t.name.values[t.name.values.length - 1];
            this.markers.push({
              step: t.from,
              kind: 'tool-call',
              label: `tool call ${name ?? `#${t.index}`}`,
              choice: c.index,
              toolIndex: t.index,
            });
            return Object.freeze({ index: t.index, from: t.from, id: valueTrack(t.id), name: valueTrack(t.name), args: textTrack(t.args) });
          });
        return Object.freeze({
          index: c.index,
          from: c.from,
          content: textTrack(c.content),
          reasoning: textTrack(c.reasoning),
          refusal: textTrack(c.refusal),
          role: valueTrack(c.role),
          finish: valueTrack(c.finish),
          tools: Object.freeze(tools),
        });
      });
    const markers = this.markers
      .sort((a, b) => a.step - b.step || MARKER_ORDER[a.kind] - MARKER_ORDER[b.kind])
      .map((m) => Object.freeze(m));
    return Object.freeze({
      variant,
      streaming,
      steps: Object.freeze(this.steps),
      chunkCount: this.chunkCount,
      choices: Object.freeze(choices.map((c) => c.index)),
      markers: Object.freeze(markers),
      ...(this.err ? { error: this.err } : {}),
      tracks: Object.freeze({
        choices: Object.freeze(choices),
        usage: Object.freeze({ values: this.usageValues, at: this.usageAt }),
        errorStep: this.errorStep,
      }),
    });
  }
}
