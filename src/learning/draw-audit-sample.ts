import type { AuditSampleStore } from './audit-sample.js';
import { inAuditSample } from './audit-sample.js';

/** Decisions read per step of a draw. */
const STEP = 5000;

/** What a draw did: decisions read and leads newly drawn. */
export interface AuditDraw {
  readonly read: number;
  readonly drawn: number;
  readonly share: number;
}

/**
 * Draws the not-qualified decisions made since the last draw into the audit sample: a lead is
 * drawn when its seeded hash falls under the share (`inAuditSample`), so the sample is random
 * yet the same whichever worker draws, and drawing twice adds nothing twice. Runs lazily before
 * the sample is read, and on a schedule (`drawAuditTask`), so no decision path has to call it.
 */
export const drawAuditSample = async (
  deps: { readonly learning: AuditSampleStore },
  now: number,
): Promise<AuditDraw> => {
  const at = new Date(now).toISOString();
  const settings = await deps.learning.auditSettings(at);
  let after = settings.scanFrom;
  let read = 0;
  let drawn = 0;
  for (;;) {
    const page = await deps.learning.notQualifiedAfter(after, STEP);
    const last = page.at(-1);
    if (last === undefined) break;
    read += page.length;
    after = last.decisionId;
    const chosen = page
      .filter((d) => inAuditSample(d.leadId, settings.seed, settings.share))
      .map((d) => ({ ...d, share: settings.share }));
    drawn += await deps.learning.addToAudit(chosen, after, at);
    if (page.length < STEP) break;
  }
  await deps.learning.auditScanned();
  return { read, drawn, share: settings.share };
};
