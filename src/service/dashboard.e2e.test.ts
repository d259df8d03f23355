import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../adapters/storage/open-store.js';
import { BANT_SLOT_SPECS } from '../conversation/dialogue/bant-slots.js';
import { readKnowledgeBase } from '../conversation/knowledge/read-knowledge-base.js';
import { openConversation, replyToProspect } from '../conversation/reply-to-prospect.js';
import { scriptDeps } from '../conversation/scripted/run-script.js';
import { SCRIPT_CALENDAR } from '../conversation/scripted/script-world.js';
import { systemClock } from '../domain/clock.js';

// The dashboard end to end: the real `leadsift demo --serve` (as `npm start` runs it) on a fresh
// SQLite file and a random port, the dashboard built as `npm run build` builds it, and Debian's
// Chromium driven by playwright-core. Screenshots of each page go to test-output/screenshots/.
const CHROMIUM = '/usr/bin/chromium';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHOTS = join(ROOT, 'test-output', 'screenshots');
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(
    `\n!!! ${CHROMIUM} is absent: the dashboard's end-to-end test is SKIPPED. Install it with \`apt-get install -y chromium\` (.ci/run does).\n`,
  );
}

interface Demo {
  readonly process: ChildProcess;
  readonly url: string;
  readonly key: string;
}

/** Start `leadsift demo --serve` from the sources and read the URL and key it prints. */
const startDemo = (dir: string): Promise<Demo> =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        join(ROOT, 'node_modules/tsx/dist/esm/index.mjs'),
        join(ROOT, 'src/cli/main.ts'),
        'demo',
        '--leads',
        '200',
        '--out',
        join(dir, 'demo-data'),
        '--serve',
        '--port',
        '0',
      ],
      { env: { ...process.env, DATABASE_URL: join(dir, 'leadsift.db') }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /serving the demo at (http:\/\/\S+?) /.exec(out)?.[1];
      const key = /API key:\s+(lsk_\S+)/.exec(out)?.[1];
      if (url !== undefined && key !== undefined) resolve({ process: child, url, key });
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`leadsift demo --serve exited (${code}):\n${out}\n${err}`)));
  });

/**
 * Build the dashboard as `npm run build` does. Vite keeps a NODE_ENV it finds, and vitest sets
 * `test`, which would make a development build of React (several times slower, effects run twice).
 */
const buildDashboard = async (): Promise<void> => {
  const before = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'production';
  try {
    await build({ configFile: join(ROOT, 'web/vite.config.ts'), logLevel: 'warn' });
  } finally {
    process.env['NODE_ENV'] = before;
  }
};

const apiGet = async <T>(demo: Demo, path: string): Promise<T> => {
  const response = await fetch(`${demo.url}${path}`, { headers: { authorization: `Bearer ${demo.key}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
};

describe.skipIf(!hasChromium)('the dashboard in Chromium, on the demo served by leadsift', () => {
  let dir: string;
  let demo: Demo;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'leadsift-e2e-'));
    await mkdir(SHOTS, { recursive: true });
    const [started, launched] = await Promise.all([
      buildDashboard().then(() => startDemo(dir)),
      chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      }),
    ]);
    demo = started;
    browser = launched;
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(10_000);
    // A quarter of the disqualified demo leads go into the false-negative audit (2 % would draw
    // three or four of them, and now and then none), set before anything reads the sample.
    const share = await fetch(`${demo.url}/v1/audit-sample/settings`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${demo.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ share: 0.25 }),
    });
    expect(share.status).toBe(200);
    // The demo routes its leads in the background: wait until the review queue has one.
    for (let i = 0; i < 200; i += 1) {
      const queue = await apiGet<{ reviews: unknown[] }>(demo, '/v1/reviews?limit=1');
      if (queue.reviews.length > 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    demo?.process.kill('SIGINT');
    if (demo !== undefined) await new Promise((r) => demo.process.once('exit', r));
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  it('shows nothing without a key, refuses a wrong one, and lists the leads with the printed key', async () => {
    expect((await fetch(`${demo.url}/v1/leads`)).status).toBe(401);
    await page.goto(demo.url);
    await page.getByLabel('API key').fill('lsk_wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'not accepted' }).waitFor();
    await shot('1-sign-in');
    await page.getByLabel('API key').fill(demo.key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('tr[data-lead]').first().waitFor();
    expect(await page.locator('tr[data-lead]').count()).toBe(50);
    // The session is an HttpOnly cookie: the page's scripts hold neither it nor the key.
    const kept = await page.evaluate('JSON.stringify({ ...sessionStorage, ...localStorage })');
    expect(kept).not.toContain(demo.key);
    expect(await page.evaluate('document.cookie')).not.toContain('leadsift_session');
    expect((await page.context().cookies()).map((c) => [c.name, c.httpOnly])).toContainEqual([
      'leadsift_session',
      true,
    ]);
    await shot('2-leads');
  });

  it('sorts the leads by fit, best first, as the API does', async () => {
    await page.getByRole('button', { name: /^Fit/ }).click();
    const best = await apiGet<{ leads: Array<{ lead: { id: string } }> }>(
      demo,
      '/v1/leads?sort=fit_desc&limit=50',
    );
    await page.waitForFunction(
      `document.querySelector('tr[data-lead]')?.getAttribute('data-lead') === ${JSON.stringify(best.leads[0]?.lead.id)}`,
    );
    const fits = (await page.locator('tr[data-lead] td.col-fit').allTextContents()).map(Number);
    expect(fits.length).toBe(best.leads.length);
    expect(fits).toEqual([...fits].sort((a, b) => b - a));
    await page.getByRole('button', { name: /^Lead/ }).click();
  });

  it('filters the leads by verdict and finds one by text', async () => {
    await page.getByLabel('Verdict').selectOption('needs_info');
    // Evaluated in the page (as text: this file is compiled without the DOM's types).
    await page.waitForFunction(
      `[...document.querySelectorAll('tr[data-lead] .badge')].every((b) => b.textContent === 'needs info') && document.querySelectorAll('tr[data-lead]').length > 0`,
    );
    const rows = await page.locator('tr[data-lead]').count();
    const expected = await apiGet<{ leads: unknown[] }>(demo, '/v1/leads?verdict=needs_info&limit=50');
    expect(rows).toBe(expected.leads.length);
    await page.getByLabel('Verdict').selectOption('');
    const [first] = (
      await apiGet<{ leads: Array<{ lead: { person: { email?: { value: string } } } }> }>(
        demo,
        '/v1/leads?limit=1',
      )
    ).leads;
    const email = first?.lead.person.email?.value ?? '';
    await page.getByLabel('Search leads').fill(email);
    await page.waitForFunction(`document.querySelectorAll('tr[data-lead]').length === 1`);
    await page.getByLabel('Search leads').fill('');
  });

  it('opens a lead, reads every reason of its decision, and rejects it with a reason', async () => {
    await page.getByLabel('Verdict').selectOption('not_qualified');
    await page.waitForFunction(
      `[...document.querySelectorAll('tr[data-lead] .badge')].every((b) => b.textContent === 'not qualified')`,
    );
    const row = page.locator('tr[data-lead]').first();
    const id = (await row.getAttribute('data-lead')) ?? '';
    await row.click();
    await page.getByRole('heading', { name: 'Decision' }).waitFor();
    const detail = await apiGet<{ decisions: Array<{ reasons: Array<{ text: string }> }> }>(
      demo,
      `/v1/leads/${id}`,
    );
    const reasons = detail.decisions.at(-1)?.reasons.map((r) => r.text) ?? [];
    expect(reasons.length).toBeGreaterThan(0);
    for (const text of reasons)
      await expect(
        page.locator('.reasons').getByText(text, { exact: true }).count(),
      ).resolves.toBeGreaterThan(0);
    await page.locator('canvas').first().waitFor();
    await shot('3-lead');
    // Rejecting takes a reason and becomes an outcome on the lead's timeline.
    await page.getByRole('button', { name: 'Reject…' }).click();
    await page.getByLabel('Why is this lead not for sales?').fill('no budget this year');
    await page.getByRole('button', { name: 'Reject with this reason' }).click();
    await page.locator('.ok-note').filter({ hasText: 'Rejected' }).waitFor();
    await page.locator('.timeline').getByText('no budget this year', { exact: false }).waitFor();
    const outcomes = await apiGet<{ outcomes: Array<{ type: string; reason?: string }> }>(
      demo,
      `/v1/leads/${id}`,
    );
    expect(outcomes.outcomes.at(-1)).toMatchObject({ type: 'rejected', reason: 'no budget this year' });
    // Back on the list, the filters are as the person left them.
    await page.getByRole('link', { name: '← Leads' }).click();
    await page.locator('tr[data-lead]').first().waitFor();
    expect(await page.getByLabel('Verdict').inputValue()).toBe('not_qualified');
    await page.getByLabel('Verdict').selectOption('');
  });

  it('shows a lead’s conversation, in and out, with each fact the prospect gave linked to its message', async () => {
    const [first] = (
      await apiGet<{ leads: Array<{ lead: { id: string; person: { email?: { value: string } } } }> }>(
        demo,
        '/v1/leads?limit=1&verdict=needs_info',
      )
    ).leads;
    const leadId = first?.lead.id ?? '';
    // Written as the conversation engine writes it, into the demo's database beside the server.
    const store = await openStore({ databaseUrl: join(dir, 'leadsift.db') });
    try {
      const now = new Date().toISOString();
      const world = {
        now,
        knowledge: await readKnowledgeBase(join(ROOT, 'examples/knowledge')),
        calendar: SCRIPT_CALENDAR,
      };
      const deps = { store: store.conversations, dialogue: scriptDeps(world, systemClock, 'Europe/Berlin') };
      await openConversation(deps, {
        id: 'conv-e2e',
        leadId,
        channel: 'email',
        timeZone: 'Europe/Berlin',
        slots: BANT_SLOT_SPECS,
      });
      await replyToProspect(deps, 'conv-e2e', {
        text: 'We need better lead scoring for our SDR team',
        messageId: '<p1@e2e>',
      });
      await replyToProspect(deps, 'conv-e2e', {
        text: 'Our budget is about $40,000 this year',
        messageId: '<p2@e2e>',
      });
      // The lead keeps a fact the prospect gave, citing the message it was read from: their first.
      await store.leads.upsertLeads([
        {
          person: {
            email: { value: first?.lead.person.email?.value ?? '', provenance: { source: 'input', at: now } },
          },
          company: {},
          consent: {},
          custom: {
            team: {
              value: 'SDR team',
              raw: 'our SDR team',
              provenance: {
                source: 'prospect',
                at: now,
                channel: 'email',
                conversationId: 'conv-e2e',
                messageIndex: 1,
              },
            },
          },
          raw: {},
          receivedAt: now,
        },
      ]);
    } finally {
      await store.close();
    }
    const { conversations } = await apiGet<{
      conversations: Array<{ messages: Array<{ seq: number; direction: string }> }>;
    }>(demo, `/v1/leads/${leadId}`);
    const messages = conversations[0]?.messages ?? [];
    expect(messages.filter((m) => m.direction === 'inbound')).toHaveLength(2);
    await page.goto(`${demo.url}/#/lead/${leadId}`);
    await page.locator('.transcript .message').first().waitFor();
    expect(await page.locator('.transcript .message').count()).toBe(messages.length);
    expect(await page.locator('.transcript .message-inbound').count()).toBe(2);
    await page.locator('.transcript').getByText('Our budget is about $40,000 this year').waitFor();
    const said = messages.filter((m) => m.direction === 'inbound')[0]?.seq ?? 0;
    const link = page.getByRole('button', { name: `the prospect said, in message ${said}` });
    await link.first().click();
    const shown = page.locator(`.message-shown[data-seq="${said}"]`);
    await shown.waitFor();
    expect(await shown.textContent()).toContain('our SDR team');
    await page.locator('.transcript-card').screenshot({ path: join(SHOTS, '3b-transcript.png') });
  });

  it('lists the accounts with their score parts and reasons', async () => {
    await page.goto(`${demo.url}/#/accounts`);
    const { accounts } = await apiGet<{ accounts: Array<{ key: string; reasons: Array<{ text: string }> }> }>(
      demo,
      '/v1/accounts?limit=200',
    );
    if (accounts.length === 0) {
      await page.getByText('No accounts.').waitFor();
      return;
    }
    await page.locator('tr[data-account]').first().waitFor();
    expect(await page.locator('tr[data-account]').count()).toBe(accounts.length);
    await page.locator('tr[data-account]').first().click();
    for (const reason of accounts[0]?.reasons ?? [])
      await page.locator('.account-detail').getByText(reason.text, { exact: true }).first().waitFor();
    await shot('8-accounts');
  });

  it('accepts a review with one keystroke and the metrics count it', async () => {
    const before = await apiGet<{
      aeAcceptance: { accepted: number };
      reviewAgreement: { resolved: number };
    }>(demo, '/v1/metrics');
    await page.goto(`${demo.url}/#/review`);
    await page.locator('[data-review]').waitFor();
    await page.locator('.review-detail .reasons li').first().waitFor();
    const name = await page.locator('.review-list li.selected .review-name').textContent();
    expect(await page.locator('.review-detail h2').textContent()).toBe(name);
    await shot('4-review');
    await page.keyboard.press('a');
    await page.locator('.ok-note').filter({ hasText: 'Accepted' }).waitFor();
    await page.goto(`${demo.url}/#/metrics`);
    const acceptance = page.locator('[data-stat="acceptance"]');
    await acceptance.getByText(`${before.aeAcceptance.accepted + 1} accepted`).waitFor();
    await page
      .locator('[data-stat="review-agreement"]')
      .getByText(`${before.reviewAgreement.resolved + 1} reviewed`)
      .waitFor();
    // The audit sample: a person records what following up a disqualified lead found, and the counts move.
    const audit = page.locator('[data-testid="audit-card"]');
    expect(await audit.locator('tr[data-audit-lead]').count()).toBeGreaterThan(0);
    const { falseNegativeAudit } = await apiGet<{
      falseNegativeAudit: { counts: { followedUp: number; foundGood: number } };
    }>(demo, '/v1/metrics');
    const pending = audit
      .locator('tr[data-audit-lead]')
      .filter({ has: page.getByRole('button', { name: 'Worth an AE' }) });
    const audited = await pending.first().getAttribute('data-audit-lead');
    await pending.first().getByRole('button', { name: 'Worth an AE' }).click();
    await audit.locator(`tr[data-audit-lead="${audited}"]`).getByText('worth an AE (missed)').waitFor();
    await audit
      .getByText(
        `${falseNegativeAudit.counts.followedUp + 1} followed up, ${falseNegativeAudit.counts.foundGood + 1} found worth`,
      )
      .waitFor();
    // Conversion in the last 30 days against the 30 before, the numbers beside the chart.
    const { periods } = await apiGet<{
      periods: { current: { all: { leads: number; rate: number | null } } };
    }>(demo, '/v1/metrics');
    expect(periods.current.all.leads).toBeGreaterThan(0);
    const rate = periods.current.all.rate;
    await page
      .locator('[data-baseline] tr')
      .filter({ hasText: 'All leads, this period' })
      .getByText(rate === null ? '—' : `${(rate * 100).toFixed(1)} %`)
      .waitFor();
    // 200 demo leads hold too few outcomes for the demo to activate a model; say so, or chart it.
    const { model } = await apiGet<{ model?: unknown }>(demo, '/v1/metrics');
    if (model === undefined) await page.getByText('No active model:').waitFor();
    else await page.getByRole('img', { name: 'Lift by score decile' }).waitFor();
    await shot('5-metrics');
  });

  it('previews criteria on the stored leads, then refuses an invalid file and shows each problem on its line', async () => {
    await page.goto(`${demo.url}/#/criteria`);
    const editor = page.getByLabel('Criteria YAML');
    await page.getByText('active version').waitFor();
    const text = await editor.inputValue();
    expect(text.length).toBeGreaterThan(0);
    const lenient = text.replace(
      'verdicts: { fitWeight: 0.6, minScore: 60, minFitGrade: B, minIntentGrade: 3 }',
      'verdicts: { fitWeight: 1, minScore: 10, minFitGrade: D, minIntentGrade: 4 }',
    );
    expect(lenient).not.toBe(text);
    await editor.fill(lenient);
    await page.getByRole('button', { name: 'Preview effect' }).click();
    const preview = page.locator('[data-preview]');
    await preview.getByText(/of \d+ sampled leads would change verdict/).waitFor();
    expect(await preview.locator('a[href^="#/lead/"]').count()).toBeGreaterThan(0);
    await shot('6-criteria-preview');
    await editor.fill(text.replace('minScore: 60, minFitGrade: B', 'minScore: lots, minFitGrade: B'));
    await page.getByRole('button', { name: 'Save and activate' }).click();
    const issues = page.locator('.issues');
    await issues.getByText('The file was not saved').waitFor();
    await issues.getByText('verdicts.minScore').waitFor();
    const line = text.split('\n').findIndex((l) => l.includes('minScore: 60, minFitGrade: B')) + 1;
    expect(await issues.locator('.line-ref').first().textContent()).toBe(`line ${line}`);
    expect(await page.locator('.gutter .bad-line').textContent()).toBe(String(line));
    await shot('7-criteria-invalid');
    const active = await apiGet<{ text: string }>(demo, '/v1/criteria');
    expect(active.text).toBe(text);
  });
});
