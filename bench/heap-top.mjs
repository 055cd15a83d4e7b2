// Top allocation sites of a sampling heap profile (bench/profile.ts with PROFILE_HEAP=FILE): `node bench/heap-top.mjs FILE [N]`.
import { readFileSync } from 'node:fs';

const [file, n = '25'] = process.argv.slice(2);
const { head } = JSON.parse(readFileSync(file, 'utf8'));
const sites = new Map();
let total = 0;
const walk = (node, stack) => {
  const f = node.callFrame;
  const here = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*node_modules\//, '').replace(/^.*hotpath\//, '')}:${f.lineNumber + 1}`;
  const self = node.selfSize;
  total += self;
  if (self) sites.set(here, (sites.get(here) ?? 0) + self);
  for (const c of node.children) walk(c, stack);
};
walk(head, []);
for (const [k, v] of [...sites].sort((a, b) => b[1] - a[1]).slice(0, Number(n))) console.log(`${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`);
