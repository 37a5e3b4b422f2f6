// The console's queue on the running app (issue 21): a village clerk's queue of at least 1,000 tickets,
// timed from navigation to a usable page (rows and status counts drawn), and Lighthouse's performance
// score for it (desktop preset, simulated throttling). Needs ./run.sh --Auth:DevelopmentTokens=true
// (the 1,000 tickets are imported as admin through /dev/token) and Debian's chromium.
// Usage: node bench/console/queue.mjs [base-url] [user] [password]   (password: $PARTYGRID_DEMO_PASSWORD)
import fs from 'node:fs';
import path from 'node:path';
import lighthouse from 'lighthouse';
import desktop from 'lighthouse/core/config/desktop-config.js';
import puppeteer from 'puppeteer-core';

const base = process.argv[2] ?? 'http://localhost:5080';
const user = process.argv[3] ?? 'demo-clerk';
const password = process.argv[4] ?? process.env.PARTYGRID_DEMO_PASSWORD;
const rounds = 7;
if (!password) throw new Error('The demo password: the third argument or PARTYGRID_DEMO_PASSWORD (the dashboard shows the demo-password parameter).');

async function api(method, url, token, body) {
  const response = await fetch(base + url, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

const browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--remote-debugging-port=9333'] });
const page = await browser.newPage();
await page.setViewport({ width: 1350, height: 940 });
await page.goto(`${base}/tickets`);
await page.waitForSelector('[data-testid="login-user-name"]');
await page.type('[data-testid="login-user-name"]', user);
await page.type('[data-testid="login-password"]', password);
await Promise.all([page.waitForNavigation(), page.click('[data-testid="login-submit"]')]);
await page.waitForSelector('[data-testid="signed-in-as"]');
const home = await page.evaluate(() => {
  const key = Object.keys(sessionStorage).find((k) => k.startsWith('oidc.user:'));
  return JSON.parse(sessionStorage.getItem(key)).profile.org;
});

// A thousand finished tickets in the clerk's village (once: the register is keyed by reference).
const admin = (await api('POST', '/dev/token', null, { sub: 'bench', name: 'bench', orgId: home, roles: ['admin'] })).accessToken;
const village = await api('GET', `/api/v1/organisations/${home}`, admin);
const rows = Array.from({ length: 1000 }, (_, i) => ({
  externalRef: `BENCH-QUEUE-${village.code}-${i}`, intakeOrgCode: village.code, category: 'consultation', item: 'policy-advice',
  title: `政策咨询 ${i}`, submittedAt: `2026-10-${String(1 + (i % 28)).padStart(2, '0')} 09:${String(i % 60).padStart(2, '0')}`,
  resolvedAt: `2026-10-${String(1 + (i % 28)).padStart(2, '0')} 16:00`,
}));
const imported = await api('POST', '/api/v1/tickets/import', admin, { tickets: rows });

// Navigation to rows and counts on screen, warm (the second visit onwards: assets cached, as clerks work).
const timings = [];
for (let i = 0; i < rounds; i++) {
  await page.goto(`${base}/`, { waitUntil: 'networkidle0' });
  const start = Date.now();
  await page.goto(`${base}/tickets`);
  await page.waitForSelector('[data-testid^="ticket-link-"]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid^="ticket-link-"]').length >= 20);
  await page.waitForSelector('[data-testid="status-counts"] [data-testid^="count-"]');
  timings.push(Date.now() - start);
}
timings.sort((a, b) => a - b);
const median = timings[Math.floor(rounds / 2)];

// Lighthouse three times (its score moves with the machine's load; the app runs on the same two cores),
// each from another page of the console, retrying a run whose trace failed; the median is the figure.
const runs = [];
for (let attempt = 0; runs.length < 3 && attempt < 8; attempt++) {
  await page.goto(`${base}/assessment`, { waitUntil: 'networkidle0' });
  const result = await lighthouse(`${base}/tickets`, { disableStorageReset: true, onlyCategories: ['performance'] }, desktop, page);
  if (result.lhr.runtimeError) console.error('Lighthouse:', result.lhr.runtimeError.code, '(run again)');
  else runs.push(result.lhr);
}
runs.sort((a, b) => a.categories.performance.score - b.categories.performance.score);
const lhr = runs[Math.floor(runs.length / 2)];
const audits = lhr.audits;
const score = Math.round(lhr.categories.performance.score * 100);
const scores = runs.map((r) => Math.round(r.categories.performance.score * 100));
const blocking = (audits['long-tasks']?.details?.items ?? []).slice(0, 3).map((i) => `${i.url?.split('/').pop() ?? '?'} ${Math.round(i.duration)} ms`);
await browser.close();

const day = new Date().toISOString().slice(0, 10);
const report = `# Console queue, ${day}

- user: ${user}; tickets imported for the bench: ${imported.imported} new, ${imported.alreadyImported} already there
- queue ready (rows and status counts drawn), warm, ${rounds} rounds: median **${median} ms**, all: ${timings.join(', ')} ms (goal ≤ 1500 ms)
- Lighthouse 12.2.3 performance (desktop preset, simulated throttling), median of ${scores.join(', ')}: **${score}** (goal ≥ 90); median run: FCP ${audits['first-contentful-paint'].displayValue}, LCP ${audits['largest-contentful-paint'].displayValue}, TBT ${audits['total-blocking-time'].displayValue}, CLS ${audits['cumulative-layout-shift'].displayValue}, SI ${audits['speed-index'].displayValue}
- longest tasks: ${blocking.join('; ') || 'none'}
`;
const out = path.resolve(import.meta.dirname, '..', 'results', `${day}-vm-console.md`);
fs.writeFileSync(out, report);
console.log(report);
process.exit(median <= 1500 && score >= 90 ? 0 : 1);
