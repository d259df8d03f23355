import { describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from './database-url.js';

describe('parseDatabaseUrl', () => {
  it('uses leadsift.db when no URL is configured', () => {
    expect(parseDatabaseUrl(undefined)).toEqual({ dialect: 'sqlite', path: 'leadsift.db' });
    expect(parseDatabaseUrl('  ')).toEqual({ dialect: 'sqlite', path: 'leadsift.db' });
  });

  it('reads sqlite: URLs and plain paths as SQLite files', () => {
    expect(parseDatabaseUrl('sqlite:data/leads.db')).toEqual({ dialect: 'sqlite', path: 'data/leads.db' });
    expect(parseDatabaseUrl('sqlite:///var/lib/leadsift.db')).toEqual({
      dialect: 'sqlite',
      path: '/var/lib/leadsift.db',
    });
    expect(parseDatabaseUrl('sqlite::memory:')).toEqual({ dialect: 'sqlite', path: ':memory:' });
    expect(parseDatabaseUrl('./leads.db')).toEqual({ dialect: 'sqlite', path: './leads.db' });
  });

  it('keeps the user a PostgreSQL URL names, and fills one in when it names none', () => {
    expect(parseDatabaseUrl('postgresql://ann:pw@db:5433/crm')).toEqual({
      dialect: 'postgres',
      connectionString: 'postgresql://ann:pw@db:5433/crm',
    });
    const filled = parseDatabaseUrl('postgres://127.0.0.1:5432/test');
    expect(filled.dialect === 'postgres' && new URL(filled.connectionString).username).toMatch(/^[^:@/]+$/);
  });

  it('refuses other schemes, saying what it accepts', () => {
    expect(() => parseDatabaseUrl('mysql://root@localhost/db')).toThrow(
      /use a SQLite path .* or postgres:\/\//,
    );
  });
});
