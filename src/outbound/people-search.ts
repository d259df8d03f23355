import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { parseYamlDocument } from '../documents/parse-yaml-document.js';
import { AppError } from '../domain/app-error.js';

/** A person a people-search vendor lists at a company: a name and a title, an address when it has one. */
export interface FoundPerson {
  readonly firstName?: string;
  readonly lastName?: string;
  readonly title?: string;
  readonly email?: string;
  /** The person's IANA time zone, when the vendor knows it. */
  readonly timeZone?: string;
}

/** Who works at a company (the port; an HTTP vendor implements it). */
export interface PeopleSearch {
  readonly name: string;
  find(domain: string): Promise<FoundPerson[]>;
}

/**
 * A people-search vendor's API, as written in YAML: the URL (with `{domain}`), headers (with
 * `${ENV}` secrets), where the list is in the answer and each person's fields in an item.
 */
export const PeopleSearchConfig = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'expected a lower-case name such as "apollo"'),
    url: z
      .string()
      .regex(/^https?:\/\/[^/{}$]+.*\{domain\}/, 'an http(s) URL with a fixed host and {domain} in it'),
    headers: z.record(z.string(), z.string()).default({}),
    /** Where the list of people is in the answer (dotted path; empty: the answer is the list). */
    list: z.string().default('people'),
    fields: z
      .object({
        firstName: z.string().default('first_name'),
        lastName: z.string().default('last_name'),
        title: z.string().default('title'),
        email: z.string().default('email'),
        timeZone: z.string().default('time_zone'),
      })
      .strict()
      .prefault({}),
    timeoutMs: z.number().int().positive().default(10_000),
    /** Most people taken per company. */
    maxPeople: z.number().int().min(1).max(500).default(50),
  })
  .strict();
export type PeopleSearchConfig = z.infer<typeof PeopleSearchConfig>;

/** A people-search file from disk, validated with file:line problems (CONFIG_INVALID). */
export const loadPeopleSearchConfig = async (path: string): Promise<PeopleSearchConfig> => {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new AppError('FILE_NOT_FOUND', {
      message: `cannot read the people-search file ${path}`,
      cause: error,
    });
  }
  return parseYamlDocument(text, path, PeopleSearchConfig, 'CONFIG_INVALID');
};

const at = (value: unknown, path: string): unknown =>
  path === ''
    ? value
    : path
        .split('.')
        .reduce<unknown>(
          (v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined),
          value,
        );

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/**
 * The people-search port over a vendor's JSON API: GET the URL with the domain filled in,
 * `${NAME}` in headers from `env`. A failing vendor is a DELIVERY_FAILED naming it, the status
 * and the domain (the account is then reported, not silently left without contacts).
 */
export const createHttpPeopleSearch = (
  config: PeopleSearchConfig,
  env: Readonly<Record<string, string | undefined>>,
): PeopleSearch => {
  const headers = Object.fromEntries(
    Object.entries(config.headers).map(([k, v]) => [
      k,
      v.replace(/\$\{([A-Z0-9_]+)\}/g, (_m, name: string) => env[name] ?? ''),
    ]),
  );
  return {
    name: config.name,
    find: async (domain) => {
      const url = config.url.replace('{domain}', encodeURIComponent(domain));
      let body: unknown;
      try {
        const response = await fetch(url, { headers, signal: AbortSignal.timeout(config.timeoutMs) });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        body = await response.json();
      } catch (error) {
        throw new AppError('DELIVERY_FAILED', {
          message: `people search ${config.name} failed for ${domain}: ${error instanceof Error ? error.message : String(error)}`,
          cause: error,
          details: { provider: config.name, domain },
        });
      }
      const list = at(body, config.list);
      if (!Array.isArray(list)) return [];
      const f = config.fields;
      return list.slice(0, config.maxPeople).map((item: unknown): FoundPerson => {
        const firstName = text(at(item, f.firstName));
        const lastName = text(at(item, f.lastName));
        const title = text(at(item, f.title));
        const email = text(at(item, f.email));
        const timeZone = text(at(item, f.timeZone));
        return {
          ...(firstName === undefined ? {} : { firstName }),
          ...(lastName === undefined ? {} : { lastName }),
          ...(title === undefined ? {} : { title }),
          ...(email === undefined ? {} : { email }),
          ...(timeZone === undefined ? {} : { timeZone }),
        };
      });
    },
  };
};
