// Prints the top self-time entries of a V8 .cpuprofile (node --cpu-prof): `node bench/profile-top.mjs FILE [N]`,
// each as function, file:line (node_modules folded to the package) and share of samples; then shares by package.
import { readFileSync } from 'node:fs';

const [file, n = '10'] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const self = new Map();
const dt = new Map();
for (let i = 0; i < profile.samples.length; i++) dt.set(profile.samples[i], (dt.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
let total = 0;
const byPackage = new Map();
const packageOf = (url) => {
  if (!url) return '(native)';
  const m = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (m) return m[1];
  if (url.startsWith('node:')) return 'node';
  const w = url.match(/hotpath\/([^/]+)/);
  return w ? `hub:${w[1]}` : url;
};
for (const node of profile.nodes) {
  const t = dt.get(node.id) ?? 0;
  total += t;
  const f = node.callFrame;
  const key = `${f.functionName || '(anonymous)'} ${f.url ? `${f.url.replace(/^.*node_modules\//, '').replace(/^.*hotpath\//, '')}:${f.lineNumber + 1}` : ''}`;
  self.set(key, (self.get(key) ?? 0) + t);
  const p = packageOf(f.url);
  byPackage.set(p, (byPackage.get(p) ?? 0) + t);
}
const pct = (t) => `${((100 * t) / total).toFixed(1).padStart(5)}%`;
for (const [k, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(n))) console.log(`${pct(t)}  ${k}`);
console.log('--- by package');
for (const [k, t] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 14)) console.log(`${pct(t)}  ${k}`);
