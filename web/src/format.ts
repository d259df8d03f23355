import type { Lead } from './types.js';

/** A lead's name as a person would say it, falling back to the email, then the id. */
export const leadName = (lead: Lead): string => {
  const name = [lead.person.firstName?.value, lead.person.lastName?.value].filter(Boolean).join(' ');
  return name || lead.person.email?.value || lead.id;
};

/** A 0..1 rate as a percentage; a dash when nothing was measured. */
export const percent = (rate: number | null | undefined, digits = 0): string =>
  rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(digits)} %`;

/** A duration in the unit a person reads fastest. */
export const duration = (ms: number | null | undefined): string => {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
};

/** An ISO time in the reader's locale and time zone. */
export const dateTime = (iso: string | undefined): string => {
  if (iso === undefined || iso === '') return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
};

/** Points with their sign: +20, -15. */
export const signed = (n: number): string => (n > 0 ? `+${n}` : String(n));

/** `not_qualified` → `not qualified`. */
export const humanize = (text: string): string => text.replace(/_/g, ' ');
