import type { RepCalendar } from '../booking/free-slots.js';

/** The rep every scripted prospect meets: Berlin, weekdays 09:00–17:00, one meeting already booked. */
export const SCRIPT_CALENDAR: RepCalendar = Object.freeze<RepCalendar>({
  repId: 'dana',
  name: 'Dana Becker',
  email: 'dana@leadsift.example',
  timeZone: 'Europe/Berlin',
  workingHours: {
    mon: [['09:00', '17:00']],
    tue: [['09:00', '17:00']],
    wed: [['09:00', '17:00']],
    thu: [['09:00', '17:00']],
    fri: [['09:00', '12:00']],
  },
  bookings: [{ start: '2026-11-26T11:00:00Z', end: '2026-11-26T12:00:00Z' }],
});
