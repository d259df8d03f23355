import type { ConversationStore } from '../../conversation/conversation-store.js';
import { calendarBooking } from '../../conversation/booking/calendar-booking.js';
import type { RepCalendar, Slot } from '../../conversation/booking/free-slots.js';
import { formatSlot } from '../../conversation/booking/free-slots.js';
import type { SlotFact, SlotSpec } from '../../conversation/dialogue/conversation-state.js';
import { BANT_SLOT_SPECS, slotsForPlaybook } from '../../conversation/dialogue/bant-slots.js';
import { decideBant } from '../../conversation/dialogue/decide-bant.js';
import { decideWithCriteria } from '../../conversation/dialogue/decide-with-criteria.js';
import type { DialogueDeps } from '../../conversation/dialogue/step-conversation.js';
import { answerFromKnowledge } from '../../conversation/knowledge/answer-from-knowledge.js';
import type { Bm25Index } from '../../conversation/knowledge/bm25-index.js';
import type { UnderstandContext, Understanding } from '../../conversation/understand/understanding.js';
import type { PhraseOutcome, PhraseRequest } from '../../conversation/dialogue/phrase-with-llm.js';
import type { LoadedCriteria } from '../../criteria/load-criteria.js';
import type { Clock } from '../../domain/clock.js';
import type { Lead } from '../../domain/lead.js';
import type { LeadStore } from '../../domain/lead-store.js';
import type { NewJob } from '../../jobs/job-queue.js';
import type { ChannelSender, InboundMessage } from '../channel-message.js';
import type { ChannelStore } from '../channel-store.js';
import type { ChannelsConfig } from '../channels-config.js';

/** The job kind of everything the conversation does in the background (open, inbound, deliver). */
export const CONVERSE_JOB = 'converse';

/** What the service's conversations need: stores, the active criteria, channels and their limits. */
export interface ConverseDeps {
  readonly clock: Clock;
  readonly newId: () => string;
  readonly conversations: ConversationStore;
  readonly links: ChannelStore;
  readonly leads: LeadStore;
  /** Adds jobs (inbound messages and deliveries run as `converse` jobs). */
  readonly enqueue: (jobs: readonly NewJob[]) => Promise<string[]>;
  /** Re-decides leads after the prospect answered (the pipeline's qualify job). */
  readonly requalify: (leadIds: readonly string[], reason: string) => Promise<unknown>;
  readonly criteria: () => Promise<LoadedCriteria>;
  readonly config: ChannelsConfig;
  readonly knowledge: Bm25Index;
  readonly senders: { readonly email?: ChannelSender; readonly sms?: ChannelSender };
  /** The one-click unsubscribe link of a conversation's emails, when configured. */
  readonly unsubscribeUrl?: (conversationId: string) => string;
  /** The rep routing assigned the lead (its latest route's owner), when there is one. */
  readonly assignedRep?: (leadId: string) => Promise<string | undefined>;
  /** The LLM reader of prospect messages, when configured. */
  readonly understand?: (text: string, context: UnderstandContext) => Promise<Understanding>;
  /** The LLM phraser of the agent's questions, when configured (checked; the template otherwise). */
  readonly phrase?: (request: PhraseRequest) => Promise<PhraseOutcome>;
  /**
   * Outbound campaigns' reply handling, asked first about each inbound email: what it did with a
   * reply to a campaign, or undefined when the mail is about no campaign (the conversation takes it).
   */
  readonly campaignReply?: (message: InboundMessage) => Promise<CampaignReplyOutcome | undefined>;
}

/** What a campaign did with a reply (outbound's `ReplyOutcome`, as the conversation sees it). */
export interface CampaignReplyOutcome {
  readonly campaignId: string;
  readonly contactId: string;
  readonly class: string;
  readonly action: string;
  readonly duplicate?: boolean;
}

const LEAD_FACT = /^(person|company)\.([a-zA-Z]+)$/;

/** A lead's own value of a slot named after a lead fact (`person.title`), as the slot's answer. */
const leadValue = (lead: Lead, slot: string): SlotFact | undefined => {
  const m = LEAD_FACT.exec(slot);
  if (m === null) return undefined;
  const group = (m[1] === 'person' ? lead.person : lead.company) as Readonly<
    Record<string, { value: unknown; provenance: SlotFact['provenance'] } | undefined>
  >;
  const fact = group[m[2] ?? ''];
  return typeof fact?.value === 'string' ? { value: fact.value, provenance: fact.provenance } : undefined;
};

/** The questions for a lead: its playbook's asked facts (BANT when none), and which it already has. */
export const slotsForLead = async (
  deps: Pick<ConverseDeps, 'leads' | 'criteria'>,
  lead: Lead,
): Promise<{ slots: readonly SlotSpec[]; known: Record<string, SlotFact>; bant: boolean }> => {
  const criteria = await deps.criteria();
  const decided = (await deps.leads.listDecisions(lead.id)).at(-1);
  const ruleset =
    criteria.playbooks.find((p) => p.playbook === decided?.playbook) ?? criteria.playbooks.at(-1);
  const slots = slotsForPlaybook(ruleset?.required ?? []);
  const known: Record<string, SlotFact> = {};
  for (const slot of slots) {
    const value = leadValue(lead, slot.name);
    if (value !== undefined) known[slot.name] = value;
  }
  return { slots, known, bant: slots === BANT_SLOT_SPECS };
};

/** The rep a lead meets: the one its route assigned when they have a calendar here, else the first. */
const repFor = (reps: readonly RepCalendar[], assigned: string | undefined): RepCalendar | undefined =>
  reps.find((r) => r.repId === assigned) ?? reps[0];

/**
 * The dialogue engine's dependencies for one lead: its decision re-run through the active
 * criteria (and BANT when the playbook asks nothing of its own), the knowledge base, and the
 * calendar of the rep routing assigned (or the first configured), less the meetings other
 * conversations booked with them.
 */
export const dialogueFor = async (
  deps: ConverseDeps,
  lead: Lead,
  timeZone: string,
): Promise<DialogueDeps> => {
  const [criteria, activities, { bant }, assigned, booked] = await Promise.all([
    deps.criteria(),
    deps.leads.listActivities(lead.id),
    slotsForLead(deps, lead),
    deps.assignedRep?.(lead.id),
    deps.links.bookedSince(new Date(deps.clock.now()).toISOString()),
  ]);
  const reps: RepCalendar[] = deps.config.reps.map((r) => ({
    repId: r.id,
    name: r.name,
    email: r.email,
    timeZone: r.timeZone,
    workingHours: r.workingHours,
    bookings: booked.filter((slot) => slot.repId === r.id),
  }));
  const prospect = {
    name: [lead.person.firstName?.value, lead.person.lastName?.value].filter(Boolean).join(' ') || 'Prospect',
    email: lead.person.email?.value ?? 'prospect@invalid',
  };
  const bookingWith = (rep: RepCalendar) =>
    calendarBooking({
      calendar: rep,
      prospect,
      prospectTimeZone: timeZone,
      summary: deps.config.meeting.summary,
      uidDomain: deps.config.meeting.uidDomain,
      clock: deps.clock,
    });
  const rep = repFor(reps, assigned);
  const booking = rep === undefined ? undefined : bookingWith(rep);
  return {
    clock: deps.clock,
    decide: decideWithCriteria(
      { clock: deps.clock },
      criteria,
      lead,
      activities,
      bant ? decideBant(deps.clock) : undefined,
    ),
    answer: (question) => answerFromKnowledge(deps.knowledge, question),
    offerSlots: (nowMs): readonly Slot[] => booking?.offerSlots(nowMs) ?? [],
    // A slot is booked with the rep it was offered for, even if routing has since named another.
    book: (slot, state) => {
      const withRep = reps.find((r) => r.repId === slot.repId);
      return withRep === undefined
        ? { ok: false, reason: `rep ${slot.repId} has no calendar here` }
        : bookingWith(withRep).book(slot, state);
    },
    formatSlot: booking?.formatSlot ?? formatSlot,
  };
};
