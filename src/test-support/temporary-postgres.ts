import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A PostgreSQL cluster started for one test run; `stop` shuts it down and deletes it. */
export interface TemporaryPostgres {
  readonly url: string;
  stop(): void;
}

/** The newest installed PostgreSQL `bin` directory (Debian layout), if any. */
export const findPostgresBin = (root = '/usr/lib/postgresql'): string | undefined => {
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
};

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null ? resolve(address.port) : reject(),
      );
    });
  });

/** The uid and gid of the `postgres` account, when we are root and it exists. */
const postgresAccount = (): { uid: number; gid: number } | undefined => {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    throw new Error(
      'running as root, and initdb refuses root, but there is no "postgres" account to run it as',
    );
  }
};

/**
 * Start a throw-away cluster: initdb into a temp directory (as `postgres` when we are root,
 * because initdb refuses to run as root), trust auth, a free port on 127.0.0.1, the socket in
 * the same directory, fsync off (the data dies with the run anyway).
 */
export const startTemporaryPostgres = async (bin: string): Promise<TemporaryPostgres> => {
  const dir = mkdtempSync(join(tmpdir(), 'leadsift-pg-'));
  const data = join(dir, 'data');
  const account = postgresAccount();
  if (account !== undefined) chownSync(dir, account.uid, account.gid);
  const run = (tool: string, args: string[]): void => {
    const [file, argv] =
      account === undefined
        ? [join(bin, tool), args]
        : ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]];
    execFileSync(file, argv, { stdio: 'pipe', timeout: 60_000 });
  };
  try {
    run('initdb', [
      '-D',
      data,
      '-A',
      'trust',
      '-U',
      'postgres',
      '-E',
      'UTF8',
      '--no-sync',
      '--no-instructions',
    ]);
    const port = await freePort();
    const options = `-k ${dir} -p ${port} -c listen_addresses=127.0.0.1 -c fsync=off`;
    run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '30', 'start']);
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      stop: () => {
        try {
          run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(`could not start a temporary PostgreSQL from ${bin}: ${stderr || String(error)}`, {
      cause: error,
    });
  }
};
