import { sql } from 'kysely';
import { AppError } from '../../domain/app-error.js';
import type { Verdict } from '../../domain/decision.js';
import type { LeadFacets, LeadFilter, LeadSummary } from '../../service/service-store.js';
import { rowToLead } from './lead-rows.js';
import type { StoreContext } from './store-context.js';
import { guard } from './storage-error.js';

/** A score-ordered page ends at `<score>~<lead id>`; an id-ordered one at the lead id. */
const scoreCursor = (cursor: string): { score: number; id: string } => {
  const at = cursor.lastIndexOf('~');
  const score = Number(cursor.slice(0, at));
  if (at <= 0 || !Number.isFinite(score)) {
    throw new AppError('INPUT_INVALID', {
      message: `cursor ${JSON.stringify(cursor)} is not one this listing gave; pass the "next" of the previous page`,
      details: { field: 'cursor' },
    });
  }
  return { score, id: cursor.slice(at + 1) };
};

/**
 * A page of leads with their newest decision and route, from `lead_latest` (one row per lead).
 * Filters on the decision (verdict, grade, playbook, owner) or on the lead (source, text).
 * Ordered by id (creation) or by score; score orders list decided leads only.
 */
export const listLeads = (
  ctx: StoreContext,
  filter: LeadFilter,
): Promise<{ readonly items: LeadSummary[]; readonly next?: string }> =>
  guard('list leads', async () => {
    const sort = filter.sort ?? 'newest';
    const byScore = sort === 'score_desc' || sort === 'score_asc';
    const down = sort === 'newest' || sort === 'score_desc';
    // Filtering on the decision reads lead_latest's (filter, lead_id) index in order; ordering by
    // leads.id instead made SQLite sort every match (200 ms for a verdict at 100,000 leads).
    const onLatest =
      byScore ||
      filter.verdict !== undefined ||
      filter.grade !== undefined ||
      filter.playbook !== undefined ||
      filter.owner !== undefined;
    const id = onLatest ? ('l.lead_id' as const) : ('leads.id' as const);
    const q = filter.q?.trim().toLowerCase();
    const cursor = filter.cursor;
    const rows = await ctx.db
      .selectFrom('leads')
      .leftJoin('lead_latest as l', 'l.lead_id', 'leads.id')
      .selectAll('leads')
      .select([
        'l.decision_id',
        'l.verdict',
        'l.score',
        'l.grade',
        'l.fit_score',
        'l.intent_score',
        'l.playbook',
        'l.top_reason',
        'l.decided_at',
        'l.owner_id',
        'l.owner_name',
        'l.destination',
      ])
      .$if(filter.verdict !== undefined, (b) => b.where('l.verdict', '=', filter.verdict ?? ''))
      .$if(filter.grade !== undefined, (b) => b.where('l.grade', '=', filter.grade ?? ''))
      .$if(filter.playbook !== undefined, (b) => b.where('l.playbook', '=', filter.playbook ?? ''))
      .$if(filter.owner !== undefined, (b) => b.where('l.owner_id', '=', filter.owner ?? ''))
      .$if(filter.source !== undefined, (b) => b.where('leads.source', '=', filter.source ?? ''))
      .$if(q !== undefined && q !== '', (b) =>
        b.where((eb) =>
          eb.or([
            eb('leads.email_normalized', 'like', `%${q}%`),
            eb('leads.company_domain', 'like', `%${q}%`),
            // SQLite's LIKE ignores ASCII case (as its lower() only lowers ASCII), so the facts need
            // no lowered copy per row; PostgreSQL's ILIKE ignores case in full.
            eb('leads.facts', ctx.dialect === 'postgres' ? 'ilike' : 'like', `%${q}%`),
          ]),
        ),
      )
      .$if(onLatest, (b) => b.where('l.lead_id', 'is not', null))
      .$if(cursor !== undefined && !byScore, (b) => b.where(id, down ? '<' : '>', cursor ?? ''))
      .$if(cursor !== undefined && byScore, (b) => {
        const at = scoreCursor(cursor ?? '');
        return b.where((eb) =>
          eb.or([
            eb('l.score', down ? '<' : '>', at.score),
            eb.and([eb('l.score', '=', at.score), eb('l.lead_id', down ? '<' : '>', at.id)]),
          ]),
        );
      })
      .$if(byScore, (b) => b.orderBy('l.score', down ? 'desc' : 'asc'))
      .orderBy(id, down ? 'desc' : 'asc')
      .limit(filter.limit + 1)
      .execute();
    const items: LeadSummary[] = rows.slice(0, filter.limit).map((row) => ({
      lead: rowToLead(row),
      ...(row.decision_id === null
        ? {}
        : {
            latest: {
              id: row.decision_id,
              verdict: row.verdict as Verdict,
              score: Number(row.score),
              grade: row.grade ?? '',
              decidedAt: row.decided_at ?? '',
              fit: Number(row.fit_score),
              intent: Number(row.intent_score),
              ...(row.playbook === null ? {} : { playbook: row.playbook }),
              ...(row.top_reason === null ? {} : { topReason: row.top_reason }),
              ...(row.owner_id === null ? {} : { owner: { id: row.owner_id, name: row.owner_name ?? '' } }),
              ...(row.destination === null ? {} : { destination: row.destination }),
            },
          }),
    }));
    const last = items.at(-1);
    if (rows.length <= filter.limit || last === undefined) return { items };
    return { items, next: byScore ? `${last.latest?.score ?? 0}~${last.lead.id}` : last.lead.id };
  });

/** The distinct playbooks, owners and sources (each read from its index). */
export const leadFacets = (ctx: StoreContext): Promise<LeadFacets> =>
  guard('list the lead filters', async () => {
    const [playbooks, owners, sources] = await Promise.all([
      ctx.db
        .selectFrom('lead_latest')
        .select('playbook')
        .distinct()
        .where('playbook', 'is not', null)
        .orderBy('playbook')
        .execute(),
      ctx.db
        .selectFrom('lead_latest')
        .select(['owner_id', (eb) => eb.fn.max('owner_name').as('owner_name')])
        .where('owner_id', 'is not', null)
        .groupBy('owner_id')
        .execute(),
      ctx.db
        .selectFrom('leads')
        .select('source')
        .distinct()
        .where('source', 'is not', null)
        .orderBy('source')
        .execute(),
    ]);
    return {
      playbooks: playbooks.map((r) => r.playbook ?? ''),
      owners: owners
        .map((r) => ({ id: r.owner_id ?? '', name: r.owner_name ?? r.owner_id ?? '' }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      sources: sources.map((r) => r.source ?? ''),
    };
  });

/** Up to `n` decided leads drawn at random, of one latest verdict when given (previews, audits). */
export const sampleLeadIds = (ctx: StoreContext, n: number, verdict?: Verdict): Promise<string[]> =>
  guard(`sample ${n} leads`, async () =>
    (
      await ctx.db
        .selectFrom('lead_latest')
        .select('lead_id')
        .$if(verdict !== undefined, (b) => b.where('verdict', '=', verdict ?? ''))
        .orderBy(sql`random()`)
        .limit(n)
        .execute()
    ).map((r) => r.lead_id),
  );
