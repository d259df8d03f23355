import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import type { Clock } from '../../domain/clock.js';
import { isoNow } from '../../domain/clock.js';
import type { InboundMessage } from '../channel-message.js';
import { readEmail } from './read-email.js';

/** Where replies arrive: an SMTP server for the reply domain (its MX, or a relay's forward). */
export interface SmtpListenerOptions {
  readonly host: string;
  /** 0 for any free port. */
  readonly port: number;
  /** The domains mail is accepted for; any other recipient is refused (550). */
  readonly domains: readonly string[];
  /** The largest message accepted; 10 MiB by default (larger ones are refused with 552). */
  readonly maxBytes?: number;
  /** Key and certificate for STARTTLS; without them the listener speaks plain SMTP (a private network). */
  readonly tls?: { readonly key: Buffer; readonly cert: Buffer };
  readonly clock: Clock;
  /**
   * Takes each accepted message. The sender is told the mail was accepted only after it
   * resolves; if it throws, the sender is told to try again later (451), so nothing is lost.
   */
  readonly onMessage: (message: InboundMessage, raw: Buffer) => Promise<void>;
  /** Told of a message that could not be read or kept (with the sender's answer). */
  readonly onError?: (error: unknown) => void;
}

/** An SMTP reply code on an error, as smtp-server reads it. */
const refusal = (code: number, message: string): Error =>
  Object.assign(new Error(message), { responseCode: code });

const domainOf = (address: string): string => address.slice(address.lastIndexOf('@') + 1).toLowerCase();

const readAll = async (stream: SMTPServerDataStream): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

/**
 * Receives email over SMTP (smtp-server): recipients outside `domains` are refused at RCPT
 * (550), oversized messages at the end of DATA (552), each accepted message is read
 * (`readEmail`) and handed to `onMessage` before the sender hears 250. No authentication is
 * asked (this is where the world's mail servers deliver), so put it behind the domain's MX.
 */
export const startSmtpListener = async (
  options: SmtpListenerOptions,
): Promise<{ readonly port: number; close(): Promise<void> }> => {
  const domains = new Set(options.domains.map((d) => d.toLowerCase()));
  const server = new SMTPServer({
    name: domains.values().next().value ?? 'leadsift',
    banner: 'leadsift',
    logger: false,
    authOptional: true,
    disabledCommands: options.tls === undefined ? ['AUTH', 'STARTTLS'] : ['AUTH'],
    ...(options.tls === undefined ? {} : { key: options.tls.key, cert: options.tls.cert }),
    size: options.maxBytes ?? 10 * 1024 * 1024,
    onRcptTo: (address, _session, callback) => {
      if (domains.has(domainOf(address.address))) callback();
      else callback(refusal(550, `5.1.1 <${address.address}>: no such mailbox here`));
    },
    onData: (stream, _session, callback) => {
      void (async () => {
        const raw = await readAll(stream);
        if (stream.sizeExceeded) throw refusal(552, '5.3.4 message too large');
        const message = await readEmail(raw, isoNow(options.clock));
        await options.onMessage(message, raw);
      })().then(
        () => callback(),
        (error: unknown) => {
          options.onError?.(error);
          const code = (error as { responseCode?: unknown }).responseCode;
          callback(
            typeof code === 'number'
              ? (error as Error)
              : refusal(451, '4.3.0 could not take the message now; try again later'),
          );
        },
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  server.on('error', (error) => options.onError?.(error));
  const { port } = server.server.address() as AddressInfo;
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
};
