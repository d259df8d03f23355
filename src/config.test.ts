import { describe, expect, it } from 'vitest';
import { isAppError } from './domain/app-error.js';
import { loadConfig } from './config.js';

describe('loadConfig', () => {
  it('works with no environment at all: a SQLite file in the working directory', () => {
    expect(loadConfig({})).toEqual({ databaseUrl: 'leadsift.db' });
  });

  it('reads DATABASE_URL and upper-cases the default country', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@h/db', LEADSIFT_DEFAULT_COUNTRY: 'gb' });
    expect(config.databaseUrl).toBe('postgres://u@h/db');
    expect(config.defaultCountry).toBe('GB');
  });

  it('returns a frozen object', () => {
    expect(Object.isFrozen(loadConfig({}))).toBe(true);
  });

  it('names the variable and the expected form when a value is invalid', () => {
    try {
      loadConfig({ LEADSIFT_DEFAULT_COUNTRY: 'Germany' });
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error, 'CONFIG_INVALID')).toBe(true);
      expect((error as Error).message).toContain(
        'LEADSIFT_DEFAULT_COUNTRY: expected a two-letter ISO country code',
      );
    }
  });

  it('takes a session secret of 32 characters or more, and refuses a shorter one saying how to make one', () => {
    const secret = 'f'.repeat(64);
    expect(loadConfig({ LEADSIFT_SESSION_SECRET: secret }).sessionSecret).toBe(secret);
    expect(() => loadConfig({ LEADSIFT_SESSION_SECRET: 'hunter2' })).toThrow(
      'LEADSIFT_SESSION_SECRET: expected at least 32 characters, e.g. the output of `openssl rand -hex 32`',
    );
  });
});
