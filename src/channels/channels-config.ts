import { z } from 'zod';
import { parseYamlDocument } from '../documents/parse-yaml-document.js';
import { readDocumentFile } from '../documents/read-document-file.js';
import { AppError } from '../domain/app-error.js';
import { VERDICTS } from '../domain/decision.js';

const EnvName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name');
const HttpUrl = z.url({ protocol: /^https?$/, error: 'expected an http or https URL' });
const HhMm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM, such as 20:00');
const Zone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'expected an IANA time zone such as Europe/Berlin');
const Day = z.enum(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']);

const Rep = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    email: z.email(),
    timeZone: Zone,
    workingHours: z.partialRecord(Day, z.array(z.tuple([HhMm, HhMm.or(z.literal('24:00'))]))),
  })
  .strict();

const Site = z
  .object({
    /** The public key the widget is embedded with; it opens chats, and reads nothing else. */
    key: z.string().regex(/^[A-Za-z0-9_-]{8,100}$/, 'expected 8–100 letters, digits, "-" or "_"'),
    name: z.string().min(1),
    /** Pages allowed to use it (CORS); any origin when absent. */
    origins: z.array(HttpUrl).min(1).optional(),
  })
  .strict();

const Email = z
  .object({
    from: z.string().min(3),
    messageIdDomain: z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'expected a domain such as acme.example'),
    smtp: z
      .object({
        host: z.string().min(1),
        port: z.number().int().min(1).max(65_535),
        secure: z.boolean().default(false),
        user: z.string().min(1).optional(),
        passwordEnv: EnvName.optional(),
        verifyTls: z.boolean().default(true),
        timeoutMs: z.number().int().min(100).max(120_000).default(30_000),
      })
      .strict(),
    /** An SMTP server for replies, started by `serve` (the reply domain's MX points at it). */
    listener: z
      .object({
        host: z.string().min(1).default('0.0.0.0'),
        port: z.number().int().min(0).max(65_535),
        domains: z.array(z.string().min(3)).min(1),
      })
      .strict()
      .optional(),
    /** The shared secret an inbound-mail webhook must send (`?token=` or `X-Leadsift-Token`). */
    webhookTokenEnv: EnvName.optional(),
    /**
     * A one-click unsubscribe link in every email (RFC 8058): the service's public address, and
     * the variable holding the key its links are signed with.
     */
    unsubscribe: z.object({ publicUrl: HttpUrl, secretEnv: EnvName }).strict().optional(),
  })
  .strict();

const Sms = z
  .object({
    accountSidEnv: EnvName,
    authTokenEnv: EnvName,
    /** The sending number (E.164) or a Messaging Service SID. */
    from: z
      .string()
      .regex(/^(\+[1-9]\d{6,14}|MG[0-9a-f]{32})$/i, 'expected +E.164 or a Messaging Service SID'),
    baseUrl: HttpUrl.default('https://api.twilio.com'),
    /** The public URL Twilio posts replies to: its signature is computed over it. */
    webhookUrl: HttpUrl,
  })
  .strict();

/**
 * A conversations file: what the agent knows (a folder of markdown), whose calendars it books,
 * when it writes first, where the chat widget may run, and how email and SMS go out and come
 * back. Secrets are never in the file, only the names of the variables holding them.
 */
export const ChannelsConfig = z
  .object({
    /** A folder of markdown files, relative to the file. */
    knowledge: z.string().min(1).optional(),
    /** The prospect's zone when the lead does not say. */
    timeZone: Zone.default('UTC'),
    /** Decisions on which the agent writes first; none for never. */
    openOn: z.array(z.enum(VERDICTS)).default(['needs_info']),
    /** The channel the agent writes first on (when the lead can be reached on it). */
    firstChannel: z.enum(['email', 'sms']).default('email'),
    reps: z.array(Rep).default([]),
    meeting: z
      .object({
        summary: z.string().min(1).default('Intro call'),
        uidDomain: z.string().min(3).default('leadsift.local'),
      })
      .strict()
      .default({ summary: 'Intro call', uidDomain: 'leadsift.local' }),
    chat: z
      .object({
        sites: z.array(Site).default([]),
        /** Chats one address may open a minute, and messages one chat may send a minute. */
        sessionsPerMinute: z.number().int().min(1).max(100_000).default(20),
        messagesPerMinute: z.number().int().min(1).max(100_000).default(60),
      })
      .strict()
      .default({ sites: [], sessionsPerMinute: 20, messagesPerMinute: 60 }),
    email: Email.optional(),
    sms: Sms.optional(),
    /** Agent-opened messages: not in the prospect's night, and not too many an hour. */
    limits: z
      .object({
        quietHours: z.object({ from: HhMm, to: HhMm }).strict().default({ from: '20:00', to: '08:00' }),
        agentOpensPerHour: z.number().int().min(1).max(100_000).default(100),
      })
      .strict()
      .default({ quietHours: { from: '20:00', to: '08:00' }, agentOpensPerHour: 100 }),
  })
  .strict()
  .superRefine((config, ctx) => {
    if (config.firstChannel === 'sms' && config.sms === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['firstChannel'],
        message: 'sms is chosen but there is no sms section',
      });
    const keys = new Set<string>();
    config.chat.sites.forEach((site, i) => {
      if (keys.has(site.key))
        ctx.addIssue({ code: 'custom', path: ['chat', 'sites', i, 'key'], message: 'used twice' });
      keys.add(site.key);
    });
  });
export type ChannelsConfig = z.output<typeof ChannelsConfig>;

/** Parses a conversations file (YAML or JSON); CONFIG_INVALID lists each problem as `file:line: path: …`. */
export const parseChannelsConfig = (text: string, fileName: string): ChannelsConfig =>
  parseYamlDocument(text, fileName, ChannelsConfig, 'CONFIG_INVALID');

/** Reads a conversations file; FILE_NOT_FOUND, FILE_UNREADABLE or CONFIG_INVALID. */
export const loadChannelsConfig = async (path: string): Promise<ChannelsConfig> =>
  parseChannelsConfig(await readDocumentFile(path, 'conversations file'), path);

/** The secrets a conversations file names, read from the environment. */
export interface ChannelSecrets {
  readonly smtpPassword?: string;
  readonly emailWebhookToken?: string;
  readonly unsubscribeSecret?: string;
  readonly twilio?: { readonly accountSid: string; readonly authToken: string };
}

/**
 * Reads the variables a conversations file names from `env` (the entry point passes
 * `process.env`); one CONFIG_INVALID names every unset one and what needs it.
 */
export const resolveChannelSecrets = (
  config: ChannelsConfig,
  env: Readonly<Record<string, string | undefined>>,
): ChannelSecrets => {
  const missing: string[] = [];
  const read = (name: string | undefined, usedBy: string): string | undefined => {
    if (name === undefined) return undefined;
    const value = env[name];
    if (value === undefined || value === '') missing.push(`${name} (${usedBy})`);
    return value;
  };
  const smtpPassword = read(config.email?.smtp.passwordEnv, 'email.smtp.passwordEnv');
  const emailWebhookToken = read(config.email?.webhookTokenEnv, 'email.webhookTokenEnv');
  const unsubscribeSecret = read(config.email?.unsubscribe?.secretEnv, 'email.unsubscribe.secretEnv');
  const accountSid = read(config.sms?.accountSidEnv, 'sms.accountSidEnv');
  const authToken = read(config.sms?.authTokenEnv, 'sms.authTokenEnv');
  if (missing.length > 0)
    throw new AppError('CONFIG_INVALID', {
      message: `conversations file: set the environment variable${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
      details: { missing },
    });
  return Object.freeze({
    ...(smtpPassword === undefined ? {} : { smtpPassword }),
    ...(emailWebhookToken === undefined ? {} : { emailWebhookToken }),
    ...(unsubscribeSecret === undefined ? {} : { unsubscribeSecret }),
    ...(accountSid === undefined || authToken === undefined ? {} : { twilio: { accountSid, authToken } }),
  });
};
