import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emailDomainKind } from './email-domain-kind.js';
import { isRoleLocalPart } from './email-role.js';
import { normalizeEmail } from './email.js';

describe('normalizeEmail', () => {
  it.each([
    ['John.Smith@Acme.com', 'john.smith@acme.com'],
    ['  jane@acme.io  ', 'jane@acme.io'],
    ['mailto:Jane@Acme.co.uk', 'jane@acme.co.uk'],
    ['MAILTO:jane@acme.co.uk?subject=Hello', 'jane@acme.co.uk'],
    ['<jane@acme.com>', 'jane@acme.com'],
    ['Jane Doe <jane@acme.com>', 'jane@acme.com'],
    ['jane+leads@acme.com', 'jane+leads@acme.com'],
    ["o'brien@acme.ie", "o'brien@acme.ie"],
    ['hans@Bücher.de', 'hans@xn--bcher-kva.de'],
    ['hans@xn--bcher-kva.de', 'hans@xn--bcher-kva.de'],
  ])('cleans %j to %j', (raw, email) => {
    expect(normalizeEmail(raw)).toMatchObject({ ok: true, email });
  });

  it.each([
    ['', 'is empty'],
    ['jane.acme.com', 'missing "@"'],
    ['jane@acme', 'domain "acme" has no top-level domain'],
    ['jane doe@acme.com', 'contains spaces'],
    ['jane@@acme.com', 'contains more than one "@"'],
    ['@acme.com', 'nothing before the "@"'],
    ['.jane@acme.com', 'the part before the "@" starts or ends with a dot or has two dots in a row'],
    ['jane.@acme.com', 'the part before the "@" starts or ends with a dot or has two dots in a row'],
    ['ja..ne@acme.com', 'the part before the "@" starts or ends with a dot or has two dots in a row'],
    ['ja(ne)@acme.com', 'the part before the "@" contains "("'],
    [`${'a'.repeat(65)}@acme.com`, 'the part before the "@" is longer than 64 characters'],
    ['jane@acme..com', 'domain "acme..com" has an empty part (two dots in a row, or a dot at an end)'],
    ['jane@-acme.com', 'domain part "-acme" may hold only letters, digits and inner hyphens'],
    ['jane@acme_corp.com', 'domain part "acme_corp" may hold only letters, digits and inner hyphens'],
    ['jane@acme.c0m', 'top-level domain "c0m" is not valid'],
    ['jane@acme.c', 'top-level domain "c" is not valid'],
    ['jane@10.0.0.1', 'top-level domain "1" is not valid'],
    ['jane@[10.0.0.1]', 'an IP address after the "@" is not accepted'],
    ['jane@', 'the domain is empty'],
  ])('rejects %j because it says %j', (raw, problem) => {
    expect(normalizeEmail(raw)).toEqual({ ok: false, problem });
  });

  it.each([
    ['jane@acme.com', 'corporate', false],
    ['sales@acme.com', 'role', true],
    ['no-reply@acme.com', 'role', true],
    ['jane@gmail.com', 'free', false],
    ['info@gmail.com', 'free', true],
    ['jane@mail.yahoo.co.uk', 'free', false],
    ['jane@fastmail.com', 'free', false],
    ['jane@21cn.com', 'free', false],
    ['jane@mailinator.com', 'disposable', false],
    ['admin@guerrillamail.com', 'disposable', true],
    ['jane@cs.stanford.edu', 'education', false],
    ['admissions@ox.ac.uk', 'education', false],
    ['jane@unimelb.edu.au', 'education', false],
    ['office@lincoln.k12.or.us', 'education', true],
    ['head@stmarys.herts.sch.uk', 'education', false],
    ['jane@uni-heidelberg.de', 'education', false],
  ] as const)('classifies %j as %s (role: %s)', (raw, type, role) => {
    expect(normalizeEmail(raw)).toMatchObject({ ok: true, type, role });
  });

  it('sets exactly one list flag, matching the type', () => {
    const result = normalizeEmail('jane@yopmail.com');
    expect(result).toMatchObject({ disposable: true, free: false, education: false });
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (raw) => {
        normalizeEmail(raw);
      }),
    );
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (raw) => void normalizeEmail(raw)));
  });

  it('accepts generated valid addresses', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (email) => {
        expect(normalizeEmail(email)).toMatchObject({ ok: true, email: email.toLowerCase() });
      }),
    );
  });

  it('is idempotent: normalizing the cleaned address gives the same result', () => {
    const addresses = fc.oneof(
      fc.emailAddress(),
      fc.string({ unit: 'binary', maxLength: 30 }).map((s) => `${s}@${s}.com`),
      fc.constantFrom('Jane <JANE@Bücher.DE>', 'mailto:x@ACME.io', 'ßtraße@straße.de'),
    );
    fc.assert(
      fc.property(addresses, (raw) => {
        const first = normalizeEmail(raw);
        if (first.ok) expect(normalizeEmail(first.email)).toEqual(first);
      }),
    );
  });

  it('ignores letter case', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (email) => {
        expect(normalizeEmail(email.toUpperCase())).toEqual(normalizeEmail(email));
      }),
    );
  });
});

describe('emailDomainKind', () => {
  it('never calls a big webmail provider disposable', () => {
    for (const domain of ['gmail.com', 'yahoo.com', 'outlook.com', 'hotmail.com', 'icloud.com', 'gmx.de']) {
      expect(emailDomainKind(domain)).toBe('free');
    }
  });

  it('leaves a company domain unclassified', () => {
    expect(emailDomainKind('acme.com')).toBeUndefined();
    expect(emailDomainKind('acme.co.uk')).toBeUndefined();
  });

  it('counts subdomains as their registrable domain', () => {
    expect(emailDomainKind('eu.mailinator.com')).toBe('disposable');
    expect(emailDomainKind('mail.gmail.com')).toBe('free');
  });

  it('does not call a word merely containing "edu" or "ac" education', () => {
    expect(emailDomainKind('educate.com')).toBeUndefined();
    expect(emailDomainKind('acme.ac')).toBeUndefined();
    expect(emailDomainKind('tu-clothing.com')).toBeUndefined();
  });
});

describe('isRoleLocalPart', () => {
  it.each(['info', 'sales+eu', 'no_reply', 'do-not-reply', 'customer.service', 'postmaster'])(
    'treats %j as a shared mailbox',
    (local) => expect(isRoleLocalPart(local)).toBe(true),
  );

  it.each(['jane', 'info.jane', 'salesman', 'j.smith'])('treats %j as a person', (local) =>
    expect(isRoleLocalPart(local)).toBe(false),
  );
});
