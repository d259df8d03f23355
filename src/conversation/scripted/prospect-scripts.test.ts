import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { readKnowledgeBase } from '../knowledge/read-knowledge-base.js';
import { PROSPECT_SCRIPTS, SCRIPT_NOW } from './prospect-scripts.js';
import { runScript, type ScriptRun, type ScriptWorld } from './run-script.js';
import { emptyTally, JUDGED_SLOTS, slotCorrect, tallySlots } from './script-accuracy.js';
import { SCRIPT_CALENDAR } from './script-world.js';

const examples = fileURLToPath(new URL('../../../examples/knowledge', import.meta.url));

/** Per-slot accuracy floors over the scripts: a regression in a reader fails the run. */
const FLOORS = { budget: 0.9, authority: 0.9, need: 0.85, timeline: 0.85 } as const;

describe('scripted prospects', () => {
  let world: ScriptWorld;
  const runs = new Map<string, ScriptRun>();
  beforeAll(async () => {
    world = { now: SCRIPT_NOW, knowledge: await readKnowledgeBase(examples), calendar: SCRIPT_CALENDAR };
    for (const script of PROSPECT_SCRIPTS) runs.set(script.name, runScript(script, world));
  });

  it('has at least 30 prospects of at least 10 styles', () => {
    expect(PROSPECT_SCRIPTS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(PROSPECT_SCRIPTS.map((s) => s.style)).size).toBeGreaterThanOrEqual(10);
  });

  it.each(PROSPECT_SCRIPTS.map((s) => [s.name, s] as const))(
    '%s reaches its ending with the right facts',
    (_name, script) => {
      const run = runs.get(script.name);
      if (run === undefined) throw new Error(`no run for ${script.name}`);
      const reached = run.state.status === 'paused' ? 'paused' : run.ending?.kind;
      const wrong = JUDGED_SLOTS.filter((slot) => slotCorrect(slot, script.expected, run) === false).map(
        (slot) => `${slot}: ${JSON.stringify(run.state.answers[slot]?.value ?? null)}`,
      );
      const transcript = run.transcript.map((t) => `${t.from}: ${t.text}`).join('\n');
      expect({ ending: reached, wrong }, transcript).toEqual({ ending: script.expected.ending, wrong: [] });
    },
  );

  it('reports extraction accuracy per slot across the scripts, above its floor', () => {
    const tally = emptyTally();
    for (const script of PROSPECT_SCRIPTS) {
      const run = runs.get(script.name);
      if (run !== undefined) tallySlots(tally, script.expected, run);
    }
    const lines = JUDGED_SLOTS.map((slot) => {
      const { correct, judged } = tally[slot];
      return `${slot.padEnd(9)} ${correct}/${judged} = ${((100 * correct) / judged).toFixed(1)}%`;
    });
    console.log(`extraction accuracy per slot over ${PROSPECT_SCRIPTS.length} scripts:\n${lines.join('\n')}`);
    for (const slot of JUDGED_SLOTS) {
      expect(tally[slot].judged).toBeGreaterThanOrEqual(20);
      expect(tally[slot].correct / tally[slot].judged, slot).toBeGreaterThanOrEqual(FLOORS[slot]);
    }
  });
});
