import type { Decision } from '../../domain/decision.js';

/** How many reasons a CRM field holds by default: what a rep reads at a glance. */
export const CRM_REASONS = 5;
// Long text fields hold far more (HubSpot 65,536, a Salesforce long text area 32,768); a
// summary this size stays readable in a record's sidebar.
const MAX_CHARS = 2000;

const signed = (effect: number): string => (effect > 0 ? `+${effect}` : String(effect));

/**
 * The decision's strongest reasons as text for a CRM field, one per line with its points
 * ("+30 Requested a demo"), strongest effect first (ties keep the decision's order).
 */
export const summarizeReasons = (decision: Decision, limit: number = CRM_REASONS): string => {
  const lines = decision.reasons
    .map((reason, index) => ({ reason, index }))
    .sort((a, b) => Math.abs(b.reason.effect) - Math.abs(a.reason.effect) || a.index - b.index)
    .slice(0, limit)
    .map(({ reason }) => (reason.effect === 0 ? reason.text : `${signed(reason.effect)} ${reason.text}`));
  const text = lines.join('\n');
  return text.length <= MAX_CHARS ? text : `${text.slice(0, MAX_CHARS - 1)}…`;
};
