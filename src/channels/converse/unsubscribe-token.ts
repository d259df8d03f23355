import { createHmac, timingSafeEqual } from 'node:crypto';

const mac = (secret: string, conversationId: string): string =>
  createHmac('sha256', secret).update(`unsubscribe:${conversationId}`).digest('base64url').slice(0, 32);

/** The token of a conversation's one-click unsubscribe link: its id and a MAC only the service can make. */
export const unsubscribeToken = (secret: string, conversationId: string): string =>
  `${conversationId}.${mac(secret, conversationId)}`;

/** The conversation an unsubscribe token names, when its MAC is right (compared in constant time). */
export const readUnsubscribeToken = (secret: string, token: string): string | undefined => {
  const dot = token.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const id = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1));
  const expected = Buffer.from(mac(secret, id));
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : undefined;
};
