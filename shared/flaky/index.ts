/**
 * Flaky-recording tools: test view + cleanup assistant (test-groups), request/answer diff
 * (request-diff), "why was my recording not found" (why-not-found). Pure functions over parsed
 * recordings, shared by the UI and the CLI (`recording-inspector why`).
 */
export { diffJson, diffJsonDetailed, diffAnswers, answerOf, jsonSame, canonicalText, structuralKey, renderValue, pathOf } from './request-diff';
export type { DiffEntry, DetailedDiffEntry, DiffKind, DiffOptions, Answer, AnswerChoice, AnswerToolCall, AnswerDiff } from './request-diff';
export { rawHashView, normalizedHashView, judgeDifference, isBedrock, RULE_TEXT } from './hash-view';
export type { NormalizationRule, JudgedDifference, Verdict, JudgeContext } from './hash-view';
export { requestFeatures, INTENT_PARAMS } from './request-features';
export type { HashStatusLike, RequestFeatures, AnswerSignature } from './request-features';
export { groupTestRecordings, groupAllTests, testIdsOf, cleanupCandidates, entryFromText } from './test-groups';
export type { TestEntry, TestGroups, LogicalRequest, RequestVariant, VariantMark, Confidence, GroupState, GroupOptions, CleanupPlan, CleanupItem, CleanupAction } from './test-groups';
export { whyNotFound, parseFailureText, wrapAsRecord } from './why-not-found';
export type { WhyQuery, WhyOptions, WhyReport, WhyCandidate, WhyTier, SoughtHash, ParsedFailure, InputShape } from './why-not-found';
