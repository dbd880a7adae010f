import { readFileSync } from 'node:fs';

/**
 * `tsx scripts/cpuprofile-summary.ts <file.cpuprofile> [rows]`: where a CPU profile's time went,
 * by function: self time, and inclusive time (each function counted once per sample). For the
 * profiles `BENCH_PROFILE=dir npm run bench:ui` writes (page.cpuprofile, worker.cpuprofile); build
 * with `npx vite build --minify false` first for readable names.
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const [file, rowsArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: tsx scripts/cpuprofile-summary.ts <file.cpuprofile> [rows]');
  process.exit(2);
}
const rows = Number(rowsArg) || 30;
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const name = (n: ProfileNode) =>
  `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;

const selfMs = new Map<string, number>();
const inclusiveMs = new Map<string, number>();
profile.samples.forEach((id, i) => {
  const ms = (profile.timeDeltas[i] ?? 0) / 1000;
  const node = byId.get(id);
  if (!node) return;
  selfMs.set(name(node), (selfMs.get(name(node)) ?? 0) + ms);
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const k = name(byId.get(at) as ProfileNode);
    if (seen.has(k)) continue;
    seen.add(k);
    inclusiveMs.set(k, (inclusiveMs.get(k) ?? 0) + ms);
  }
});

const top = (m: Map<string, number>) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, rows)
    .map(([k, v]) => `${v.toFixed(0).padStart(8)} ms  ${k}`)
    .join('\n');
console.log(`${((profile.endTime - profile.startTime) / 1000).toFixed(0)} ms profiled`);
console.log(`-- self\n${top(selfMs)}\n-- inclusive\n${top(inclusiveMs)}`);
