import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createTransport } from 'nodemailer';
import { afterEach } from 'vitest';
import type { StoreHandle } from '../../adapters/storage/open-store.js';
import type { InboundMessage } from '../../channels/channel-message.js';
import { parseChannelsConfig, type ChannelSecrets } from '../../channels/channels-config.js';
import type { ChannelSetup } from '../../channels/converse/channel-runtime.js';
import { startSmtpListener } from '../../channels/email/smtp-listener.js';
import { askingCriteria } from '../../channels/test-support/asking-criteria.js';
import { startLocalTwilio } from '../../channels/test-support/local-twilio.js';
import type { Clock } from '../../domain/clock.js';
import type { CampaignConfig } from '../../outbound/campaign-config.js';
import { prepareCampaign, type PrepareReport } from '../../outbound/prepare-campaign.js';
import { createCampaign } from '../../outbound/run-campaign.js';
import {
  bantCriteria,
  startLocalVendor,
  vendorProspecting,
  type VendorCompany,
} from '../../outbound/test-support/outbound-world.js';
import type { ScheduledTask } from '../../scheduler/scheduled-task.js';
import { startService, type RunningService, type ServiceOptions } from '../start-service.js';

// What the service-level campaign and conversation tests share: the running service with a
// conversations file, the local servers around it (the prospects' mail relay, Twilio, the data vendor),
// a campaign prepared against that vendor, and a scheduled task run for one occurrence.

/** The repository's examples folder: the conversations files' `knowledge: knowledge` is read there. */
export const EXAMPLES = fileURLToPath(new URL('../../../examples', import.meta.url));

/** A message the relay received, parsed and as it came over the wire. */
export interface Relayed {
  readonly message: InboundMessage;
  readonly raw: string;
}

/** A conversations file (YAML text) as the service is given it, read beside the examples. */
export const conversationsFile = (yaml: string, secrets: ChannelSecrets): ChannelSetup => ({
  config: parseChannelsConfig(yaml, 'conversations.yaml'),
  secrets,
  baseDir: EXAMPLES,
});

/**
 * The servers of one test, closed after it: the service first, then the rest in reverse order of
 * starting. Call once inside a `describeStores` body (it registers the `afterEach`).
 */
export const campaignWorld = () => {
  const closers: (() => Promise<void> | void)[] = [];
  let service: RunningService | undefined;
  afterEach(async () => {
    await service?.close();
    service = undefined;
    for (const close of closers.splice(0).reverse()) await close();
  });
  return {
    /** Close this after the test. */
    closeAfter: (close: () => Promise<void> | void): void => void closers.push(close),

    /** A local SMTP relay for these domains (the prospects' mail servers): what it receives lands in `mailbox`. */
    startRelay: async (clock: Clock, domains: readonly string[]) => {
      const mailbox: Relayed[] = [];
      const relay = await startSmtpListener({
        host: '127.0.0.1',
        port: 0,
        domains: [...domains],
        clock,
        onMessage: async (message, raw) => void mailbox.push({ message, raw: raw.toString('utf8') }),
      });
      closers.push(relay.close);
      return { port: relay.port, mailbox };
    },

    /** A mail client of the service's own SMTP listener (what prospects' servers and feedback loops send to). */
    mailToService: (running: RunningService) => {
      const smtp = createTransport({ host: '127.0.0.1', port: running.smtpPort ?? 0, secure: false });
      closers.push(() => smtp.close());
      return smtp;
    },

    /** The local data vendor that knows these companies by domain. */
    startVendor: async (companies: (domain: string) => VendorCompany | undefined) => {
      const vendor = await startLocalVendor(companies);
      closers.push(vendor.close);
      return vendor;
    },

    /** A local Twilio for this account: the texts it is asked to send land in `messages`. */
    startTwilio: async (account: { readonly sid: string; readonly token: string }) => {
      const twilio = await startLocalTwilio(account);
      closers.push(twilio.close);
      return twilio;
    },

    /** The service on the test's store with the conversations file and the asking BANT criteria, polling every 20 ms. */
    startService: async (
      store: StoreHandle,
      clock: Clock,
      conversations: ChannelSetup,
      more: Omit<ServiceOptions, 'store' | 'clock' | 'conversations'> = {},
    ): Promise<RunningService> => {
      service = await startService({
        store,
        clock,
        app: { logLevel: false },
        pollMs: 20,
        criteria: { text: askingCriteria(), fileName: 'bant.yaml' },
        conversations,
        ...more,
      });
      return service;
    },
  };
};

/**
 * Create campaign `id` (by dana) and prepare it over these domains against the local vendor at
 * `vendorBase`, with the BANT criteria; ids are `prefix` and a five-digit count.
 */
export const prepareVendorCampaign = async (
  running: RunningService,
  campaign: {
    readonly id: string;
    readonly config: CampaignConfig;
    readonly clock: Clock;
    readonly vendorBase: string;
    readonly domains: readonly string[];
    readonly idPrefix: string;
  },
): Promise<PrepareReport> => {
  const store = running.store.outbound;
  const { id, config, clock } = campaign;
  await createCampaign({ store }, { id, config }, 'dana');
  const { waterfall, people } = vendorProspecting(campaign.vendorBase, clock);
  let n = 0;
  return prepareCampaign(
    {
      store,
      leads: running.store.leads,
      clock,
      newId: () => `${campaign.idPrefix}${String(++n).padStart(5, '0')}`,
      newToken: () => randomBytes(12).toString('hex'),
      criteria: await bantCriteria(),
      people,
      waterfall,
    },
    id,
    campaign.domains.map((domain) => ({ domain, company: {} })),
  );
};

/** Run a scheduled task for the occurrence `due` on the service's store, as the scheduler would. */
export const runTaskAt = (task: ScheduledTask, running: RunningService, clock: Clock, due: string) =>
  task.run({ store: running.store, clock, due, signal: new AbortController().signal, log: () => {} }, due);
