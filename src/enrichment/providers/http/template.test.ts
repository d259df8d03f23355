import { describe, expect, it } from 'vitest';
import { fillTemplate, parseTemplate, resolveEnv, type TemplatePart } from './template.js';

const parts = (text: string): readonly TemplatePart[] => {
  const parsed = parseTemplate(text);
  if ('problem' in parsed) throw new Error(parsed.problem);
  return parsed;
};

describe('templates', () => {
  it('split text, environment variables and query keys', () => {
    expect(parts('Bearer ${API_KEY} for {domain}')).toEqual([
      { literal: 'Bearer ' },
      { env: 'API_KEY' },
      { literal: ' for ' },
      { query: 'domain' },
    ]);
  });

  it('name an unknown placeholder and a bad variable name', () => {
    expect(parseTemplate('{website}')).toEqual({
      problem: expect.stringContaining('unknown placeholder "{website}"'),
    });
    expect(parseTemplate('${API KEY}')).toEqual({
      problem: '"${API KEY}" is not an environment variable name',
    });
  });

  it('resolve environment variables, or list all that are missing', () => {
    const template = parts('${A}:${B}:${C}');
    expect(resolveEnv(template, { A: '1', B: '2', C: '3' })).toEqual([
      { literal: '1' },
      { literal: ':' },
      { literal: '2' },
      { literal: ':' },
      { literal: '3' },
    ]);
    expect(resolveEnv(template, { B: '2', C: '' })).toEqual({ missing: ['A', 'C'] });
  });

  it('fill query keys through the encoder, or give nothing when one is missing or blank', () => {
    const template = parts('/people/{email}?n={firstName}');
    expect(fillTemplate(template, { email: 'a+b@x.com', firstName: 'Zoë' }, encodeURIComponent)).toBe(
      '/people/a%2Bb%40x.com?n=Zo%C3%AB',
    );
    expect(fillTemplate(template, { email: 'a@x.com' })).toBeUndefined();
    expect(fillTemplate(template, { email: 'a@x.com', firstName: '  ' })).toBeUndefined();
  });
});
