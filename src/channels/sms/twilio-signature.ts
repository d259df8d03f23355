import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Twilio's request signature (`X-Twilio-Signature`): HMAC-SHA1 keyed with the account's auth
 * token over the full URL Twilio called (query string included) followed by every POST
 * parameter's name and value, sorted by name, with nothing between them; base64.
 */
export const twilioSignature = (
  authToken: string,
  url: string,
  params: Readonly<Record<string, string>>,
): string => {
  const data = Object.keys(params)
    .sort()
    .reduce((text, key) => text + key + (params[key] ?? ''), url);
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
};

/** True when `header` is the signature of this request (compared in constant time). */
export const verifyTwilioSignature = (
  authToken: string,
  url: string,
  params: Readonly<Record<string, string>>,
  header: string | undefined,
): boolean => {
  if (header === undefined || header === '') return false;
  const expected = Buffer.from(twilioSignature(authToken, url, params));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
};
