import { AppError } from '../domain/app-error.js';
import type { Destination } from '../domain/route.js';
import type { ActionsConfig, WebhookConfig } from './actions-config.js';
import type { WebhookEvent } from './webhooks/decision-event.js';

/** A webhook with its secrets read from the environment (current first). */
export type ResolvedWebhook = Omit<WebhookConfig, 'secretEnv'> & { readonly secrets: readonly string[] };

/** The CRM with its credentials read from the environment. */
export type ResolvedCrm =
  | {
      readonly kind: 'hubspot';
      readonly baseUrl: string;
      readonly token: string;
      readonly timeoutMs: number;
      readonly maxAttempts: number;
    }
  | {
      readonly kind: 'salesforce';
      readonly loginUrl: string;
      readonly clientId: string;
      readonly clientSecret: string;
      readonly apiVersion: string;
      readonly externalIdField: string;
      readonly timeoutMs: number;
      readonly maxAttempts: number;
    };

/** Actions ready to run: what the service hands to `sendWebhook` and `createCrmWriteBack`. */
export interface ResolvedActions {
  readonly webhooks: readonly ResolvedWebhook[];
  readonly crm?: ResolvedCrm;
}

/**
 * Reads the secrets an actions config names from `env` (the entry point passes
 * `process.env`). Throws one CONFIG_INVALID naming every variable that is unset or empty,
 * and what needs it, so that all can be set in one go. The result is frozen.
 */
export const resolveActionsConfig = (
  config: ActionsConfig,
  env: Readonly<Record<string, string | undefined>>,
): ResolvedActions => {
  const missing: { name: string; usedBy: string }[] = [];
  const read = (name: string, usedBy: string): string => {
    const value = env[name];
    if (value === undefined || value === '') {
      missing.push({ name, usedBy });
      return '';
    }
    return value;
  };
  const webhooks = config.webhooks.map(({ secretEnv, ...webhook }): ResolvedWebhook => {
    const names = typeof secretEnv === 'string' ? [secretEnv] : secretEnv;
    return { ...webhook, secrets: names.map((n) => read(n, `the secret of webhook "${webhook.name}"`)) };
  });
  let crm: ResolvedCrm | undefined;
  if (config.crm?.kind === 'hubspot') {
    const { tokenEnv, ...rest } = config.crm;
    crm = { ...rest, token: read(tokenEnv, 'the HubSpot private app token') };
  } else if (config.crm?.kind === 'salesforce') {
    const { clientIdEnv, clientSecretEnv, ...rest } = config.crm;
    crm = {
      ...rest,
      clientId: read(clientIdEnv, 'the Salesforce consumer key'),
      clientSecret: read(clientSecretEnv, 'the Salesforce consumer secret'),
    };
  }
  if (missing.length > 0)
    throw new AppError('CONFIG_INVALID', {
      message: `actions: set ${missing.map((m) => `${m.name} (${m.usedBy})`).join(', ')} in the environment`,
      details: { missing: missing.map((m) => m.name) },
    });
  return Object.freeze({
    webhooks: Object.freeze(webhooks),
    ...(crm === undefined ? {} : { crm: Object.freeze(crm) }),
  });
};

/** The webhooks an event goes to: those whose event and destination filters let it through. */
export const webhooksFor = (
  webhooks: readonly ResolvedWebhook[],
  event: WebhookEvent,
  destination: Destination | undefined,
): ResolvedWebhook[] =>
  webhooks.filter(
    (w) =>
      (w.events === undefined || w.events.includes(event)) &&
      (w.destinations === undefined || (destination !== undefined && w.destinations.includes(destination))),
  );
