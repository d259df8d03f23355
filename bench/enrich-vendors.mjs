// Four stand-in enrichment vendors for bench/enrich.mjs, each a real HTTP server on its own
// port answering JSON after a fixed latency, with partial coverage decided by a hash of the
// domain (so the same domain always gets the same answer). Prints the ports as JSON, then serves
// until killed.
import { createServer } from 'node:http';
import { setTimeout } from 'node:timers';
import { URL } from 'node:url';

const LATENCY_MS = Number(process.argv[2] ?? 50);

const hash = (text, salt) => {
  let h = 2166136261 ^ salt;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0) / 4294967296;
};

const INDUSTRIES = ['Software', 'Banking', 'Retail', 'Healthcare', 'Manufacturing', 'Education'];
const COUNTRIES = ['US', 'DE', 'FR', 'GB', 'IN', 'BR'];
const VENDORS = [
  {
    coverage: 0.5,
    answer: (d, r) => ({
      company: { industry: INDUSTRIES[Math.floor(r * 6)], employees: 10 + Math.floor(r * 5000) },
    }),
  },
  {
    coverage: 0.6,
    answer: (d, r) => ({
      data: {
        sector: INDUSTRIES[Math.floor(r * 6)],
        revenue: Math.floor(r * 1e9),
        country: COUNTRIES[Math.floor(r * 6)],
      },
    }),
  },
  {
    coverage: 0.5,
    answer: (d, r) => ({
      org: {
        headcount: 10 + Math.floor(r * 900),
        tech: ['Stripe', 'HubSpot'].slice(0, 1 + Math.floor(r * 2)),
      },
    }),
  },
  {
    coverage: 0.7,
    answer: (d, r) => ({ city: ['Berlin', 'Austin', 'Lyon'][Math.floor(r * 3)], about: `About ${d}` }),
  },
];

const ports = await Promise.all(
  VENDORS.map(
    (v, k) =>
      new Promise((resolve) => {
        const server = createServer((req, res) => {
          const domain = new URL(req.url ?? '/', 'http://x').searchParams.get('domain') ?? '';
          setTimeout(() => {
            const r = hash(domain, k + 1);
            if (r > v.coverage) {
              res.writeHead(404).end();
              return;
            }
            res
              .writeHead(200, { 'content-type': 'application/json' })
              .end(JSON.stringify(v.answer(domain, r / v.coverage)));
          }, LATENCY_MS);
        });
        server.keepAliveTimeout = 60_000;
        server.listen(0, '127.0.0.1', () => resolve(server.address().port));
      }),
  ),
);
console.log(JSON.stringify(ports));
