import { createColumnHelper } from '@tanstack/react-table';
import { ScoreBar, VerdictBadge } from '../../components/verdict-badge.js';
import { humanize, leadName } from '../../format.js';
import type { LeadSummary } from '../../types.js';

/** The lead list's columns: the lead, its latest decision's figures and top reason, owner, source. */
const column = createColumnHelper<LeadSummary>();
export const columns = [
  column.display({
    id: 'lead',
    header: 'Lead',
    cell: ({ row }) => (
      <div className="lead-cell">
        <span className="lead-name">{leadName(row.original.lead)}</span>
        <span className="muted small">
          {[row.original.lead.person.title?.value, row.original.lead.company.name?.value]
            .filter(Boolean)
            .join(' · ')}
        </span>
      </div>
    ),
  }),
  column.display({
    id: 'verdict',
    header: 'Verdict',
    cell: ({ row }) => <VerdictBadge verdict={row.original.latest?.verdict} />,
  }),
  column.display({
    id: 'score',
    header: 'Score',
    cell: ({ row }) => <ScoreBar score={row.original.latest?.score} />,
  }),
  column.display({
    id: 'grade',
    header: 'Grade',
    cell: ({ row }) => <span className="grade">{row.original.latest?.grade ?? '—'}</span>,
  }),
  column.display({
    id: 'fit',
    header: 'Fit',
    cell: ({ row }) => <span className="num">{row.original.latest?.fit ?? '—'}</span>,
  }),
  column.display({
    id: 'intent',
    header: 'Intent',
    cell: ({ row }) => <span className="num">{row.original.latest?.intent ?? '—'}</span>,
  }),
  column.display({
    id: 'reason',
    header: 'Top reason',
    cell: ({ row }) => <span className="reason-cell">{row.original.latest?.topReason ?? ''}</span>,
  }),
  column.display({
    id: 'owner',
    header: 'Owner',
    cell: ({ row }) => row.original.latest?.owner?.name ?? <span className="muted">—</span>,
  }),
  column.display({
    id: 'source',
    header: 'Source',
    cell: ({ row }) =>
      row.original.lead.source?.value === undefined ? '' : humanize(row.original.lead.source.value),
  }),
];
