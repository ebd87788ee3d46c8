/**
 * Request-hash algorithms the recorder has used (spec §5.3), oldest first. A file whose name
 * only matches an older profile is stale: the recorder in force never looks it up.
 */

export type ProfileName =
  | 'legacy-short-2025-07'
  | 'raw-testid-2025-10-04'
  | 'floats-2025-10'
  | 'floats-2025-11'
  | 'branch-fs-A-2026-04-07'
  | 'branch-fs-B-2026-04-07'
  | 'head-2026-04';

/** Which §5.1 string rules run (rule 5, numeric strings, comes with every set except 'none'). */
export type StringRuleSet = 'none' | 'numeric' | 'fs-A' | 'fs-B' | 'head';

/** Root-dict deletions (§5.1 normalize step 1); they arrived in the middle of floats-2025-11. */
export interface RootRules {
  bedrockStreamOptions: boolean;
  extraProjectId: boolean;
}

export interface HashProfile {
  name: ProfileName;
  inForce: string;
  summary: string;
  /** name = first 12 hex chars of the hash */
  shortNames: boolean;
  /** inference hash includes test_id (except for model-list paths) */
  includeTestId: boolean;
  /** URL paths whose inference hash omits test_id */
  modelPaths: readonly string[];
  roundFloats: boolean;
  strings: StringRuleSet;
  /** Root-rule combinations that were in force at some point of the profile's life; each one is
   * tried, so a file matches if any of them reproduces its name. The first is the latest. */
  rootVariants: readonly RootRules[];
}

/** `request.endpoint` labels that make a file a model list (`models-<hash>-<digest8>.json`). */
export const MODEL_LIST_ENDPOINTS: readonly string[] = ['/api/tags', '/v1/models', '/v1/openai/v1/models'];

const OLD_MODEL_PATHS = ['/api/tags', '/v1/models'] as const;
const NO_ROOT: RootRules = { bedrockStreamOptions: false, extraProjectId: false };
const ALL_ROOT: RootRules = { bedrockStreamOptions: true, extraProjectId: true };

export const PROFILES: readonly HashProfile[] = [
  {
    name: 'legacy-short-2025-07',
    inForce: '2025-07-29 … 2025-10-04',
    summary: 'no test_id, no normalisation, 12-hex names',
    shortNames: true,
    includeTestId: false,
    modelPaths: OLD_MODEL_PATHS,
    roundFloats: false,
    strings: 'none',
    rootVariants: [NO_ROOT],
  },
  {
    name: 'raw-testid-2025-10-04',
    inForce: '2025-10-04 … 2025-10-09',
    summary: 'test_id included, no float/string normalisation',
    shortNames: false,
    includeTestId: true,
    modelPaths: OLD_MODEL_PATHS,
    roundFloats: false,
    strings: 'none',
    rootVariants: [NO_ROOT],
  },
  {
    name: 'floats-2025-10',
    inForce: '2025-10-09 … 2025-11-03',
    summary: 'float rounding and numeric strings only',
    shortNames: false,
    includeTestId: true,
    modelPaths: OLD_MODEL_PATHS,
    roundFloats: true,
    strings: 'numeric',
    rootVariants: [NO_ROOT],
  },
  {
    name: 'floats-2025-11',
    inForce: '2025-11-03 … 2026-04-09',
    summary: 'as HEAD minus the file_search string rules',
    shortNames: false,
    includeTestId: true,
    modelPaths: MODEL_LIST_ENDPOINTS,
    roundFloats: true,
    strings: 'numeric',
    // Bedrock rule from 2026-01-21, project_id rule from 2026-03-18
    rootVariants: [ALL_ROOT, { bedrockStreamOptions: true, extraProjectId: false }, NO_ROOT],
  },
  {
    name: 'branch-fs-A-2026-04-07',
    inForce: 'PR #5173 branch only',
    summary: 'file_search rules 1–2 only (score, attributes)',
    shortNames: false,
    includeTestId: true,
    modelPaths: MODEL_LIST_ENDPOINTS,
    roundFloats: true,
    strings: 'fs-A',
    rootVariants: [ALL_ROOT],
  },
  {
    name: 'branch-fs-B-2026-04-07',
    inForce: 'PR #5173 branch only',
    summary: 'file_search rules with file-<n> ids instead of UUIDs',
    shortNames: false,
    includeTestId: true,
    modelPaths: MODEL_LIST_ENDPOINTS,
    roundFloats: true,
    strings: 'fs-B',
    rootVariants: [ALL_ROOT],
  },
  {
    name: 'head-2026-04',
    inForce: 'since 2026-04-09',
    summary: 'spec §5.1',
    shortNames: false,
    includeTestId: true,
    modelPaths: MODEL_LIST_ENDPOINTS,
    roundFloats: true,
    strings: 'head',
    rootVariants: [ALL_ROOT],
  },
];

export const PROFILE_NAMES: readonly ProfileName[] = PROFILES.map((p) => p.name);
export const DEFAULT_PROFILE: ProfileName = 'head-2026-04';

export function isProfileName(s: string): s is ProfileName {
  return (PROFILE_NAMES as readonly string[]).includes(s);
}

export function getProfile(name: ProfileName): HashProfile {
  const p = PROFILES.find((x) => x.name === name);
  if (p === undefined) throw new RangeError(`unknown hash profile: ${name}`);
  return p;
}

/** Profiles in force up to and including `current`, oldest first (later ones cannot apply). */
export function profilesUpTo(current: ProfileName): HashProfile[] {
  const i = PROFILES.findIndex((p) => p.name === current);
  return PROFILES.slice(0, i + 1);
}
