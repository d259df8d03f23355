import type { Clock } from '../../domain/clock.js';
import {
  formatSlot,
  freeSlots,
  offerSlots,
  type RepCalendar,
  type Slot,
  type SlotOptions,
  DEFAULT_SLOT_OPTIONS,
} from './free-slots.js';
import { writeIcs, type IcsPerson } from './write-ics.js';

/** The booking functions a conversation needs, over one rep's calendar. */
export interface CalendarBooking {
  readonly offerSlots: (nowMs: number) => readonly Slot[];
  readonly book: (
    slot: Slot,
    conversation: { readonly id: string },
  ) => { ok: true; invite: string } | { ok: false; reason: string };
  readonly formatSlot: (slot: Slot, timeZone: string) => string;
}

/** What an invitation from a conversation says, besides the times. */
export interface BookingSetup {
  /** The rep routing chose for the lead, with their hours and bookings. */
  readonly calendar: RepCalendar;
  readonly prospect: IcsPerson;
  /** The prospect's zone: slots are offered on different days as the prospect counts them. */
  readonly prospectTimeZone: string;
  readonly summary: string;
  /** The host part of invitation UIDs, e.g. `leadsift.example.com`. */
  readonly uidDomain: string;
  readonly clock: Clock;
  readonly slotOptions?: SlotOptions;
}

/**
 * Offers three free slots of the rep and books a picked one when it is still free (a slot
 * offered yesterday may be gone today), producing the iCalendar invitation; the caller stores
 * the booking and sends the invitation.
 */
export const calendarBooking = (setup: BookingSetup): CalendarBooking => {
  const options = setup.slotOptions ?? DEFAULT_SLOT_OPTIONS;
  return {
    offerSlots: (nowMs) => offerSlots(freeSlots(setup.calendar, nowMs, options), 3, setup.prospectTimeZone),
    book: (slot, conversation) => {
      const now = setup.clock.now();
      const free = freeSlots(setup.calendar, now, options).some(
        (s) => s.start === slot.start && s.end === slot.end,
      );
      if (!free || slot.repId !== setup.calendar.repId)
        return { ok: false, reason: 'the slot is no longer free' };
      const invite = writeIcs({
        uid: `${conversation.id}-${slot.start.replace(/\D/g, '').slice(0, 12)}@${setup.uidDomain}`,
        stamp: new Date(now).toISOString(),
        start: slot.start,
        end: slot.end,
        summary: setup.summary,
        organizer: { name: setup.calendar.name, email: setup.calendar.email },
        attendees: [setup.prospect, { name: setup.calendar.name, email: setup.calendar.email }],
      });
      return { ok: true, invite };
    },
    formatSlot,
  };
};
