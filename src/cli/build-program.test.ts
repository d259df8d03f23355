import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from './build-program.js';
import { runCli } from '../test-support/run-cli.js';
import type { Output } from './run-action.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'leadsift-cli-'));
  await writeFile(join(dir, 'leads.csv'), 'Email,Title,Company\nann@acme.com,VP Sales,Acme\nbob@,CTO,Beta\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  process.exitCode = undefined;
});

/** Run the CLI in-process as a user would, capturing what it prints. */
const leadsift = (...args: string[]) => runCli(join(dir, 'cli.db'), ...args);

describe('the leadsift command', () => {
  it('audits a file as JSON with rows, accepted, rejected and completeness', async () => {
    const { out, code } = await leadsift('audit', join(dir, 'leads.csv'), '--json');
    expect(code).toBe(0);
    const report = JSON.parse(out) as {
      rows: number;
      accepted: number;
      rejected: number;
      columns: unknown[];
    };
    expect(report).toMatchObject({ rows: 2, accepted: 1, rejected: 1 });
    expect(report.columns).toContainEqual({ name: 'Title', field: 'title', filled: 1, share: 1 });
  });

  it('imports a file, then shows a stored lead with the provenance of its facts', async () => {
    const imported = await leadsift('import', join(dir, 'leads.csv'));
    expect(imported.code).toBe(0);
    expect(imported.out).toMatch(/rows 2 = stored 1 \(new 1, merged 0\) \+ rejected 1/);
    expect(imported.out).toMatch(/line 3 \[email\]: "bob@" is not a valid email address/);
    // --json output is not an exit code (it once was, when out() returned write()'s boolean).
    const listed = await leadsift('leads', 'list', '--json');
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.out) as { leads: unknown[] }).leads).toHaveLength(1);
    const shown = await leadsift('leads', 'show', 'ann@acme.com');
    expect(shown.code).toBe(0);
    expect(shown.out).toMatch(/seniority\s+vp\s+← normalized from person.title \(title.seniority\)/);
    expect(shown.out).toMatch(/title\s+VP Sales\s+← input .*leads.csv:2 "Title"/);
  });

  it('says what is wrong and exits with the table code when the file does not exist', async () => {
    const { err, code } = await leadsift('audit', join(dir, 'missing.csv'));
    expect(code).toBe(66);
    expect(err).toMatch(/^leadsift: .*missing.csv: no such file/);
  });

  it('names the line and the expected form when a mapping file is invalid', async () => {
    const mapping = join(dir, 'mapping.yaml');
    await writeFile(mapping, 'columns:\n  Title: title\n  Company: compnay\n');
    const { err, code } = await leadsift('audit', join(dir, 'leads.csv'), '--mapping', mapping);
    expect(code).toBe(78);
    expect(err).toMatch(/mapping.yaml:3: .*Company.*expected one of the leadsift fields/);
  });
});

describe('the leadsift command with worker threads', () => {
  it('audits the same with --workers 2 as with --workers 0', async () => {
    const threaded = await leadsift('audit', join(dir, 'leads.csv'), '--json', '--workers', '2');
    const single = await leadsift('audit', join(dir, 'leads.csv'), '--json', '--workers', '0');
    expect(threaded.code).toBe(0);
    expect(JSON.parse(threaded.out)).toEqual(JSON.parse(single.out));
  });
});

describe('leadsift qualify', () => {
  it('writes every accepted row with its decision, the rejected rows with their reasons, and a summary', async () => {
    const criteria = join(dir, 'criteria.yaml');
    await writeFile(
      criteria,
      'name: Test\nicp: Sales leaders at software companies.\nfit:\n  seniority: { vp: 50, director: 40 }\n  functions: { sales: 50 }\nintent:\n  rules:\n    - { event: demo_request, points: 50 }\nverdicts: { minScore: 50, minFitGrade: B, minIntentGrade: 3 }\n',
    );
    const events = join(dir, 'events.csv');
    await writeFile(
      events,
      `lead_ref,type,occurred_at\nann@acme.com,demo_request,${new Date().toISOString()}\nann@acme.com,teleport,2026-01-01\n`,
    );
    const out = join(dir, 'qualified.jsonl');
    const rejects = join(dir, 'rejects.csv');
    const result = await leadsift(
      'qualify',
      join(dir, 'leads.csv'),
      '--criteria',
      criteria,
      '--events',
      events,
      '--out',
      out,
      '--rejects',
      rejects,
    );
    expect(result.code).toBe(0);
    const rows = (await readFile(out, 'utf8'))
      .trim()
      .split('\n')
      .map(
        (l) => JSON.parse(l) as { line: number; verdict: string; grade: string; reasons: { text: string }[] },
      );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ line: 2, verdict: 'qualified', grade: 'A2' });
    expect(rows[0]?.reasons.map((r) => r.text)).toContain('Requested a demo today');
    expect(await readFile(rejects, 'utf8')).toMatch(
      /^line,field,problem,Email,Title,Company\r?\n3,email,"""bob@"" is not a valid email address/,
    );
    expect(result.err).toMatch(
      /events.csv: 1 event rows rejected, e.g. line 3: unknown event type "teleport"/,
    );
    expect(result.err).toMatch(
      /rows 2 = decided 1 \+ rejected 1\n {2}qualified 1, not_qualified 0, needs_info 0/,
    );
  });

  it('names the line of a mistake in the criteria file', async () => {
    const criteria = join(dir, 'bad-criteria.yaml');
    await writeFile(criteria, 'name: Bad\nicp: x\nfit:\n  seniority: { boss: 10 }\n');
    const result = await leadsift('qualify', join(dir, 'leads.csv'), '--criteria', criteria);
    expect(result.code).toBe(78);
    expect(result.err).toMatch(/bad-criteria.yaml:4: fit.seniority: unknown key "boss"/);
  });

  it('refuses a --now that is not an ISO 8601 time, saying the form it expects', async () => {
    const criteria = fileURLToPath(new URL('../../examples/criteria/bant.yaml', import.meta.url));
    const result = await leadsift('qualify', join(dir, 'leads.csv'), '--criteria', criteria, '--now', 'soon');
    expect(result.code).toBe(65);
    expect(result.err).toContain('--now: expected an ISO 8601 time such as 2026-03-01T03:00:00Z, got "soon"');
  });
});

describe('leadsift compare', () => {
  it("reports agreement, Cohen's kappa and the disagreements with leadsift's reasons", async () => {
    const file = join(dir, 'qualified-with-human.csv');
    await writeFile(
      file,
      'Email,verdict,reasons,AE\na@x.com,qualified,VP-level buyer (+30),yes\nb@x.com,qualified,Manager (+10),no\nc@x.com,not_qualified,Intern (-30),no\nd@x.com,not_qualified,Intern (-30),rejected\ne@x.com,qualified,x,perhaps\n',
    );
    const result = await leadsift('compare', file, '--human', 'AE', '--json');
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.out) as {
      compared: number;
      agreed: number;
      kappa: number;
      disagreements: { line: number; reasons: string }[];
      skipped: { line: number }[];
    };
    expect(report).toMatchObject({ compared: 4, agreed: 3 });
    expect(report.kappa).toBeCloseTo(0.5, 10);
    expect(report.disagreements).toEqual([
      { line: 3, leadsift: 'qualified', human: 'not_qualified', reasons: 'Manager (+10)' },
    ]);
    expect(report.skipped.map((s) => s.line)).toEqual([6]);
  });
});

describe('leadsift qualify --db', () => {
  it('decides every stored lead with its stored events and saves the decisions', async () => {
    const db = join(dir, 'qualify-db.db');
    const env = { DATABASE_URL: db };
    const quiet: Output = { out: () => undefined, err: () => undefined };
    await buildProgram(env, quiet)
      .exitOverride()
      .parseAsync(['node', 'leadsift', 'import', join(dir, 'leads.csv')]);
    const criteria = join(dir, 'db-criteria.yaml');
    await writeFile(
      criteria,
      'name: Db\nicp: Sales leaders.\nfit:\n  seniority: { vp: 60 }\n  functions: { sales: 40 }\nverdicts: { minScore: 50, minIntentGrade: 4 }\n',
    );
    const err: string[] = [];
    await buildProgram(env, { out: () => undefined, err: (t) => err.push(t) })
      .exitOverride()
      .parseAsync(['node', 'leadsift', 'qualify', '--db', '--criteria', criteria]);
    expect(process.exitCode ?? 0).toBe(0);
    expect(err.join('\n')).toMatch(/1 stored leads decided, decisions saved/);
    const shown: string[] = [];
    await buildProgram(env, { out: (t) => shown.push(t), err: () => undefined })
      .exitOverride()
      .parseAsync(['node', 'leadsift', 'leads', 'show', 'ann@acme.com', '--json']);
    const { decisions } = JSON.parse(shown.join('')) as {
      decisions: { verdict: string; grade: string; versions: { criteria: string } }[];
    };
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({
      verdict: 'qualified',
      grade: 'A4',
      versions: { criteria: expect.stringMatching(/^criteria@/) },
    });
  });
});

describe('leadsift demo', () => {
  it('generates, audits, loads and qualifies a demo set, and explains its best lead', async () => {
    const env = { DATABASE_URL: join(dir, 'demo.db') };
    const out: string[] = [];
    await buildProgram(env, { out: (t) => out.push(t), err: (t) => out.push(t) })
      .exitOverride()
      .parseAsync([
        'node',
        'leadsift',
        'demo',
        '--leads',
        '120',
        '--seed',
        '5',
        '--out',
        join(dir, 'demo-data'),
      ]);
    expect(process.exitCode ?? 0).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/rows 120 = accepted \d+ \+ rejected \d+/);
    expect(text).toMatch(
      /Qualified with BANT for mid-market SaaS \(examples\/criteria\/bant.yaml, criteria@[0-9a-f]{12}\)/,
    );
    expect(text).toMatch(/qualified \d+, not_qualified \d+, needs_info \d+/);
    // 120 demo leads leave too few outcomes for a model the demo trusts to move verdicts.
    expect(text).toMatch(
      /Learned from only \d+ leads with an outcome: model@[0-9a-f]{12} reaches a test AUC of [\d.]+ on \d+ held-out leads, too weak to move verdicts/,
    );
    expect(text).not.toContain('Qualified again with the model');
  }, 60_000);
});

describe('leadsift qualify in worker threads', () => {
  it('writes the same rows, rejects and summary as one thread', async () => {
    const { generateDemoData } = await import('../demo/generate-demo-data.js');
    const { writeDemoCsv } = await import('../demo/write-demo-csv.js');
    const demo = join(dir, 'threads-demo');
    // Both runs decide as of the demo's own time: on the clock, an event's age in days could tick over between them.
    const now = new Date().toISOString();
    await writeDemoCsv(generateDemoData({ seed: 13, leads: 4000, now }), demo);
    const criteria = fileURLToPath(new URL('../../examples/criteria/bant.yaml', import.meta.url));
    const runWith = async (workers: string) => {
      const out = join(dir, `threads-${workers}.csv`);
      const rejects = join(dir, `threads-${workers}-rejects.csv`);
      const result = await leadsift(
        'qualify',
        join(demo, 'leads.csv'),
        '--criteria',
        criteria,
        '--events',
        join(demo, 'events.csv'),
        '--out',
        out,
        '--rejects',
        rejects,
        '--workers',
        workers,
        '--now',
        now,
      );
      expect(result.code).toBe(0);
      return {
        out: await readFile(out, 'utf8'),
        rejects: await readFile(rejects, 'utf8'),
        summary: result.err,
      };
    };
    const single = await runWith('0');
    const threaded = await runWith('2');
    expect(single.out.split('\n').length).toBeGreaterThan(3900);
    expect(threaded).toEqual(single);
  }, 120_000);
});
