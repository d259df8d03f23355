import { isoNow } from '../domain/clock.js';
import type { Clock } from '../domain/clock.js';
import type { Lead, LeadDraft } from '../domain/lead.js';
import type { LeadStore } from '../domain/lead-store.js';
import { applyEnrichment } from '../enrichment/apply-enrichment.js';
import type { ProviderCaller } from '../enrichment/call-provider.js';
import { enrichLead } from '../enrichment/enrich-lead.js';
import type { RunBudget, WaterfallOptions } from '../enrichment/enrich-lead.js';
import type { EnrichmentCache } from '../enrichment/enrichment-cache.js';
import { subjectOf } from '../enrichment/enrichment-subject.js';
import type { Job, JobQueue } from '../jobs/job-queue.js';
import type { PipelineTransaction } from './pipeline-transaction.js';
import { JOB_KINDS } from './qualify-jobs.js';
import type { QualifyPayload } from './qualify-jobs.js';

/** The service's enrichment: the providers in waterfall order, the cache, the options, the budget. */
export interface PipelineEnrichment {
  readonly callers: readonly ProviderCaller[];
  readonly cache: EnrichmentCache;
  readonly options: WaterfallOptions;
  /** Shared by every lead the process enriches (the providers file's run budget). */
  readonly budget: RunBudget;
}

export interface EnrichDeps {
  readonly clock: Clock;
  readonly leads: LeadStore;
  readonly jobs: JobQueue<PipelineTransaction>;
  readonly enrichment: PipelineEnrichment;
}

/** A stored lead as a draft to merge back, received now. */
const draftOf = (lead: Lead, receivedAt: string): LeadDraft => {
  const { id: _id, createdAt: _created, updatedAt: _updated, ...rest } = lead;
  return { ...rest, receivedAt };
};

/**
 * Enrich one lead before it is qualified (enrich first, qualify second): the waterfall over its
 * gaps, the values merged into the stored lead with enrichment provenance, and its `qualify` job
 * enqueued — the merge, the next job and this job's completion in one transaction. A provider
 * that fails is recorded in the job's result and skipped; the lead is qualified with what was found.
 */
export const runEnrichJob = async (deps: EnrichDeps, worker: string, job: Job): Promise<void> => {
  const lead = job.leadId === undefined ? undefined : await deps.leads.getLead(job.leadId);
  if (lead === undefined) {
    await deps.jobs.fail(worker, [
      { id: job.id, error: `lead ${job.leadId ?? '(none)'} does not exist`, dead: true },
    ]);
    return;
  }
  const { enrichment } = deps;
  const result = await enrichLead(
    { callers: enrichment.callers, cache: enrichment.cache, clock: deps.clock },
    subjectOf(lead),
    enrichment.options,
    enrichment.budget,
  );
  await enrichment.cache.flush?.();
  const now = isoNow(deps.clock);
  const payload = job.payload as QualifyPayload;
  await deps.jobs.finish(worker, [job.id], async (tx) => {
    if (result.fields.length > 0) {
      const { draft } = applyEnrichment(draftOf(lead, now), result.fields, {
        origin: 'enrichment',
        receivedAt: now,
      });
      await tx.upsertLeads([draft]);
    }
    const [next] = await tx.enqueue([
      { kind: JOB_KINDS.qualify, leadId: lead.id, payload: { ...payload, reason: 'enriched' } },
    ]);
    return new Map([
      [
        job.id,
        {
          // The job that qualifies the lead next: `?wait=true` follows it.
          next,
          filled: result.fields.map((f) => `${f.field} ← ${f.provider}`),
          conflicts: result.conflicts.length,
          calls: result.calls.map((c) => `${c.provider}: ${c.outcome}`),
          costCents: result.costCents,
        },
      ],
    ]);
  });
};
