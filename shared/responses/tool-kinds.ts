// What a chat tool stands for on the Responses side. The chat request does not say it directly,
// so this reads the traces llama-stack leaves: built-in tools by name (spec §2 step 3), Responses
// `function` tools because their dumped definition keeps an inner `type` key, and everything else
// offered to the model as an MCP tool. Callers can override per name.
import type { ToolDef } from './recording';

export type ToolKind = 'file_search' | 'web_search' | 'mcp' | 'function';

/** Names the built-in file search answers to: V2510 knows only `knowledge_search` (§2, §9). */
export const FILE_SEARCH_NAMES = ['knowledge_search', 'file_search'] as const;

export function isFileSearchName(name: string | null | undefined): boolean {
  return name === 'knowledge_search' || name === 'file_search';
}

export type ToolKindOverrides = Readonly<Record<string, ToolKind>>;

export function classifyToolName(
  name: string | null | undefined,
  defs: readonly ToolDef[],
  overrides: ToolKindOverrides = {},
): ToolKind | 'unknown' {
  if (typeof name !== 'string' || name === '') return 'unknown';
  const o = Object.prototype.hasOwnProperty.call(overrides, name) ? overrides[name] : undefined;
  if (o !== undefined) return o;
  if (isFileSearchName(name)) return 'file_search';
  if (name === 'web_search') return 'web_search';
  const def = defs.find((d) => d.name === name);
  if (!def) return 'unknown';
  return def.innerType ? 'function' : 'mcp';
}

/** Server-side: executed by the orchestrator, so the loop continues with another turn. */
export const isServerSide = (k: ToolKind | 'unknown'): boolean => k === 'file_search' || k === 'web_search' || k === 'mcp';
