// Folds a dotnet-trace speedscope export (--profile dotnet-sampled-thread-time --format Speedscope)
// into where a process spent its CPU: the sampler marks a running thread's leaf as CPU_TIME, so only
// those samples count. Prints the methods that were on the CPU (self time) and, for one method named
// on the command line, the call paths into it.
//   node bench/profile/fold.mjs <file.speedscope.json> [method substring] [depth]
import { readFileSync } from 'node:fs';

const [file, target, depthArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/profile/fold.mjs <file.speedscope.json> [method substring] [depth]');
  process.exit(2);
}

const trace = JSON.parse(readFileSync(file, 'utf8'));
const frames = trace.shared.frames.map((f) => f.name);
const depth = Number(depthArg ?? 8);
const self = new Map();
const modules = new Map();
const paths = new Map();
let total = 0;
const add = (map, key, ms) => map.set(key, (map.get(key) ?? 0) + ms);
const short = (name) => name.split('(')[0].slice(-90);

for (const profile of trace.profiles) {
  const stack = [];
  let last = null;
  for (const event of profile.events) {
    if (last !== null && stack.length > 1 && frames[stack.at(-1)] === 'CPU_TIME') {
      const ms = event.at - last;
      const running = frames[stack.at(-2)];
      total += ms;
      add(self, running, ms);
      add(modules, running.split('!')[0], ms);
      if (target) {
        const names = stack.map((i) => frames[i]);
        const at = names.findIndex((n) => n.includes(target));
        if (at >= 0) {
          add(paths, names.slice(Math.max(0, at - depth), at + 1).reverse().map(short).join(' <- '), ms);
        }
      }
    }

    last = event.at;
    if (event.type === 'O') stack.push(event.frame);
    else stack.pop();
  }
}

const top = (map, n) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n);
console.log(`on CPU: ${Math.round(total)} ms`);
console.log('\nby module');
for (const [name, ms] of top(modules, 20)) console.log(`${Math.round(ms).toString().padStart(8)}  ${name}`);
console.log('\nby method (self)');
for (const [name, ms] of top(self, 40)) console.log(`${Math.round(ms).toString().padStart(8)}  ${name.slice(0, 160)}`);
if (target) {
  console.log(`\npaths into ${target}`);
  for (const [path, ms] of top(paths, 10)) console.log(`${Math.round(ms).toString().padStart(8)}  ${path}\n`);
}
