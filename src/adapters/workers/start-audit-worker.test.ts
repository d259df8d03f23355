import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../domain/clock.js';
import { writeLeadsCsv } from '../../demo/write-demo-csv.js';
import { auditLeadFile } from '../../intake/audit-lead-file.js';
import { startAuditWorker } from './start-audit-worker.js';

const clock = fixedClock('2026-11-01T00:00:00.000Z');
let dir: string;
let file: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'leadsift-threads-'));
  file = join(dir, 'leads.csv');
  await writeLeadsCsv(file, { seed: 11, leads: 4000, now: '2026-11-01T00:00:00.000Z' });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('startAuditWorker', () => {
  it('audits in real worker threads with the same report as one thread', async () => {
    const single = await auditLeadFile({ clock }, file);
    const threaded = await auditLeadFile({ clock, startWorker: startAuditWorker }, file, { workers: 2 });
    expect(threaded).toEqual(single);
  }, 60_000);
});
