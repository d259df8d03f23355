// What the benchmarks share: the pass-through baseline, the machine's description, measuring a
// mode of a benchmark script in its own child process (so peak memory is its own), and the
// PostgreSQL server the database benchmarks fill and copy their databases on.
import { execFileSync } from 'node:child_process';
import { copyFileSync, createReadStream, rmSync } from 'node:fs';
import os from 'node:os';
import { URL } from 'node:url';
import pg from 'pg';

/** The plainest reader of a file: decode chunks, split on newlines, count lines (less the header). */
export const passThrough = async (file) => {
  let rows = 0;
  let tail = '';
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 16 })) {
    const lines = (tail + chunk).split('\n');
    tail = lines.pop() ?? '';
    rows += lines.length;
  }
  if (tail !== '') rows++;
  return rows - 1;
};

/** The machine the figures were measured on. */
export const machine = () => ({
  cpus: os.cpus().length,
  cpu: os.cpus()[0]?.model,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
});

/** Run `script --child ...args` in a new Node process and parse the JSON line it prints. */
export const measureChild = (script, args, nodeOptions = []) =>
  JSON.parse(
    execFileSync(process.execPath, [...nodeOptions, script, '--child', ...args], { encoding: 'utf8' }),
  );

/** A child's figures: rows, seconds, rows per second, and its own peak memory. */
export const figures = (mode, rows, started) => {
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    mode,
    rows,
    seconds,
    rowsPerSecond: rows / seconds,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  };
};

/** The PostgreSQL server of the database benchmarks (LEADSIFT_BENCH_PG), its maintenance database. */
export const PG = process.env.LEADSIFT_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The address of another database on the same server. */
export const pgUrl = (database) => {
  const url = new URL(PG);
  url.pathname = `/${database}`;
  return url.toString();
};

/** Run one statement (create, drop, rename a database…) on the maintenance database. */
export const admin = async (statement) => {
  const client = new pg.Client({ connectionString: PG });
  await client.connect();
  try {
    return await client.query(statement);
  } finally {
    await client.end();
  }
};

/**
 * A fresh copy of a kept benchmark store to run on: on SQLite the file `kept` copied to `runFile`;
 * on PostgreSQL the database `<database>_run` made from the kept `database` as its template.
 */
export const freshCopy = async (dialect, kept, { runFile, database }) => {
  if (dialect === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${runFile}${suffix}`, { force: true });
    copyFileSync(kept, runFile);
    return runFile;
  }
  await admin(`drop database if exists ${database}_run with (force)`);
  await admin(`create database ${database}_run template ${database}`);
  return pgUrl(`${database}_run`);
};

/** Remove a copy `freshCopy` made (`url`: the SQLite file; on PostgreSQL `<database>_run`). */
export const dropCopy = async (dialect, url, database) => {
  if (dialect === 'sqlite') for (const s of ['', '-wal', '-shm']) rmSync(`${url}${s}`, { force: true });
  else await admin(`drop database if exists ${database}_run with (force)`);
};

/** A stored lead row cloned under a new id: its address made unique by the clone's number `i`, no external id or person key. */
export const clonedLead = (lead, id, i) => ({
  ...lead,
  id,
  external_id: null,
  email_normalized: lead.email_normalized === null ? null : `c${i}.${lead.email_normalized}`,
  person_key: null,
});
