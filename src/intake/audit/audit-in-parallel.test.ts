import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../domain/clock.js';
import { writeLeadsCsv } from '../../demo/write-demo-csv.js';
import { auditLeadFile } from '../audit-lead-file.js';
import { createAuditBatchHandler } from './audit-batches.js';
import type { AuditReply, StartAuditWorker } from './audit-work.js';

const clock = fixedClock('2026-11-01T00:00:00.000Z');
let dir: string;
let file: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'leadsift-parallel-'));
  file = join(dir, 'leads.csv');
  // Big enough for several read batches, with the demo's duplicates and broken rows.
  await writeLeadsCsv(file, { seed: 3, leads: 6000, now: '2026-11-01T00:00:00.000Z' });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * Workers in this thread that answer later and out of order: even batches take longer than odd
 * ones, as threads may.
 */
const outOfOrderWorkers: StartAuditWorker = (init) => {
  const handle = createAuditBatchHandler(init);
  let onReply: ((reply: AuditReply) => void) | undefined;
  return {
    send: (request) => {
      const reply = handle(request);
      const delay = reply.kind === 'batch' && reply.seq % 2 === 0 ? 8 : 1;
      setTimeout(() => onReply?.(reply), delay);
    },
    onReply: (handler) => {
      onReply = handler;
    },
    terminate: () => Promise.resolve(),
  };
};

describe('auditing in worker threads', () => {
  it('writes the same report as one thread, whatever order the workers answer in', async () => {
    const single = await auditLeadFile({ clock }, file);
    const parallel = await auditLeadFile({ clock, startWorker: outOfOrderWorkers }, file, { workers: 3 });
    expect(single.rows).toBe(6000);
    expect(single.rejected).toBeGreaterThan(0);
    expect(single.duplicates.rows).toBeGreaterThan(0);
    expect(parallel).toEqual(single);
  });

  it("fails with the worker's message instead of waiting when a worker fails", async () => {
    const failing: StartAuditWorker = () => {
      let onReply: ((reply: AuditReply) => void) | undefined;
      return {
        send: () => setTimeout(() => onReply?.({ kind: 'error', message: 'out of memory' }), 1),
        onReply: (handler) => {
          onReply = handler;
        },
        terminate: () => Promise.resolve(),
      };
    };
    await expect(auditLeadFile({ clock, startWorker: failing }, file, { workers: 2 })).rejects.toThrow(
      /an audit worker failed: out of memory/,
    );
  });
});
