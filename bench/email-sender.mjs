// Benchmark: the product's email sender (`createEmailSender`, what campaigns and the agent send
// through) sending N messages one after another to a local SMTP server (the project's
// `startSmtpListener`), in messages/s. Measures the connection handling, not the relay.
//
//   node bench/email-sender.mjs            # 200 messages
//   node bench/email-sender.mjs 1000
//   LEADSIFT_DIST=bench/out/dist-before node bench/email-sender.mjs   # another build
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = process.env.LEADSIFT_DIST ?? join(root, 'dist');
const { createEmailSender } = await import(join(dist, 'channels/email/send-email.js'));
const { startSmtpListener } = await import(join(dist, 'channels/email/smtp-listener.js'));
const { systemClock } = await import(join(dist, 'domain/clock.js'));

const messages = Number(process.argv[2] ?? 200);
let received = 0;
const listener = await startSmtpListener({
  host: '127.0.0.1',
  port: 0,
  domains: ['prospect.example'],
  clock: systemClock,
  onMessage: async () => {
    received += 1;
  },
});
let ids = 0;
const sender = createEmailSender(
  {
    host: '127.0.0.1',
    port: listener.port,
    from: 'Dana <dana@acme.example>',
    messageIdDomain: 'acme.example',
    verifyTls: false,
  },
  { clock: systemClock, newId: () => `bench-${++ids}` },
);
const started = process.hrtime.bigint();
for (let i = 0; i < messages; i++)
  await sender.send({
    channel: 'email',
    to: `p${i}@prospect.example`,
    subject: 'Hello',
    text: 'A short note.',
  });
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
sender.close();
await listener.close();
console.log(
  JSON.stringify({
    dist,
    messages,
    received,
    seconds: Number(seconds.toFixed(2)),
    perSecond: Math.round(messages / seconds),
  }),
);
