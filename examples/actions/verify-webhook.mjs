// How a receiver checks a leadsift webhook (Node 18+, no dependencies). `body` must be the raw
// request body as received, before any JSON parsing.
import { Buffer } from 'node:buffer';
import { createHmac, timingSafeEqual } from 'node:crypto';

export function verifyLeadsift(secret, header, body, nowSeconds = Date.now() / 1000) {
  const parts = header.split(',').map((p) => p.trim().split('='));
  const t = Number(parts.find(([k]) => k === 't')?.[1]);
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  const signed = parts.some(
    ([k, v]) => k === 'v1' && /^[0-9a-f]{64}$/.test(v) && timingSafeEqual(Buffer.from(v, 'hex'), expected),
  );
  return signed && Math.abs(nowSeconds - t) <= 300;
}
