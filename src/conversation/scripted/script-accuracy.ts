import type { Authority, Budget, Need, Timeline } from '../understand/understanding.js';
import type { ScriptExpectation } from './prospect-scripts.js';
import type { ScriptRun } from './run-script.js';

export const JUDGED_SLOTS = ['budget', 'authority', 'need', 'timeline'] as const;
export type JudgedSlot = (typeof JUDGED_SLOTS)[number];

/** Correct and judged counts per slot. */
export type SlotTally = Record<JudgedSlot, { correct: number; judged: number }>;

const budgetMatches = (want: NonNullable<ScriptExpectation['budget']>, got: Budget): boolean => {
  if (want === 'none' || got.kind === 'none') return want === 'none' && got.kind === 'none';
  return (
    got.min === want.min &&
    got.max === want.max &&
    (want.currency === undefined || got.currency === want.currency)
  );
};

const timelineMatches = (want: Timeline, got: Timeline): boolean =>
  got.horizon === want.horizon && got.from === want.from && got.to === want.to;

/** Whether a run's final fact for `slot` is what the script expects (nothing, when it expects `null`). */
export const slotCorrect = (
  slot: JudgedSlot,
  expected: ScriptExpectation,
  run: ScriptRun,
): boolean | undefined => {
  const want = expected[slot];
  if (want === undefined) return undefined;
  const got = run.state.answers[slot]?.value;
  if (want === null || got === undefined) return want === null && got === undefined;
  switch (slot) {
    case 'budget':
      return budgetMatches(want as NonNullable<ScriptExpectation['budget']>, got as Budget);
    case 'timeline':
      return timelineMatches(want as Timeline, got as Timeline);
    case 'authority':
      return (got as Authority).role === want;
    case 'need':
      return (got as Need).keywords.includes(want as string);
  }
};

/** Adds one run's judged slots to a tally. */
export const tallySlots = (tally: SlotTally, expected: ScriptExpectation, run: ScriptRun): void => {
  for (const slot of JUDGED_SLOTS) {
    const correct = slotCorrect(slot, expected, run);
    if (correct === undefined) continue;
    tally[slot].judged++;
    if (correct) tally[slot].correct++;
  }
};

/** An empty tally. */
export const emptyTally = (): SlotTally => ({
  budget: { correct: 0, judged: 0 },
  authority: { correct: 0, judged: 0 },
  need: { correct: 0, judged: 0 },
  timeline: { correct: 0, judged: 0 },
});
