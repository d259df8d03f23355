import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../domain/app-error.js';
import { loadChannelsConfig, parseChannelsConfig, resolveChannelSecrets } from './channels-config.js';

const example = fileURLToPath(new URL('../../examples/conversations.yaml', import.meta.url));

const problem = (text: string): string => {
  try {
    parseChannelsConfig(text, 'conversations.yaml');
  } catch (error) {
    if (isAppError(error, 'CONFIG_INVALID')) return error.message;
    throw error;
  }
  throw new Error('the file was accepted');
};

describe('the conversations file', () => {
  it('reads the shipped example, with defaults filled in', async () => {
    const config = await loadChannelsConfig(example);
    expect(config).toMatchObject({
      timeZone: 'Europe/Berlin',
      openOn: ['needs_info'],
      firstChannel: 'email',
      email: { smtp: { port: 587, secure: false, verifyTls: true, timeoutMs: 30_000 } },
      limits: { quietHours: { from: '20:00', to: '08:00' }, agentOpensPerHour: 100 },
    });
    expect(config.chat.sites[0]?.key).toBe('acme_site_public');
  });

  it('names the line and field of each problem', () => {
    expect(problem('timeZone: Mars/Olympus\n')).toMatch(/conversations\.yaml:1.*timeZone.*IANA time zone/);
    expect(problem('limits:\n  quietHours: { from: "8pm", to: "08:00" }\n')).toMatch(
      /:2.*limits\.quietHours\.from.*HH:MM/,
    );
    expect(problem('firstChannel: sms\n')).toMatch(/firstChannel.*no sms section/);
    expect(problem('chat:\n  sites:\n    - { key: short, name: A }\n')).toMatch(/:3.*chat\.sites\[0\]\.key/);
    expect(problem('emial: {}\n')).toMatch(/emial/);
  });

  it('reads the secrets it names from the environment, naming every one that is unset', async () => {
    const config = await loadChannelsConfig(example);
    expect(
      resolveChannelSecrets(config, {
        LEADSIFT_SMTP_PASSWORD: 'p',
        LEADSIFT_INBOUND_EMAIL_TOKEN: 't',
        LEADSIFT_UNSUBSCRIBE_KEY: 'k',
      }),
    ).toEqual({ smtpPassword: 'p', emailWebhookToken: 't', unsubscribeSecret: 'k' });
    let message = '';
    try {
      resolveChannelSecrets(config, {});
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(
      /LEADSIFT_SMTP_PASSWORD \(email\.smtp\.passwordEnv\), LEADSIFT_INBOUND_EMAIL_TOKEN/,
    );
  });
});
