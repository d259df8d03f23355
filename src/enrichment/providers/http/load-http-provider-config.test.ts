import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../domain/app-error.js';
import { loadHttpProviderConfig, parseHttpProviderConfig } from './load-http-provider-config.js';

const VALID = `name: vendor
url: https://api.example.com/v1/companies
query:
  domain: '{domain}'
headers:
  x-api-key: '\${VENDOR_KEY}'
requires: [domain]
fields:
  company.industry: data.industry
`;

/** The message of the CONFIG_INVALID error parsing `text` throws. */
const problems = (text: string): string => {
  try {
    parseHttpProviderConfig(text, '/configs/vendor.yaml');
  } catch (error) {
    expect(isAppError(error, 'CONFIG_INVALID')).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected the config to be rejected');
};

describe('HTTP provider configs', () => {
  it('fill in defaults for what a config leaves out, and are frozen', () => {
    const config = parseHttpProviderConfig(VALID, 'vendor.yaml');
    expect(config).toMatchObject({
      method: 'GET',
      confidence: 0.8,
      maxBodyBytes: 1024 * 1024,
      limits: { costCents: 0, concurrency: 4, timeoutMs: 10_000, retries: 2, ttlSeconds: 2_592_000 },
    });
    expect(Object.isFrozen(config.limits)).toBe(true);
  });

  it('reject an unknown field with its line and the fields there are', () => {
    const message = problems(VALID.replace('company.industry', 'company.sector'));
    expect(message).toMatch(
      /^vendor\.yaml:9: fields: unknown key "company\.sector"; expected company\.name, company\.domain, .* or person\.linkedin$/m,
    );
  });

  it('reject an unknown placeholder in a template, at its line', () => {
    expect(problems(VALID.replace("'{domain}'", "'{website}'"))).toBe(
      'vendor.yaml:4: query.domain: unknown placeholder "{website}"; expected {email}, {domain}, {companyName}, {firstName}, {lastName}, {title}, {country}',
    );
  });

  it('reject a JSON path that is not one, a body on GET, and a relative URL, all at once', () => {
    const text = VALID.replace('data.industry', 'data..industry')
      .replace('https://api.example.com', '/api')
      .concat('body:\n  domain: "{domain}"\n');
    expect(problems(text).split('\n')).toEqual([
      'vendor.yaml:2: url: expected an http:// or https:// URL with a fixed host',
      'vendor.yaml:9: fields."company.industry": expected a JSON path such as "data.category.industry", "tags[]" or "items[0].name"',
      'vendor.yaml:11: body: a body needs "method: POST"',
    ]);
  });

  it('reject limits of the wrong type and an unknown required key', () => {
    const text = VALID.replace('requires: [domain]', 'requires: [domain, website]').concat(
      'limits:\n  retries: many\n',
    );
    expect(problems(text).split('\n')).toEqual([
      expect.stringMatching(/^vendor\.yaml:7: requires\[1\]: /),
      'vendor.yaml:11: limits.retries: expected number',
    ]);
  });

  it('reject YAML that does not parse, at its line', () => {
    expect(problems('name: vendor\nurl: [unclosed\n')).toMatch(/^vendor\.yaml:\d+: /);
  });

  it('name a missing file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'leadsift-http-'));
    await expect(loadHttpProviderConfig(join(dir, 'none.yaml'))).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
    });
    await writeFile(join(dir, 'ok.yaml'), VALID);
    expect((await loadHttpProviderConfig(join(dir, 'ok.yaml'))).name).toBe('vendor');
  });
});
