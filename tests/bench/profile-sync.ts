/**
 * Where does the initial email sync spend its time? `npx tsx tests/bench/profile-sync.ts [--messages 2000]`
 * Runs the same path as the sync bench (connector in the host -> binding -> sync runner -> ingest ->
 * IndexedDB) on a smaller folder, with a CPU profile of the page (CDP), and prints the renderer's
 * heaviest functions by self time, the time inside `sources:pull` in main, and the rate.
 * A diagnostic for developers: not part of `npm run bench`'s table.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { ensureLab } from '../lab/env';
import { buildWeb, startServer, waitForRows } from './browser';
import { ensureBenchMail } from './mail-data';
import { openSyncApp } from './sync-bench';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const log = (s: string) => console.log(s);

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] }

async function main() {
  const n = arg('messages', 2000);
  ensureLab(['mail']);
  buildWeb(log, process.argv.includes('--reuse-build'));
  const data = ensureBenchMail(n, log);
  const server = await startServer();
  const { app, timing } = await openSyncApp(server, data.folder);
  try {
    const cdp = await app.context.newCDPSession(app.page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await cdp.send('Profiler.start');
    // Page-side timers: how long the page waits for each IPC call, and how long each read-write
    // IndexedDB transaction lives (created -> complete).
    await app.page.addInitScript(() => {
      const w = window as unknown as { __sbInvoke(c: string, p: unknown): Promise<unknown>; __t: Record<string, number[]> };
      w.__t = { invoke: [], rw: [] };
      const invoke = w.__sbInvoke;
      w.__sbInvoke = async (c, p) => {
        const t = performance.now();
        try {
          return await invoke(c, p);
        } finally {
          if (c === 'sources:pull') w.__t['invoke']!.push(performance.now() - t);
        }
      };
      const tx = IDBDatabase.prototype.transaction;
      IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<typeof tx>) {
        const t = tx.apply(this, args);
        if (args[1] === 'readwrite') {
          const start = performance.now();
          t.addEventListener('complete', () => w.__t['rw']!.push(performance.now() - start));
        }
        return t;
      } as typeof tx;
    });
    await app.page.goto(app.url);
    const done = await waitForRows(app.page, 'interactions', n);
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number } };
    const file = join(tmpdir(), `sync-${n}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    const { first, mainMs, pulls } = timing();
    const seconds = (done - first) / 1000;
    log(`${n} messages in ${seconds.toFixed(2)} s = ${(n / seconds).toFixed(0)} msg/s; ${pulls} pulls, ${(mainMs / 1000).toFixed(2)} s inside sources:pull in main`);
    const timers = await app.page.evaluate(() => (window as unknown as { __t: Record<string, number[]> }).__t);
    const sum = (l: number[]) => l.reduce((a, b) => a + b, 0);
    log(`page waited ${(sum(timers['invoke']!) / 1000).toFixed(2)} s for ${timers['invoke']!.length} pulls; ${timers['rw']!.length} read-write transactions lived ${(sum(timers['rw']!) / 1000).toFixed(2)} s (longest ${(Math.max(0, ...timers['rw']!) / 1000).toFixed(2)} s)`);
    // Self time per function (sampled), heaviest first.
    const byId = new Map(profile.nodes.map((nd) => [nd.id, nd]));
    const self = new Map<string, number>();
    profile.samples.forEach((id, i) => {
      const nd = byId.get(id)!;
      const f = nd.callFrame;
      const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
    const total = (profile.endTime - profile.startTime) / 1000;
    log(`page profile: ${total.toFixed(0)} ms wall (written to ${file}); self time, heaviest first:`);
    for (const [k, ms] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) log(`  ${ms.toFixed(0).padStart(7)} ms  ${(100 * ms / total).toFixed(1).padStart(5)} %  ${k}`);
  } finally {
    await app.dispose();
    await server.close();
  }
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
