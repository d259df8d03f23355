import type { CampaignDeps } from './campaign-deps.js';
import { RUNNER } from './campaign-deps.js';
import { pauseReason } from './contact-rules.js';

/**
 * Pauses an active campaign on its own when its bounce or complaint rate crossed the campaign's
 * threshold (`pauseReason`); returns the reason when it paused it. Bounces are the bounce
 * replies and the sends the receiving server refused outright; complaints are replies a person
 * marked as spam (`complaint` in the audit log).
 */
export const checkPause = async (
  deps: Pick<CampaignDeps, 'store'>,
  campaignId: string,
): Promise<string | undefined> => {
  const campaign = await deps.store.getCampaign(campaignId);
  if (campaign === undefined || campaign.status !== 'active') return undefined;
  const health = await deps.store.campaignHealth(campaignId);
  const reason = pauseReason(health, campaign.config.pause);
  if (reason === undefined) return undefined;
  await deps.store.setStatus(campaignId, 'paused', `paused on its own: ${reason}`, RUNNER);
  return reason;
};
