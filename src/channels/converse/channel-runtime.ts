import { randomUUID } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { buildBm25Index, type Bm25Index } from '../../conversation/knowledge/bm25-index.js';
import { readKnowledgeBase } from '../../conversation/knowledge/read-knowledge-base.js';
import type { Clock } from '../../domain/clock.js';
import type { ChannelSender } from '../channel-message.js';
import type { ChannelsConfig, ChannelSecrets } from '../channels-config.js';
import { createEmailSender } from '../email/send-email.js';
import { createSmsSender } from '../sms/send-sms.js';
import type { ConverseDeps } from './converse-deps.js';

/** The conversation's part of the service: its deps, the secrets its webhooks check, and how to stop. */
export interface ChannelRuntime {
  readonly deps: ConverseDeps;
  readonly secrets: ChannelSecrets;
  /** How often a chat's event stream looks for new messages. */
  readonly streamPollMs: number;
  /** Tell the worker `converse` jobs are waiting. */
  readonly wake: () => void;
  close(): void;
}

/** A conversations file, its secrets, and the folder it was read from (the knowledge base is relative to it). */
export interface ChannelSetup {
  readonly config: ChannelsConfig;
  readonly secrets: ChannelSecrets;
  readonly baseDir: string;
}

/** Reads the knowledge base a conversations file names (an empty one when none). */
export const knowledgeOf = async (setup: ChannelSetup): Promise<Bm25Index> =>
  setup.config.knowledge === undefined
    ? buildBm25Index([])
    : readKnowledgeBase(resolve(setup.baseDir, setup.config.knowledge));

/** The folder of a conversations file, for its relative paths. */
export const baseDirOf = (path: string): string => dirname(resolve(path));

/**
 * The channel senders a conversations file configures: SMTP through nodemailer (Message-IDs
 * under its domain), Twilio's Messages API.
 */
export const createSenders = (
  setup: ChannelSetup,
  clock: Clock,
): { readonly email?: ChannelSender & { close(): void }; readonly sms?: ChannelSender } => {
  const { email, sms } = setup.config;
  return {
    ...(email === undefined
      ? {}
      : {
          email: createEmailSender(
            {
              host: email.smtp.host,
              port: email.smtp.port,
              secure: email.smtp.secure,
              ...(email.smtp.user === undefined ? {} : { user: email.smtp.user }),
              ...(setup.secrets.smtpPassword === undefined ? {} : { pass: setup.secrets.smtpPassword }),
              from: email.from,
              messageIdDomain: email.messageIdDomain,
              timeoutMs: email.smtp.timeoutMs,
              verifyTls: email.smtp.verifyTls,
            },
            { clock, newId: () => randomUUID() },
          ),
        }),
    ...(sms === undefined || setup.secrets.twilio === undefined
      ? {}
      : {
          sms: createSmsSender(
            {
              accountSid: setup.secrets.twilio.accountSid,
              authToken: setup.secrets.twilio.authToken,
              from: sms.from,
              baseUrl: sms.baseUrl,
            },
            { clock },
          ),
        }),
  };
};
