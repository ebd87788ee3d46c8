// Public API of the Responses view: turn chains, derived Responses streaming events, parsed
// file-search tool results and citations (spec: responses-events.md).
export { buildChains, chainFor, pinChain } from './chains';
export type {
  ChainInput,
  ChainIssue,
  ChainIssueKind,
  ChainOptions,
  ChainTurn,
  ConsumedToolResult,
  GuardRecording,
  LinkKind,
  ProducedToolCall,
  TurnCandidate,
  TurnChain,
} from './chains';
export type { CandidateHash, HashProfileOption } from './candidate-rank';

export { deriveEvents, eventsUpTo } from './events';
export type { DeriveIssue, DeriveOptions, DerivedStream, HttpBody, ParsedToolResult, Terminal, TurnInfo } from './events';
export type * from './event-types';
export { PRESETS, resolveFeatures, suggestVersion } from './versions';
export type { Features, VersionSuggestion } from './versions';
export { classifyToolName, FILE_SEARCH_NAMES, isFileSearchName, isServerSide } from './tool-kinds';
export type { ToolKind, ToolKindOverrides } from './tool-kinds';

export { looksLikeFileSearchResult, parseFileSearchResult } from './tool-results';
export type {
  CiteForm,
  FileSearchChunk,
  FileSearchResult,
  InstructionWording,
  ParseToolResultOptions,
  ToolResultIssue,
  ToolResultIssueKind,
} from './tool-results';
export { parsePythonLiteral, pyDictGet, pyToValue } from './python-literal';
export type { PyNode, PyParseResult, PyValue } from './python-literal';

export { analyzeCitations, buildCitationFiles, codePointLength, extractCitations, INSTRUCTION_EXAMPLE_ID } from './citations';
export type {
  AnalyzeOptions,
  AnnotationView,
  CitationAnalysis,
  CitationFileEntry,
  CitationMarker,
  ChunkRef,
  ExtractedCitations,
  FileCitationAnnotation,
  MarkerReason,
  MarkerResolution,
  MarkerSyntax,
  ResolutionKind,
  ServerCitationMatch,
  ToolResultSource,
} from './citations';
