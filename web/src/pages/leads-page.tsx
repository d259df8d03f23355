import { flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useEffect, useMemo, useState } from 'react';
import { query } from '../api.js';
import { ErrorNote } from '../components/error-note.js';
import { Select } from '../components/filter-select.js';
import type { LeadFacets, LeadSort, LeadSummary } from '../types.js';
import { useApi } from '../use-api.js';
import { go } from '../use-hash-route.js';
import { useSessionState } from '../use-session-state.js';
import { columns } from './leads/lead-columns.js';

const GRADES = ['A', 'B', 'C', 'D'].flatMap((fit) => [1, 2, 3, 4].map((intent) => `${fit}${intent}`));
const PAGE_SIZE = 50;

interface Filters {
  verdict: string;
  grade: string;
  playbook: string;
  owner: string;
  source: string;
  q: string;
}
const NO_FILTERS: Filters = { verdict: '', grade: '', playbook: '', owner: '', source: '', q: '' };

const SORTABLE: Record<string, readonly [LeadSort, LeadSort]> = {
  lead: ['newest', 'oldest'],
  score: ['score_desc', 'score_asc'],
  grade: ['grade_asc', 'grade_desc'],
  fit: ['fit_desc', 'fit_asc'],
  intent: ['intent_desc', 'intent_asc'],
};

/** The lead list: filters, text search, sorting by date, score, grade, fit or intent, and pages by cursor. */
export const LeadsPage = () => {
  const [filters, setFilters] = useSessionState<Filters>('leadsift.leads.filters', NO_FILTERS);
  const [typed, setTyped] = useState(filters.q);
  const [sort, setSort] = useSessionState<LeadSort>('leadsift.leads.sort', 'newest');
  // The cursors of the pages seen so far: the first page has none.
  const [cursors, setCursors] = useState<ReadonlyArray<string | undefined>>([undefined]);
  const cursor = cursors.at(-1);

  // Search as the person types, a moment after the last key.
  useEffect(() => {
    const timer = setTimeout(() => setFilters((f) => (f.q === typed ? f : { ...f, q: typed })), 250);
    return () => clearTimeout(timer);
  }, [typed]);
  useEffect(() => setCursors([undefined]), [filters, sort]);

  const facets = useApi<LeadFacets>('/v1/leads/facets');
  const page = useApi<{ leads: LeadSummary[]; next?: string }>(
    `/v1/leads${query({ ...filters, sort, limit: PAGE_SIZE, cursor })}`,
  );
  const data = useMemo(() => page.data?.leads ?? [], [page.data]);
  const table = useReactTable({
    data,
    columns,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
  });

  const set = (key: keyof Filters) => (value: string) => setFilters((f) => ({ ...f, [key]: value }));
  const filtered = Object.values(filters).some((v) => v !== '');

  return (
    <section>
      <div className="page-head">
        <h1>Leads</h1>
        <span className="muted">
          {page.loading
            ? 'Loading…'
            : `${data.length}${page.data?.next === undefined ? '' : '+'} on this page`}
        </span>
      </div>
      <div className="filters card">
        <input
          type="search"
          aria-label="Search leads"
          placeholder="Search name, email, company…"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
        />
        <Select
          label="Verdict"
          value={filters.verdict}
          onChange={set('verdict')}
          options={['qualified', 'not_qualified', 'needs_info']}
        />
        <Select label="Grade" value={filters.grade} onChange={set('grade')} options={GRADES} />
        <Select
          label="Playbook"
          value={filters.playbook}
          onChange={set('playbook')}
          options={facets.data?.playbooks ?? []}
        />
        <Select
          label="Owner"
          value={filters.owner}
          onChange={set('owner')}
          options={facets.data?.owners.map((o) => o.id) ?? []}
          names={Object.fromEntries(facets.data?.owners.map((o) => [o.id, o.name]) ?? [])}
        />
        <Select
          label="Source"
          value={filters.source}
          onChange={set('source')}
          options={facets.data?.sources ?? []}
        />
        {filtered ? (
          <button
            type="button"
            className="link"
            onClick={() => {
              setFilters(NO_FILTERS);
              setTyped('');
            }}
          >
            Clear filters
          </button>
        ) : null}
      </div>
      <ErrorNote error={page.error} />
      <div className="card table-card">
        <table className="leads-table">
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const orders = SORTABLE[header.id];
                  const active = orders?.includes(sort) === true;
                  return (
                    <th key={header.id} className={`col-${header.id}`}>
                      {orders === undefined ? (
                        flexRender(header.column.columnDef.header, header.getContext())
                      ) : (
                        <button
                          type="button"
                          className={`sort ${active ? 'active' : ''}`}
                          onClick={() => setSort(active && sort === orders[0] ? orders[1] : orders[0])}
                        >
                          {flexRender(header.column.columnDef.header, header.getContext())}
                          <span className="arrow">{active ? (sort === orders[0] ? '↓' : '↑') : '↕'}</span>
                        </button>
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr
                key={row.id}
                className="clickable"
                onClick={() => go(`lead/${row.original.lead.id}`)}
                data-lead={row.original.lead.id}
              >
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className={`col-${cell.column.id}`}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            ))}
            {data.length === 0 && !page.loading ? (
              <tr>
                <td colSpan={columns.length} className="empty">
                  No leads match.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <div className="pager">
        <button
          type="button"
          disabled={cursors.length <= 1}
          onClick={() => setCursors((c) => c.slice(0, -1))}
        >
          ← Previous
        </button>
        <span className="muted">Page {cursors.length}</span>
        <button
          type="button"
          disabled={page.data?.next === undefined}
          onClick={() => setCursors((c) => [...c, page.data?.next])}
        >
          Next →
        </button>
      </div>
    </section>
  );
};
