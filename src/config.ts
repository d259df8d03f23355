import { z } from 'zod';
import { AppError } from './domain/app-error.js';

/**
 * Everything leadsift reads from its environment, validated once at start-up. The defaults make
 * every command work with no environment at all: a SQLite file in the working directory.
 */
const ConfigSchema = z.object({
  /** `postgres://…` for PostgreSQL; a file path or `sqlite:path` for SQLite (the default). */
  databaseUrl: z.string().min(1).default('leadsift.db'),
  /** ISO 3166 alpha-2 country assumed for phone numbers written without a country code. */
  defaultCountry: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'expected a two-letter ISO country code such as US')
    .transform((c) => c.toUpperCase())
    .optional(),
  /**
   * The key that signs dashboard session cookies, shared by every `serve` process behind one
   * address (without it each process signs with its own random key: sessions end on restart and
   * work only on the process that opened them).
   */
  sessionSecret: z
    .string()
    .min(32, 'expected at least 32 characters, e.g. the output of `openssl rand -hex 32`')
    .optional(),
});

/** leadsift's validated, frozen configuration. */
export type Config = Readonly<z.infer<typeof ConfigSchema>>;

/** Which environment variable feeds which key, so that errors can name the variable. */
const ENV_NAMES = {
  databaseUrl: 'DATABASE_URL',
  defaultCountry: 'LEADSIFT_DEFAULT_COUNTRY',
  sessionSecret: 'LEADSIFT_SESSION_SECRET',
} as const satisfies Record<keyof z.infer<typeof ConfigSchema>, string>;

/**
 * Parse the configuration from an environment (normally `process.env`, read only by entry
 * points). Throws CONFIG_INVALID naming the variable and the expected form.
 */
export const loadConfig = (env: Readonly<Record<string, string | undefined>>): Config => {
  const input: Record<string, string> = {};
  for (const [key, name] of Object.entries(ENV_NAMES)) {
    const value = env[name];
    if (value !== undefined && value !== '') input[key] = value;
  }
  const parsed = ConfigSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0]) as keyof typeof ENV_NAMES;
      return `${ENV_NAMES[key] ?? key}: ${issue.message}`;
    });
    throw new AppError('CONFIG_INVALID', { message: `invalid environment: ${issues.join('; ')}` });
  }
  return Object.freeze(parsed.data);
};
