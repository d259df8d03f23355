import { fixedClock, type Clock } from '../../domain/clock.js';
import type { Bm25Index } from '../knowledge/bm25-index.js';
import { answerFromKnowledge } from '../knowledge/answer-from-knowledge.js';
import { calendarBooking } from '../booking/calendar-booking.js';
import type { RepCalendar } from '../booking/free-slots.js';
import type {
  ConversationFact,
  ConversationState,
  Ending,
  SlotFact,
  SlotSpec,
} from '../dialogue/conversation-state.js';
import { decideBant } from '../dialogue/decide-bant.js';
import { BANT_SLOT_SPECS } from '../dialogue/bant-slots.js';
import { startConversation } from '../dialogue/start-conversation.js';
import { stepConversation, type DialogueDeps } from '../dialogue/step-conversation.js';

/** A scripted prospect: who they are and what they write, one message per turn. */
export interface ProspectScript {
  readonly name: string;
  readonly style: string;
  readonly timeZone?: string;
  readonly slots?: readonly SlotSpec[];
  readonly known?: Readonly<Record<string, SlotFact>>;
  readonly messages: readonly string[];
}

/** One exchange of a transcript. */
export interface Turn {
  readonly from: 'agent' | 'prospect';
  readonly text: string;
}

/** A script's run: the transcript, the facts learned, the final state and ending, and per-turn time. */
export interface ScriptRun {
  readonly transcript: readonly Turn[];
  readonly facts: readonly ConversationFact[];
  readonly state: ConversationState;
  readonly ending?: Ending;
  /** Milliseconds each prospect turn took to step (for the benchmark). */
  readonly turnMs: readonly number[];
  /** Messages left unsent because the conversation ended or paused before them. */
  readonly unsent: number;
}

/** The world a scripted run happens in: a time, a knowledge base, one rep's calendar. */
export interface ScriptWorld {
  readonly now: string;
  readonly knowledge: Bm25Index;
  readonly calendar: RepCalendar;
}

/** The engine's dependencies in a script world: BANT decision, the knowledge base, the rep's calendar. */
export const scriptDeps = (world: ScriptWorld, clock: Clock, timeZone: string): DialogueDeps => {
  const booking = calendarBooking({
    calendar: world.calendar,
    prospect: { name: 'Prospect', email: 'prospect@example.com' },
    prospectTimeZone: timeZone,
    summary: 'Intro call with leadsift',
    uidDomain: 'leadsift.test',
    clock,
  });
  return {
    clock,
    decide: decideBant(clock),
    answer: (q) => answerFromKnowledge(world.knowledge, q),
    offerSlots: booking.offerSlots,
    book: booking.book,
    formatSlot: booking.formatSlot,
  };
};

/**
 * Runs a script through the engine: the opening, then each prospect message in turn until the
 * conversation ends or pauses. `elapsed` measures each step (performance.now in the benchmark).
 */
export const runScript = (
  script: ProspectScript,
  world: ScriptWorld,
  elapsed: () => number = () => 0,
): ScriptRun => {
  const timeZone = script.timeZone ?? 'Europe/Berlin';
  const deps = scriptDeps(world, fixedClock(world.now), timeZone);
  const opened = startConversation(
    {
      id: `conv-${script.name}`,
      leadId: `lead-${script.name}`,
      channel: 'chat',
      timeZone,
      slots: script.slots ?? BANT_SLOT_SPECS,
      ...(script.known === undefined ? {} : { known: script.known }),
    },
    deps,
  );
  const transcript: Turn[] = opened.replies.map((text) => ({ from: 'agent', text }));
  const facts: ConversationFact[] = [];
  const turnMs: number[] = [];
  let state = opened.state;
  let ending = opened.ending;
  let sent = 0;
  for (const text of script.messages) {
    if (state.status !== 'active') break;
    transcript.push({ from: 'prospect', text });
    const t0 = elapsed();
    const step = stepConversation(state, { text }, deps);
    turnMs.push(elapsed() - t0);
    sent++;
    state = step.state;
    ending = step.ending ?? ending;
    facts.push(...step.facts);
    transcript.push(...step.replies.map((r): Turn => ({ from: 'agent', text: r })));
  }
  return {
    transcript,
    facts,
    state,
    turnMs,
    unsent: script.messages.length - sent,
    ...(ending === undefined ? {} : { ending }),
  };
};
