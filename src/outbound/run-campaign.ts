import { AppError } from '../domain/app-error.js';
import type { CampaignDeps } from './campaign-deps.js';
import type { CampaignConfig } from './campaign-config.js';
import type { CampaignMessage, OutboundStore } from './outbound-store.js';
import { sendDueMessages, type SendRound } from './send-due-messages.js';

/** Stores a new campaign from its validated file, as a draft (prepare it, then start it). */
export const createCampaign = async (
  deps: { readonly store: OutboundStore },
  campaign: { readonly id: string; readonly config: CampaignConfig },
  actor: string,
): Promise<void> => {
  if (!/^[a-z0-9][a-z0-9_-]{0,63}$/.test(campaign.id))
    throw new AppError('INPUT_INVALID', {
      message: `campaign id "${campaign.id}" must be lower-case letters, digits, - and _ (at most 64)`,
      details: { field: 'id' },
    });
  await deps.store.createCampaign(
    { id: campaign.id, name: campaign.config.name, config: campaign.config },
    actor,
  );
};

const campaignOf = async (store: OutboundStore, id: string) => {
  const campaign = await store.getCampaign(id);
  if (campaign === undefined)
    throw new AppError('NOT_FOUND', { message: `no campaign ${id}`, details: { field: 'id' } });
  return campaign;
};

/** Starts (or resumes) sending: the campaign becomes active; `actor` is logged. Needs a prepared campaign. */
export const resumeCampaign = async (
  deps: { readonly store: OutboundStore },
  id: string,
  actor: string,
): Promise<void> => {
  const campaign = await campaignOf(deps.store, id);
  if (campaign.preparedAt === undefined)
    throw new AppError('CONFLICT', {
      message: `campaign ${id} is not prepared yet: run "leadsift campaign prepare ${id}" first`,
    });
  if (campaign.status === 'active') return;
  await deps.store.setStatus(id, 'active', undefined, actor);
};

/** Pauses a campaign: nothing is sent until someone resumes it; `actor` and the reason are logged. */
export const pauseCampaign = async (
  deps: { readonly store: OutboundStore },
  id: string,
  actor: string,
  reason = 'paused by a person',
): Promise<void> => {
  const campaign = await campaignOf(deps.store, id);
  if (campaign.status === 'paused') return;
  await deps.store.setStatus(id, 'paused', reason, actor);
};

/** A person approves or rejects messages awaiting approval; one result per message, never stopping at the first. */
export const decideMessages = async (
  deps: { readonly store: OutboundStore },
  campaignId: string,
  ids: readonly string[],
  decision: 'approve' | 'reject',
  actor: string,
): Promise<
  (
    | { readonly id: string; readonly ok: true; readonly message: CampaignMessage }
    | { readonly id: string; readonly ok: false; readonly error: string }
  )[]
> => {
  await campaignOf(deps.store, campaignId);
  const out = [];
  for (const id of ids) {
    try {
      const before = await deps.store.getMessage(id);
      if (before === undefined || before.campaignId !== campaignId)
        throw new AppError('NOT_FOUND', { message: `campaign ${campaignId} has no message ${id}` });
      out.push({ id, ok: true as const, message: await deps.store.decideMessage(id, decision, actor) });
    } catch (error) {
      out.push({ id, ok: false as const, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return out;
};

/**
 * Runs a campaign until `until` (ms) on the injected clock: sends what is due, then waits for
 * the next time `sendDueMessages` names (through `sleepUntil`, which a test makes advance its
 * clock, and a process makes a real wait, returning false to stop). Returns every round.
 */
export const runCampaign = async (
  deps: CampaignDeps,
  id: string,
  sleepUntil: (ms: number) => Promise<boolean>,
  until: number,
): Promise<SendRound[]> => {
  const rounds: SendRound[] = [];
  for (;;) {
    const round = await sendDueMessages(deps, id);
    rounds.push(round);
    if (round.held !== undefined || round.nextAt === undefined) return rounds;
    const next = Date.parse(round.nextAt);
    if (next > until || !(await sleepUntil(next))) return rounds;
  }
};
