import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { parseYamlDocument } from '../documents/parse-yaml-document.js';
import { AppError } from '../domain/app-error.js';
import { JOB_FUNCTIONS, SENIORITIES } from '../domain/lead.js';

const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM (24 h)');

const TimeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'an IANA time zone such as Europe/Berlin or America/New_York');

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Who to reach in each account: job functions at or above a seniority. */
const Persona = z
  .object({
    name: z.string().min(1),
    functions: z.array(z.enum(JOB_FUNCTIONS)).min(1),
    minSeniority: z.enum(SENIORITIES),
  })
  .strict();

/** One message of the sequence: sent `afterDays` after the previous one (the first: 0). */
const Step = z
  .object({
    afterDays: z.number().int().min(0).max(90),
    subject: z.string().min(1).max(200).optional(),
    template: z.string().min(1).max(5000),
  })
  .strict();

/**
 * A campaign file: the accounts, the playbook, the personas, the channel, the limits, quiet hours
 * and sending days (in the recipient's zone when known, else the campaign's), the sequence of
 * messages, the mode (review: every message waits for a person; autonomous: sent within the
 * limits), and when to pause on its own.
 */
export const CampaignConfig = z
  .object({
    name: z.string().min(1).max(200),
    playbook: z.string().min(1).optional(),
    /**
     * What the messages may say about the product (with `--llm`): a model-written message claims
     * nothing beyond this text and the templates' own words.
     */
    pitch: z.string().min(1).max(2000).optional(),
    targets: z
      .object({
        /** A CSV of accounts (domain, and any firmographic columns). */
        file: z.string().min(1).optional(),
        /** Account domains listed in the file itself. */
        domains: z.array(z.string().min(3)).min(1).optional(),
        /** Every account among the stored leads (grouped by company domain, as `leadsift accounts` does). */
        stored: z.boolean().optional(),
      })
      .strict()
      .refine(
        (t) => t.file !== undefined || t.domains !== undefined || t.stored === true,
        'name a file, list domains, or take the stored accounts (stored: true)',
      ),
    personas: z.array(Persona).min(1),
    channel: z.enum(['email', 'sms']).default('email'),
    mode: z.enum(['review', 'autonomous']).default('review'),
    sender: z.object({ name: z.string().min(1), email: z.email() }).strict(),
    timeZone: TimeZone.default('UTC'),
    limits: z
      .object({
        /** First messages and follow-ups together, per day in the campaign's zone. */
        perDay: z.number().int().min(1).max(10_000).default(50),
        /** Messages to one company domain per day: never flood one account. */
        perDomainPerDay: z.number().int().min(1).max(100).default(3),
        /** Least time between two sends, so a day's messages are spread out. */
        minGapSeconds: z.number().int().min(0).max(3600).default(60),
      })
      .strict()
      .prefault({}),
    quietHours: z.object({ from: TimeOfDay, to: TimeOfDay }).strict().default({ from: '18:00', to: '08:00' }),
    sendingDays: z.array(z.enum(WEEKDAYS)).min(1).default(['mon', 'tue', 'wed', 'thu', 'fri']),
    sequence: z
      .array(Step)
      .min(1)
      .max(10)
      .refine((steps) => steps[0]?.afterDays === 0, 'the first message is sent at once: afterDays: 0'),
    /** Pre-qualification beyond the criteria's company fit: the least account intent (4: any). */
    prequalify: z
      .object({
        minIntentGrade: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).default(4),
      })
      .strict()
      .prefault({}),
    /** Contact addresses that no provider verified may be used (off by default). */
    allowUnverifiedEmail: z.boolean().default(false),
    pause: z
      .object({
        /** Pause once this share of sent messages bounced… */
        bounceRate: z.number().min(0).max(1).default(0.05),
        /** …or this share were marked as spam… */
        complaintRate: z.number().min(0).max(1).default(0.003),
        /** …counted only after this many were sent. */
        minSent: z.number().int().min(1).default(20),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.channel === 'sms' && c.sequence.some((s) => s.subject !== undefined))
      ctx.addIssue({ code: 'custom', path: ['sequence'], message: 'an SMS has no subject' });
    if (c.channel === 'email' && c.sequence[0]?.subject === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['sequence', 0, 'subject'],
        message: 'the first email needs a subject',
      });
  });
export type CampaignConfig = z.infer<typeof CampaignConfig>;

/** A campaign file's text, validated; every problem with its line (CONFIG_INVALID). */
export const parseCampaign = (text: string, fileName: string): CampaignConfig =>
  parseYamlDocument(text, fileName, CampaignConfig, 'CONFIG_INVALID');

/** A campaign file from disk. */
export const loadCampaign = async (path: string): Promise<CampaignConfig> => {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new AppError('FILE_NOT_FOUND', { message: `cannot read the campaign file ${path}`, cause: error });
  }
  return parseCampaign(text, path);
};
