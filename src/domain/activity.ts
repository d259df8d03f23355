/** Behaviour events leadsift understands. Anything else is stored as `custom` with a `name`. */
export const ACTIVITY_TYPES = [
  'page_view',
  'pricing_page_view',
  'demo_request',
  'content_download',
  'webinar_attended',
  'form_submission',
  'email_open',
  'email_click',
  'email_reply',
  'chat_message',
  'trial_signup',
  'meeting_booked',
  'custom',
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

/** A typed behaviour event with the time it happened (not the time it was received). */
export interface Activity {
  readonly id: string;
  readonly leadId: string;
  readonly type: ActivityType;
  /** ISO 8601 time the behaviour happened. */
  readonly occurredAt: string;
  /** Free-form details: the URL, the asset name, the email subject, … */
  readonly properties: Readonly<Record<string, string | number | boolean>>;
  /** Where the event came from: `tracking-snippet`, `api`, `import:file.csv`, `demo`. */
  readonly source: string;
}
