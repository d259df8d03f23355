import { createHmac, timingSafeEqual } from 'node:crypto';

/** The window, in seconds, within which a signed timestamp is accepted by default. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** One secret, or several while a secret is being rotated (the current one first). */
export type WebhookSecret = string | readonly string[];

const secretsOf = (secret: WebhookSecret): readonly string[] =>
  typeof secret === 'string' ? [secret] : secret;

const hmacHex = (secret: string, timestamp: number, body: string): string =>
  createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');

/**
 * The `leadsift-signature` header for a body: `t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<body>">`, with one `v1` per secret (several while rotating), so a receiver holding
 * either secret can verify. `body` must be the exact text sent.
 */
export const signWebhook = (input: { secret: WebhookSecret; timestamp: number; body: string }): string => {
  const { secret, timestamp, body } = input;
  if (!Number.isSafeInteger(timestamp) || timestamp < 0)
    throw new RangeError(`a webhook timestamp is whole unix seconds, not ${timestamp}`);
  const secrets = secretsOf(secret);
  if (secrets.length === 0 || secrets.some((s) => s === ''))
    throw new RangeError('a webhook secret must not be empty');
  return [`t=${timestamp}`, ...secrets.map((s) => `v1=${hmacHex(s, timestamp, body)}`)].join(',');
};

/** Why a signature was refused. */
export type SignatureRejection = 'malformed' | 'expired' | 'mismatch';

/** The verdict on a signature: accepted, or refused with the reason. */
export type SignatureCheck =
  { readonly ok: true } | { readonly ok: false; readonly reason: SignatureRejection };

const HEX_SHA256 = /^[0-9a-f]{64}$/;

/** The timestamp and the v1 signatures of a header; undefined when it has no usable `t`. */
const parseSignatureHeader = (header: string): { timestamp: number; signatures: string[] } | undefined => {
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    const key = part.slice(0, at).trim();
    const value = part.slice(at + 1).trim();
    if (key === 't' && /^\d{1,15}$/.test(value)) timestamp = Number(value);
    // Unknown schemes (v0, a future v2) are skipped so the scheme can evolve.
    else if (key === 'v1' && HEX_SHA256.test(value)) signatures.push(value);
  }
  return timestamp === undefined || signatures.length === 0 ? undefined : { timestamp, signatures };
};

/**
 * Checks a `leadsift-signature` header against the body as received: the timestamp must lie
 * within `toleranceSeconds` of `nowSeconds` (replay protection), and one of its `v1` values
 * must equal the HMAC under one of the secrets, compared in constant time.
 */
export const verifyWebhookSignature = (input: {
  secret: WebhookSecret;
  header: string;
  body: string;
  nowSeconds: number;
  toleranceSeconds?: number;
}): SignatureCheck => {
  const { secret, header, body, nowSeconds, toleranceSeconds = DEFAULT_TOLERANCE_SECONDS } = input;
  const parsed = parseSignatureHeader(header);
  if (parsed === undefined) return { ok: false, reason: 'malformed' };
  if (Math.abs(nowSeconds - parsed.timestamp) > toleranceSeconds) return { ok: false, reason: 'expired' };
  const given = parsed.signatures.map((hex) => Buffer.from(hex, 'hex'));
  for (const s of secretsOf(secret)) {
    if (s === '') continue;
    const expected = Buffer.from(hmacHex(s, parsed.timestamp, body), 'hex');
    // Every candidate is compared, matched or not, so timing does not reveal which one matched.
    let matched = false;
    for (const candidate of given) matched = timingSafeEqual(candidate, expected) || matched;
    if (matched) return { ok: true };
  }
  return { ok: false, reason: 'mismatch' };
};
