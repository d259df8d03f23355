import { callVendor, stringAt, type VendorAnswer, type VendorContext } from '../call-vendor.js';

/** An access token and the instance its API calls go to. */
export interface SalesforceSession {
  readonly accessToken: string;
  readonly instanceUrl: string;
}

/** The OAuth error body: `{ error, error_description }`. */
export const oauthMessage = (json: unknown): string | undefined => {
  const error = stringAt(json, 'error');
  const description = stringAt(json, 'error_description');
  return error === undefined ? undefined : description === undefined ? error : `${error}: ${description}`;
};

/**
 * Gets a token with the OAuth 2.0 client credentials flow: a form-encoded
 * `grant_type=client_credentials` with the external client app's consumer key and secret,
 * posted to `{loginUrl}/services/oauth2/token` (the org's My Domain URL). A refused client
 * (400 invalid_client) fails; an answer without a token or instance URL fails too.
 */
export const fetchSalesforceSession = async (
  credentials: { loginUrl: string; clientId: string; clientSecret: string; userAgent: string },
  context: VendorContext,
): Promise<SalesforceSession | Extract<VendorAnswer, { ok: false }>> => {
  const answer = await callVendor(
    {
      what: 'Salesforce token request',
      method: 'POST',
      url: `${credentials.loginUrl.replace(/\/+$/, '')}/services/oauth2/token`,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
        'user-agent': credentials.userAgent,
      },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: credentials.clientId,
        client_secret: credentials.clientSecret,
      }).toString(),
    },
    { ...context, messageOf: oauthMessage },
  );
  if (!answer.ok) return answer;
  const accessToken = stringAt(answer.json, 'access_token');
  const instanceUrl = stringAt(answer.json, 'instance_url');
  if (accessToken === undefined || instanceUrl === undefined)
    return {
      ok: false,
      outcome: 'failed',
      status: answer.status,
      error: 'Salesforce token request answered without access_token and instance_url',
    };
  return { accessToken, instanceUrl: instanceUrl.replace(/\/+$/, '') };
};
