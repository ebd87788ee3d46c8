// Gemini /v1beta/interactions: SSE events (interaction.start, content.start/delta/stop,
// interaction.complete, done) and the non-streamed Interaction body (`outputs`). The newer
// step.* event names carry the same deltas and are accepted as aliases.
import type { Emit } from './builder';
import { argumentsText, asArray, asRecord, asString, indexOr, isRecord, type Rec } from './json-util';

export function isInteractionEvent(d: Rec, event: string | undefined): boolean {
  const t = asString(d.event_type) ?? event ?? '';
  return /^(interaction|content|step)\.|^error$|^done$/.test(t);
}

export const isInteractionBody = (d: Rec): boolean => d.object === 'interaction' || Array.isArray(d.outputs);

export function interactionEvents(): (d: Rec, event: string | undefined, e: Emit) => boolean {
  const tools = new Map<number, number>(); // content index -> tool index
  const toolFor = (e: Emit, idx: number): number => {
    let ti = tools.get(idx);
    if (ti === undefined) {
      ti = e.nextToolIndex(0);
      tools.set(idx, ti);
      e.tool(0, ti);
    }
    return ti;
  };
  return (d, event, e) => {
    const type = asString(d.event_type) ?? event ?? '';
    switch (type) {
      case 'interaction.start':
      case 'interaction.created': {
        e.touch(0);
        const i = asRecord(d.interaction);
        if (i) e.role(0, i.role);
        return true;
      }
      case 'interaction.status_update':
        e.note(`status: ${asString(d.status) ?? '?'}`);
        return true;
      case 'content.start':
      case 'step.start': {
        e.touch(0);
        const c = asRecord(d.content) ?? asRecord(d.step) ?? {};
        if (c.type === 'function_call') {
          const ti = toolFor(e, indexOr(d.index, -1));
          e.toolId(0, ti, c.id);
          e.toolName(0, ti, c.name);
        }
        return true;
      }
      case 'content.delta':
      case 'step.delta': {
        e.touch(0);
        const delta = asRecord(d.delta) ?? {};
        switch (delta.type) {
          case 'text':
            e.text(0, 'content', delta.text);
            break;
          case 'thought_summary':
          case 'thought': {
            const c = asRecord(delta.content);
            e.text(0, 'reasoning', c ? c.text : (delta.text ?? delta.thought));
            break;
          }
          case 'thought_signature':
            e.note('thought signature');
            break;
          case 'function_call': {
            const ti = toolFor(e, indexOr(d.index, -1));
            e.toolId(0, ti, delta.id);
            e.toolName(0, ti, delta.name);
            e.toolArgs(0, ti, delta.arguments === undefined ? undefined : argumentsText(delta.arguments));
            break;
          }
          default:
            e.note(`unhandled delta ${asString(delta.type) ?? '?'}`);
        }
        return true;
      }
      case 'content.stop':
      case 'step.stop':
        return true;
      case 'interaction.complete':
      case 'interaction.completed': {
        const i = asRecord(d.interaction) ?? {};
        e.role(0, i.role);
        e.finish(0, i.status);
        e.usage(i.usage);
        return true;
      }
      case 'error': {
        const err = asRecord(d.error);
        // Observed with an empty payload in beta streams, where it is not fatal.
        if (err) e.error({ type: asString(err.code) ?? 'error', message: asString(err.message) ?? '' });
        else e.note('empty error event');
        return true;
      }
      case 'done':
        return true;
      default:
        return false;
    }
  };
}

export function emitInteractionBody(d: Rec, e: Emit): void {
  e.touch(0);
  e.role(0, d.role);
  for (const out of asArray(d.outputs) ?? []) {
    if (!isRecord(out)) continue;
    if (out.type === 'text') e.text(0, 'content', out.text);
    else if (out.type === 'thought') {
      for (const s of asArray(out.summary) ?? []) if (isRecord(s)) e.text(0, 'reasoning', s.text);
    } else if (out.type === 'function_call') {
      const ti = e.nextToolIndex(0);
      e.tool(0, ti);
      e.toolId(0, ti, out.id);
      e.toolName(0, ti, out.name);
      e.toolArgs(0, ti, argumentsText(out.arguments));
    } else e.note(`${asString(out.type) ?? '?'} output`);
  }
  e.finish(0, d.status);
  e.usage(d.usage);
}
