import type { ChannelRuntime } from '../channels/converse/channel-runtime.js';
import { CONVERSE_JOB } from '../channels/converse/converse-deps.js';
import type { ConversePayload } from '../channels/converse/run-converse-job.js';
import { startSmtpListener } from '../channels/email/smtp-listener.js';

/**
 * Starts the SMTP listener a conversations file asks for: each accepted reply is queued as a
 * `converse` job before the sender hears 250 (a failure to queue answers 451: the sender's
 * server tries again), so no reply is lost.
 */
export const startInboundSmtp = async (
  runtime: ChannelRuntime,
  onError?: (error: unknown) => void,
): Promise<{ readonly port: number; close(): Promise<void> } | undefined> => {
  const listener = runtime.deps.config.email?.listener;
  if (listener === undefined) return undefined;
  return startSmtpListener({
    host: listener.host,
    port: listener.port,
    domains: listener.domains,
    clock: runtime.deps.clock,
    onMessage: async (message) => {
      const payload: ConversePayload = { type: 'inbound', message };
      await runtime.deps.enqueue([{ kind: CONVERSE_JOB, payload }]);
      runtime.wake();
    },
    ...(onError === undefined ? {} : { onError }),
  });
};
