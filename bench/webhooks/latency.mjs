// Webhook delivery latency (issue 22): from a ticket's change (the accept, stamped by the tickets
// service) to the request arriving at a receiver on 127.0.0.1, at a steady rate, open loop.
// Needs ./run.sh --Auth:DevelopmentTokens=true --Webhooks:AllowPrivateTargets=true
// Usage: node bench/webhooks/latency.mjs [base-url] [tickets-per-second] [seconds]
import http from 'node:http';
import crypto from 'node:crypto';

const base = process.argv[2] ?? 'http://localhost:5080';
const rate = Number(process.argv[3] ?? 5);
const seconds = Number(process.argv[4] ?? 60);
const anyOrg = '00000000-0000-0000-0000-000000000001';

async function call(method, url, { token, key, body } = {}) {
  const response = await fetch(base + url, {
    method,
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(key ? { 'X-Api-Key': key } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

async function ok(method, url, options) {
  const { status, body } = await call(method, url, options);
  if (status >= 300) throw new Error(`${method} ${url}: ${status} ${JSON.stringify(body)}`);
  return body;
}

const token = async (orgId, roles) => (await ok('POST', '/dev/token', { body: { sub: 'bench', name: 'bench', orgId, roles } })).accessToken;
const until = async (probe, what) => {
  for (let i = 0; i < 600; i++) {
    const value = await probe();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: not in time`);
};

// A county, township and village of its own, a partner key at the township, a subscription.
const admin = await token(anyOrg, ['admin']);
const code = () => `BWH-${crypto.randomUUID().slice(0, 12)}`;
const county = await ok('POST', '/api/v1/organisations', { token: admin, body: { code: code(), name: '基准县', tier: 'county', area: 'rural', kind: 'committee' } });
const township = await ok('POST', '/api/v1/organisations', { token: admin, body: { code: code(), name: '基准镇', tier: 'township', area: 'rural', kind: 'committee', parentId: county.id } });
const village = await ok('POST', '/api/v1/organisations', { token: admin, body: { code: code(), name: '基准村', tier: 'village', area: 'rural', kind: 'branch', parentId: township.id } });
const { key } = await until(async () => {
  const r = await call('POST', '/api/v1/api-keys', { token: admin, body: { name: '基准', orgId: township.id, scopes: ['tickets:write', 'tickets:read'], requestsPerMinute: 100000 } });
  return r.status === 201 ? r.body : null;
}, 'the key');

const arrivals = [];
const receiver = http.createServer((request, response) => {
  const at = Date.now();
  let body = '';
  request.on('data', (c) => (body += c));
  request.on('end', () => {
    arrivals.push({ at, event: JSON.parse(body) });
    response.writeHead(204).end();
  });
});
await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${receiver.address().port}/hook`;
await ok('POST', '/api/v1/webhooks', { key, body: { url, eventTypes: ['ticket.accepted'] } });

const staff = await token(village.id, ['staff']);
const ticket = (n) => ({
  intakeOrgId: village.id, category: 'consultation', item: 'policy-advice', title: `基准咨询 ${n}`, description: '基准测试',
  requester: { name: '基准', phone: '13900000000' }, channel: 'partner',
});
await until(async () => (await call('POST', '/api/v1/tickets', { key, body: ticket(-1) })).status === 201, 'the village in the tickets projection');

// Open loop: one ticket submitted and accepted every 1/rate s, whatever the answers' pace.
const total = rate * seconds;
const work = [];
const started = Date.now();
for (let n = 0; n < total; n++) {
  const due = started + (n * 1000) / rate;
  await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now())));
  work.push(ok('POST', '/api/v1/tickets', { key, body: ticket(n) }).then((t) => ok('POST', `/api/v1/tickets/${t.id}/accept`, { token: staff, body: {} })));
}

await Promise.all(work);
await until(async () => arrivals.length >= total, 'every delivery');
receiver.close();
const latencies = arrivals.map((a) => a.at - Date.parse(a.event.timestamp)).sort((a, b) => a - b);
const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
console.log(JSON.stringify({ rate, seconds, deliveries: latencies.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: latencies.at(-1) }));
