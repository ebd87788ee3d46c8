// HEAD guardrails (§3.7): the guard model's verdicts are recorded as separate non-streaming chat
// completions of the same test. Their prompts quote the text they judged, so they can be put back
// where they happened: the input check quotes the user message; output checks quote a prefix of
// the streamed answer. The spec describes the batching only roughly (≥ 200 new characters), so
// the recorded checks themselves are taken as the check points: text events are held until a
// safe verdict covers them, and an unsafe verdict drops the held events and ends the response.
import type { GuardRecording } from './chains';

export interface GuardPlan {
  readonly input: GuardRecording | null;
  /** Output checks on this turn's text, shortest prefix first. */
  readonly output: readonly GuardRecording[];
}

export function planGuards(guards: readonly GuardRecording[], userText: string | null, turnText: string): GuardPlan {
  const input = userText !== null ? (guards.find((g) => g.checkedText === userText) ?? null) : null;
  const output = guards
    .filter((g) => g !== input && g.checkedText !== null && g.checkedText !== '' && turnText.startsWith(g.checkedText))
    .sort((a, b) => a.checkedText!.length - b.checkedText!.length);
  return { input, output };
}

/** After-chunk hook: 'flush' once a safe check covers the text so far, 'cut' at an unsafe one. */
export function guardHook(plan: GuardPlan): (textSoFar: string) => 'flush' | 'cut' | null {
  let next = 0;
  return (textSoFar) => {
    // reasoning-only output is not held back (test_guardrailed_reasoning_streams_before_completion)
    if (textSoFar === '') return 'flush';
    let verdict: 'flush' | 'cut' | null = null;
    while (next < plan.output.length && plan.output[next]!.checkedText!.length <= textSoFar.length) {
      const g = plan.output[next++]!;
      if (g.verdict === 'unsafe') return 'cut';
      verdict = 'flush';
    }
    return verdict;
  };
}

/** The refusal text is not recorded; this stands in for it, with the categories that are. */
export const refusalText = (g: GuardRecording): string =>
  `[refusal message not recorded] (flagged for: ${g.categories.join(', ') || 'unsafe'})`;
