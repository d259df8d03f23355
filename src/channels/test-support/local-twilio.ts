import { startLocalServer, type LocalServer } from '../../actions/test-support/local-server.js';

/** A message the stand-in accepted, as Twilio would keep it. */
export interface TwilioMessage {
  readonly sid: string;
  readonly to: string;
  readonly from: string;
  readonly body: string;
}

/** What the stand-in answers to the next send instead of accepting it. */
export type TwilioFailure = { readonly status: number; readonly code: number; readonly message: string };

const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * A local server speaking Twilio's Messages API as documented: `POST
 * /2010-04-01/Accounts/{AccountSid}/Messages.json` with HTTP basic auth (the account SID and auth
 * token), a form-encoded body with `To` (E.164), `From` (E.164) or `MessagingServiceSid`, and
 * `Body` (at most 1,600 characters); 201 with the message resource, or Twilio's error document
 * (`code`, `message`, `more_info`, `status`). Requests that break the documented shape are
 * refused the way Twilio refuses them and listed in `problems`.
 */
export const startLocalTwilio = async (
  account: { readonly sid: string; readonly token: string },
  failures: TwilioFailure[] = [],
): Promise<LocalServer & { readonly messages: TwilioMessage[]; readonly problems: string[] }> => {
  const messages: TwilioMessage[] = [];
  const problems: string[] = [];
  const error = (res: Parameters<Parameters<typeof startLocalServer>[0]>[1], f: TwilioFailure): void => {
    res.writeHead(f.status, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        code: f.code,
        message: f.message,
        more_info: `https://www.twilio.com/docs/errors/${f.code}`,
        status: f.status,
      }),
    );
  };
  const server = await startLocalServer((request, res) => {
    const refuse = (status: number, code: number, message: string): void => {
      problems.push(message);
      error(res, { status, code, message });
    };
    if (request.method !== 'POST' || request.url !== `/2010-04-01/Accounts/${account.sid}/Messages.json`)
      return refuse(404, 20404, `no route ${request.method} ${request.url}`);
    const expected = `Basic ${Buffer.from(`${account.sid}:${account.token}`).toString('base64')}`;
    if (request.headers['authorization'] !== expected)
      return refuse(401, 20003, 'Authentication Error - invalid username');
    if (request.headers['content-type'] !== 'application/x-www-form-urlencoded')
      return refuse(400, 21608, 'the body must be application/x-www-form-urlencoded');
    const form = new URLSearchParams(request.body);
    const to = form.get('To') ?? '';
    const from = form.get('From') ?? form.get('MessagingServiceSid') ?? '';
    const body = form.get('Body') ?? '';
    if (!E164.test(to)) return refuse(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    if (from === '') return refuse(400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required");
    if (body === '' || body.length > 1600)
      return refuse(400, 21617, 'The concatenated message body exceeds the 1600 character limit or is empty');
    const failure = failures.shift();
    if (failure !== undefined) return error(res, failure);
    const sid = `SM${String(messages.length + 1).padStart(32, '0')}`;
    messages.push({ sid, to, from, body });
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        sid,
        account_sid: account.sid,
        to,
        from,
        body,
        status: 'queued',
        num_segments: String(Math.ceil(body.length / 153)),
        direction: 'outbound-api',
        api_version: '2010-04-01',
        uri: `/2010-04-01/Accounts/${account.sid}/Messages/${sid}.json`,
      }),
    );
  });
  return { ...server, messages, problems };
};
