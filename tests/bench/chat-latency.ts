/**
 * Chat latency: a customer's message -> visible in the console, measured as far as the connector's
 * `sources:records` event (what the renderer ingests). 200 messages, one at a time, against the
 * lab's Prosody. Baseline in the same run: the same message reaching a bare XMPP client of the team
 * account (server routing + network), so the figure printed is also a ratio to that.
 *
 *   node --import tsx tests/bench/chat-latency.ts [count=200]
 *
 * Prints p50/p95 (ms) for the connector and the baseline, and one JSON line for the bench suite.
 */
import { performance } from 'node:perf_hooks';
import type { Element } from '@xmpp/xml';
import { ensureLab } from '../lab/env';
import { console_, LabClient, uid } from '../integration/chat/chat-lab';

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

function guard<T>(p: Promise<T>, what: string, ms = 10_000): Promise<T> {
  let t: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<never>((_, reject) => (t = setTimeout(() => reject(new Error(`timed out: ${what}`)), ms)))]).finally(() => clearTimeout(t));
}

async function main() {
  const count = Number(process.argv[2] ?? 200);
  ensureLab(['xmpp']);
  const run = uid();
  const { connector, rec } = console_(`bench-${run}`);
  const customer = new LabClient('customer', `bench-${run}`);
  const baseline = new LabClient('support', `bench-raw-${run}`);
  await Promise.all([connector.start(), customer.start(), baseline.start(1)]);

  const sentAt = new Map<string, number>();
  const consoleMs: number[] = [];
  const baselineMs: number[] = [];
  const pending = new Map<string, { console?: true; raw?: true; done: () => void }>();
  const settle = (body: string, who: 'console' | 'raw', t: number) => {
    const start = sentAt.get(body);
    const p = pending.get(body);
    if (start === undefined || !p || p[who]) return;
    p[who] = true;
    (who === 'console' ? consoleMs : baselineMs).push(t - start);
    if (p.console && p.raw) p.done();
  };
  const origPush = rec.push.bind(rec);
  rec.push = (e) => {
    const t = performance.now();
    if (e.event === 'sources:records') for (const r of e.payload.records) if (r.type === 'chat') settle(r.body, 'console', t);
    origPush(e);
  };
  baseline.client.entity.on('stanza', (s: Element) => {
    const body = s.is('message') ? s.getChildText('body') : null;
    if (body) settle(body, 'raw', performance.now());
  });

  // Warm-up (JIT, TLS session state), not counted.
  for (let i = 0; i < 10; i++) {
    const body = `warm ${run} ${i}`;
    const done = new Promise<void>((resolve) => pending.set(body, { done: resolve }));
    sentAt.set(body, performance.now());
    await customer.say(body);
    await guard(done, body);
  }
  consoleMs.length = 0;
  baselineMs.length = 0;

  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    const body = `bench ${run} ${i}`;
    const done = new Promise<void>((resolve) => pending.set(body, { done: resolve }));
    sentAt.set(body, performance.now());
    await customer.say(body);
    await guard(done, body);
  }
  const total = performance.now() - t0;

  await Promise.all([connector.stop(), customer.stop(), baseline.stop()]);
  const c = [...consoleMs].sort((a, b) => a - b);
  const b = [...baselineMs].sort((a, b2) => a - b2);
  const fmt = (n: number) => n.toFixed(2);
  const result = {
    bench: 'chat-latency',
    messages: count,
    consoleP50Ms: +fmt(percentile(c, 50)),
    consoleP95Ms: +fmt(percentile(c, 95)),
    baselineP50Ms: +fmt(percentile(b, 50)),
    baselineP95Ms: +fmt(percentile(b, 95)),
    ratioP50: +(percentile(c, 50) / percentile(b, 50)).toFixed(2),
    ratioP95: +(percentile(c, 95) / percentile(b, 95)).toFixed(2),
    totalMs: Math.round(total),
  };
  console.log(`chat latency, customer message -> sources:records, ${count} messages one at a time`);
  console.log(`  console : p50 ${fmt(percentile(c, 50))} ms  p95 ${fmt(percentile(c, 95))} ms  (max ${fmt(c[c.length - 1] ?? NaN)} ms)`);
  console.log(`  baseline: p50 ${fmt(percentile(b, 50))} ms  p95 ${fmt(percentile(b, 95))} ms  (bare XMPP client of the team account)`);
  console.log(`  ratio   : p50 x${result.ratioP50}  p95 x${result.ratioP95}`);
  console.log(JSON.stringify(result));
  process.exit(0);
}

main().catch((e) => {
  console.error('chat-latency failed:', e);
  process.exit(1);
});
