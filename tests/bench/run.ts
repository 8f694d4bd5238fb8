/**
 * `npm run bench`: the benchmark suite. Builds its data, runs the real renderer in Chromium against
 * the lab's real servers, prints ONE table (metric, value, baseline, ratio, target, met?) and
 * writes it as JSON to bench-results/bench.json. Every figure sits beside a baseline measured in
 * the same run, because these machines are noisy. No assertions: it reports.
 *
 *   npm run bench                      20,000 messages; workspace 10,000 customers / 100,000 items
 *   npm run bench -- --large           100,000 messages
 *   npm run bench -- --only=sync,realtime   sections: sync, workspace, realtime
 *   npm run bench -- --reuse-build     skip the renderer build when one is there
 *   npm run bench -- --workspace=1000:10000  customers:interactions (smaller, faster)
 *
 * Search: tests/bench/search-bench.ts (the search engineer's standalone bench: its own workspace of
 * the same size, 50 queries with and without a filter, a linear scan as baseline) runs as a child
 * process; its rows are read back from bench-results/search.json and join the table.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { ensureLab } from '../lab/env';
import { REPO_ROOT } from '../host/test-host';
import { hasMbsync, imapflowFetch, mbsyncPull } from './baselines';
import { buildWeb, startServer } from './browser';
import { ensureBenchMail } from './mail-data';
import { chatLatency, chatPushBench, emailPushBench } from './realtime-bench';
import { appSync } from './sync-bench';
import { formatTable, resolveRow, type BenchRow } from './table';
import { demoHeapBaseline, workspaceBench } from './workspace-bench';

interface Args {
  large: boolean;
  only: Set<string>;
  reuseBuild: boolean;
  customers: number;
  interactions: number;
}

function parseArgs(argv: string[]): Args {
  const get = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const ws = (get('workspace') ?? '10000:100000').split(':').map(Number);
  const only = new Set((get('only') ?? 'sync,workspace,realtime').split(',').filter(Boolean));
  for (const s of only) if (!['sync', 'workspace', 'realtime'].includes(s)) throw new Error(`--only: unknown section "${s}" (sync, workspace, realtime)`);
  if (ws.length !== 2 || ws.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error('--workspace=CUSTOMERS:INTERACTIONS, two positive integers');
  return { large: argv.includes('--large'), only, reuseBuild: argv.includes('--reuse-build'), customers: ws[0]!, interactions: ws[1]! };
}

const log = (line: string) => console.log(line);
const failed = (metric: string, unit: string, e: unknown): BenchRow => ({ metric, unit, note: `failed: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 80)}` });

/** Runs tests/bench/search-bench.ts at the workspace size and returns its latency rows (with the scan baseline). */
function searchBench(customers: number, interactions: number): Promise<BenchRow[]> {
  const script = join(REPO_ROOT, 'tests', 'bench', 'search-bench.ts');
  if (!existsSync(script)) return Promise.resolve([{ metric: 'search p95 (50 queries)', unit: 'ms', note: 'not run: tests/bench/search-bench.ts missing' }]);
  const out = join(REPO_ROOT, 'bench-results', 'search.json');
  rmSync(out, { force: true });
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', script, '--interactions', String(interactions), '--customers', String(customers)],
      { cwd: REPO_ROOT, timeout: 900_000, maxBuffer: 64 * 1024 * 1024 },
      (err, _stdout, stderr) => {
        if (!existsSync(out)) {
          resolve([{ metric: 'search (50 queries)', unit: 'ms', note: `failed: ${(err?.message ?? stderr.slice(-200)).split('\n')[0]!.slice(0, 80)}` }]);
          return;
        }
        const rows = (JSON.parse(readFileSync(out, 'utf8')) as { rows: BenchRow[] }).rows;
        // The latency rows (with and without a filter, and against the linear scan); the rest stays in search.json.
        resolve(rows.filter((r) => /^search p(50|95)|^ {2}\+ filter, same/.test(r.metric)));
      },
    );
  });
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const rows: BenchRow[] = [];
  const details: Record<string, unknown> = {};
  log(`Switchboard bench: ${[...args.only].join(', ')}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores`);
  ensureLab(['mail', 'xmpp']);
  buildWeb(log, args.reuseBuild);
  const server = await startServer();

  try {
    // ---- 1. initial email sync ------------------------------------------------------------------
    if (args.only.has('sync')) {
      const n = args.large ? 100_000 : 20_000;
      const metric = `initial email sync, ${n.toLocaleString('en-US')} msgs`;
      try {
        const data = ensureBenchMail(n, (l) => log(`  ${l}`));
        const mbsync = hasMbsync() ? mbsyncPull(data.folder) : undefined;
        if (mbsync) log(`  mbsync -> tmpfs Maildir: ${mbsync.messages} msgs in ${mbsync.seconds.toFixed(2)} s`);
        const flow = await imapflowFetch(data.folder, { uid: true, flags: true, internalDate: true, source: true });
        log(`  imapflow FETCH BODY[]: ${flow.messages} msgs in ${flow.seconds.toFixed(2)} s`);
        const app = await appSync(server, data.folder, n);
        log(`  app -> IndexedDB: ${app.messages} msgs in ${app.seconds.toFixed(2)} s (${app.pulls} pulls, ${app.mainSeconds.toFixed(1)} s inside sources:pull in main)${app.partial ? ' -- stopped at the time limit' : ''}`);
        details.sync = { messages: n, mbsync, imapflow: flow, app };
        rows.push({
          metric,
          unit: 'msg/s',
          value: app.messages / app.seconds,
          baseline: mbsync ? mbsync.messages / mbsync.seconds : undefined,
          baselineLabel: 'mbsync -> tmpfs Maildir',
          target: { kind: 'min-baseline', factor: 1 },
          ...(app.partial ? { baselineLabel: `mbsync -> tmpfs Maildir; app stopped at ${app.messages} msgs` } : {}),
          ...(mbsync ? {} : { note: 'mbsync missing (apt package isync)' }),
        });
        rows.push({ metric: '  same, against a plain FETCH', unit: 'msg/s', value: app.messages / app.seconds, baseline: flow.messages / flow.seconds, baselineLabel: 'imapflow FETCH BODY[]' });
      } catch (e) {
        rows.push(failed(metric, 'msg/s', e));
      }
    }

    // ---- 2-5. large workspace: triage, open, search, cold start, heap ----------------------------
    if (args.only.has('workspace')) {
      const size = `${args.interactions.toLocaleString('en-US')} items`;
      try {
        const ws = await workspaceBench(server, {
          customers: args.customers,
          interactions: args.interactions,
          keyPresses: 100,
          opens: 30,
          log,
        });
        const heapBase = await demoHeapBaseline(server).catch(() => undefined);
        details.workspace = { ...ws, heapBaselineMb: heapBase, customers: args.customers, interactions: args.interactions };
        const floor = 'bare key -> frame';
        rows.push(
          { metric: `triage j/k p50 (${size})`, unit: 'ms', value: ws.triage.p50, baseline: ws.frameBaseline.p50, baselineLabel: floor },
          { metric: `triage j/k p95`, unit: 'ms', value: ws.triage.p95, baseline: ws.frameBaseline.p95, baselineLabel: floor, target: { kind: 'max', value: 16 } },
          ws.open.n
            ? { metric: 'open customer p50', unit: 'ms', value: ws.open.p50, baseline: ws.frameBaseline.p50, baselineLabel: floor }
            : { metric: 'open customer p50', unit: 'ms', note: 'failed: the timeline never showed the thread' },
          ...(ws.open.n ? [{ metric: 'open customer p95', unit: 'ms', value: ws.open.p95, baseline: ws.frameBaseline.p95, baselineLabel: floor, target: { kind: 'max', value: 50 } } as BenchRow] : []),
          { metric: 'cold start to interactive queue', unit: 'ms', value: ws.coldStartMs, baseline: ws.coldStartBaselineMs, baselineLabel: 'page load event', target: { kind: 'max', value: 1000 } },
          { metric: 'JS heap after scrolling the queue', unit: 'MB', value: ws.heapMb, baseline: heapBase, baselineLabel: 'demo workspace', target: { kind: 'max', value: 300 } },
        );
        if (Number.isFinite(ws.loadSeconds)) rows.push({ metric: '  (workspace ingest when built)', unit: 'items/s', value: args.interactions / ws.loadSeconds });
      } catch (e) {
        rows.push(failed(`large workspace (${size})`, '', e));
      }
      log('  search: running tests/bench/search-bench.ts');
      rows.push(...(await searchBench(args.customers, args.interactions)));
    }

    // ---- 6. real time ---------------------------------------------------------------------------
    if (args.only.has('realtime')) {
      /** p50 and p95 rows of one real-time figure beside its baseline; the target on p95. */
      const latency = (metric: string, app: { p50: number; p95: number }, base: { p50: number; p95: number }, baselineLabel: string, targetMs?: number): BenchRow[] => [
        { metric: `${metric} p50`, unit: 'ms', value: app.p50, baseline: base.p50, baselineLabel },
        { metric: `${metric} p95`, unit: 'ms', value: app.p95, baseline: base.p95, baselineLabel, ...(targetMs ? { target: { kind: 'max' as const, value: targetMs } } : {}) },
      ];
      try {
        const push = await emailPushBench(server, 30, log);
        details.emailPush = push;
        rows.push(...latency('email push SMTP -> visible', push.app, push.baseline, 'imapflow IDLE EXISTS', 2000));
      } catch (e) {
        rows.push(failed('email push SMTP -> visible', 'ms', e));
      }
      try {
        const chat = await chatPushBench(server, 200, log);
        details.chatApp = chat;
        rows.push(...latency('chat message -> IndexedDB', chat.app, chat.baseline, 'bare XMPP client', 300));
      } catch (e) {
        rows.push(failed('chat message -> IndexedDB', 'ms', e));
      }
      try {
        // The connector alone (no browser): how much of the figure above is main's.
        const chat = await chatLatency(200);
        details.chat = chat;
        rows.push(...latency('  same, to the connector', { p50: chat.consoleP50Ms, p95: chat.consoleP95Ms }, { p50: chat.baselineP50Ms, p95: chat.baselineP95Ms }, 'bare XMPP client'));
      } catch (e) {
        rows.push(failed('chat message -> connector', 'ms', e));
      }
    }
  } finally {
    await server.close();
  }

  const table = formatTable(rows);
  console.log(`\n${table}\n`);
  const outDir = join(REPO_ROOT, 'bench-results');
  mkdirSync(outDir, { recursive: true });
  const result = {
    date: new Date().toISOString(),
    seconds: Math.round((Date.now() - started) / 1000),
    machine: { cores: cpus().length, cpu: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 1e9), loadAverage: loadavg() },
    args: { ...args, only: [...args.only] },
    rows: rows.map(resolveRow),
    details,
  };
  writeFileSync(join(outDir, 'bench.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(`written to bench-results/bench.json (${result.seconds} s)`);
  process.exit(0);
}

main().catch((e) => {
  console.error('bench failed:', e);
  process.exit(1);
});
