// The console's JavaScript budget (issue 21: initial JavaScript ≤ 300 KB gzipped), from the build's
// manifest: what a first visit to each page downloads before it can run — the entry, its static
// imports, the page's chunk and the page's static imports; lazily loaded parts (the ECharts trend)
// are reported apart. Usage: node bench/console-budget.mjs (after web/console/build.sh).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const dist = path.resolve(import.meta.dirname, '..', 'web', 'console', 'dist');
const manifest = JSON.parse(fs.readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8'));
const gz = (file) => zlib.gzipSync(fs.readFileSync(path.join(dist, file)), { level: 9 }).length;

function closure(keys, seen = new Set()) {
  for (const key of keys) {
    if (seen.has(key)) continue;
    seen.add(key);
    closure(manifest[key].imports ?? [], seen);
  }
  return seen;
}

const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
const pages = Object.keys(manifest).filter((k) => /src\/pages\/\w+Page\.vue$/.test(k));
const lazy = Object.keys(manifest).filter((k) => manifest[k].isDynamicEntry && !pages.includes(k));
const kb = (bytes) => (bytes / 1024).toFixed(1);
const budget = 300 * 1024;

console.log('| page | initial JS (gzip KB) | within 300 KB |');
console.log('|---|---|---|');
let worst = 0;
for (const page of pages) {
  const bytes = [...closure([entry, page])].reduce((sum, key) => sum + gz(manifest[key].file), 0);
  worst = Math.max(worst, bytes);
  console.log(`| ${path.basename(page, '.vue')} | ${kb(bytes)} | ${bytes <= budget ? 'yes' : 'NO'} |`);
}
for (const part of lazy) {
  console.log(`| (loaded when shown) ${path.basename(part, '.vue')} | ${kb(gz(manifest[part].file))} | — |`);
}
process.exitCode = worst <= budget ? 0 : 1;
