/**
 * Search benchmark: `npx tsx tests/bench/search-bench.ts [--interactions 100000] [--customers 10000]`
 *
 * In Debian's Chromium (on-disk IndexedDB, like the desktop app): builds a deterministic workspace
 * through the real ingest path (ingestBatch writes one index segment per batch in the same
 * transaction), merges the segments (the search worker's idle work), loads the index cold (heap,
 * time), then runs 50 queries of 1-3 words (last word as a typed prefix), without and with a
 * filter, on:
 *  - the segment index (the shipped engine),
 *  - a naive linear scan over the same rows (the baseline, measured in the same run),
 *  - MiniSearch held in memory (the alternative we measured before choosing).
 * Prints one table and writes bench-results/search.json.
 */
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../host/test-host';
import { launch } from './browser';
import { summarise } from './stats';
import { formatTable, type BenchRow } from './table';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const INTERACTIONS = arg('interactions', 100_000);
const CUSTOMERS = arg('customers', 10_000);
const BATCH = arg('batch', 500);
const SCAN_QUERIES = arg('scan-queries', 10);
const log = (s: string) => process.stderr.write(`${s}\n`);

type Bench = Record<string, (...args: never[]) => Promise<unknown>>;

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'sb-search-bench-'));
  await build({
    entryPoints: [join(REPO_ROOT, 'tests/bench/search-bench-page.ts')],
    bundle: true,
    format: 'esm',
    target: 'chrome120',
    outfile: join(dir, 'page.js'),
    logLevel: 'error',
  });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>search bench</title><script type="module" src="page.js"></script>');
  const server = createServer((req, res) => {
    const file = req.url?.startsWith('/page.js') ? 'page.js' : 'index.html';
    res.writeHead(200, { 'Content-Type': file.endsWith('.js') ? 'text/javascript' : 'text/html' });
    res.end(readFileSync(join(dir, file)));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const profile = join(dir, 'profile');
  const context = await launch(profile);
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => log(`page error: ${e.message}`));
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => 'bench' in window);
  const call = <T>(fn: string, ...args: unknown[]): Promise<T> =>
    page.evaluate(([fn, args]) => (window as unknown as { bench: Bench })['bench'][fn as string]!(...(args as never[])), [fn, args] as const) as Promise<T>;

  try {
    log(`generating ${INTERACTIONS} interactions / ${CUSTOMERS} customers…`);
    const setup = await call<{ genMs: number }>('setup', INTERACTIONS, CUSTOMERS);
    log(`ingesting in batches of ${BATCH} (index written in the same transactions)…`);
    const ing = await call<{ ms: number; batches: number[]; interactions: number; customers: number; segments: number; storageBytes: number; longTasks: number[]; lag: number[] }>('ingest', BATCH);
    log(`  ${ing.interactions} interactions, ${ing.customers} customers, ${ing.segments} segments in ${(ing.ms / 1000).toFixed(1)} s`);
    log('merging segments (the worker does this when idle)…');
    const comp = await call<{ before: number; after: number; steps: number; ms: number }>('compact');
    log(`  ${comp.before} → ${comp.after} segments in ${comp.steps} steps, ${(comp.ms / 1000).toFixed(1)} s`);
    const cold = await call<{ ms: number; heapBytes: number; arrayBytes: number; gc: boolean; segments: number; docs: number; liveDocs: number; terms: number; postings: number }>('loadCold');
    log(`  cold load ${cold.ms.toFixed(0)} ms, JS heap ${(cold.heapBytes / 1e6).toFixed(1)} MB + typed arrays ${(cold.arrayBytes / 1e6).toFixed(1)} MB, ${cold.liveDocs} docs, ${cold.terms} terms, ${cold.postings} postings`);
    const storage = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
    const cost = await call<{ sample: number; rowsMs: number; tokeniseMs: number; docsMs: number; termsPerItem: number }>('writeCost', 10_000);
    const qs = await call<{ text: string; filtered: string }[]>('queries', 50);
    const plain = qs.map((q) => q.text);
    const filtered = qs.map((q) => q.filtered);
    // Warm-up (first query opens the index pages), then measure.
    await call('runIndex', plain.slice(0, 5));
    log('segment index: 50 queries, then 50 with a filter…');
    const idx = await call<{ q: string; ms: number; hits: number; more: boolean }[]>('runIndex', plain);
    const idxF = await call<{ q: string; ms: number; hits: number; more: boolean }[]>('runIndex', filtered);
    log(`linear scan baseline: ${SCAN_QUERIES} queries…`);
    const scan = await call<{ q: string; ms: number; hits: number }[]>('runScan', plain.slice(0, SCAN_QUERIES));
    log(`linear scan baseline: ${SCAN_QUERIES} queries with a filter…`);
    const scanF = await call<{ q: string; ms: number; hits: number }[]>('runScan', filtered.slice(0, SCAN_QUERIES));
    log('MiniSearch: build in memory, then the same 50 queries…');
    const mb = await call<{ buildMs: number; heapBytes: number; jsonBytes: number; serialiseMs: number; loadMs: number }>('buildMini');
    const mini = await call<{ q: string; ms: number; hits: number }[]>('runMini', plain);

    const sIdx = summarise(idx.map((r) => r.ms));
    const sIdxF = summarise(idxF.map((r) => r.ms));
    const sScan = summarise(scan.map((r) => r.ms));
    const sScanF = summarise(scanF.map((r) => r.ms));
    const sIdxSameAsScan = summarise(idx.slice(0, SCAN_QUERIES).map((r) => r.ms));
    const sIdxFSameAsScan = summarise(idxF.slice(0, SCAN_QUERIES).map((r) => r.ms));
    const sMini = summarise(mini.map((r) => r.ms));
    const lag = summarise(ing.lag);
    const lt = summarise(ing.longTasks.length ? ing.longTasks : [0]);
    const per1k = (ms: number) => (ms / cost.sample) * 1000;
    const scanLabel = `linear scan (${SCAN_QUERIES} q)`;
    const rows: BenchRow[] = [
      // The 50-query rows carry the scan of the first SCAN_QUERIES of the same queries as their
      // baseline (a full scan of 50 would take minutes); the "same queries" rows compare like with like.
      { metric: `search p50, ${INTERACTIONS / 1000}k items, 50 queries`, unit: 'ms', value: sIdx.p50, baseline: sScan.p50, baselineLabel: scanLabel },
      { metric: `search p95, 50 queries`, unit: 'ms', value: sIdx.p95, baseline: sScan.p95, baselineLabel: scanLabel, target: { kind: 'max', value: 50 } },
      { metric: `search p50, 50 queries + filter`, unit: 'ms', value: sIdxF.p50, baseline: sScanF.p50, baselineLabel: `${scanLabel}, filtered` },
      { metric: `search p95, 50 queries + filter`, unit: 'ms', value: sIdxF.p95, baseline: sScanF.p95, baselineLabel: `${scanLabel}, filtered`, target: { kind: 'max', value: 50 } },
      { metric: `search p50, same ${SCAN_QUERIES} queries as the scan`, unit: 'ms', value: sIdxSameAsScan.p50, baseline: sScan.p50, baselineLabel: scanLabel },
      { metric: `search p95, same ${SCAN_QUERIES} queries as the scan`, unit: 'ms', value: sIdxSameAsScan.p95, baseline: sScan.p95, baselineLabel: scanLabel },
      { metric: `  + filter, same ${SCAN_QUERIES} queries`, unit: 'ms', value: sIdxFSameAsScan.p95, baseline: sScanF.p95, baselineLabel: `${scanLabel}, filtered, p95` },
      { metric: 'MiniSearch (memory) p50', unit: 'ms', value: sMini.p50 },
      { metric: 'MiniSearch (memory) p95', unit: 'ms', value: sMini.p95 },
      { metric: 'MiniSearch build, all items', unit: 's', value: mb.buildMs / 1000 },
      { metric: 'MiniSearch heap', unit: 'MB', value: mb.heapBytes / 1e6 },
      { metric: 'MiniSearch JSON / load', unit: 'MB', value: mb.jsonBytes / 1e6, note: `load ${(mb.loadMs / 1000).toFixed(1)} s` },
      { metric: 'ingest incl. index, all items', unit: 's', value: ing.ms / 1000 },
      { metric: 'segments after ingest / after merging', unit: '', value: comp.after, baseline: ing.segments, baselineLabel: 'after ingest' },
      { metric: 'merging all segments (worker, idle)', unit: 's', value: comp.ms / 1000, note: `${comp.steps} steps` },
      { metric: 'index load into worker memory (cold)', unit: 'ms', value: cold.ms },
      { metric: 'index memory in worker (JS heap + typed arrays)', unit: 'MB', value: (cold.heapBytes + cold.arrayBytes) / 1e6, note: `heap ${(cold.heapBytes / 1e6).toFixed(1)} + arrays ${(cold.arrayBytes / 1e6).toFixed(1)}${cold.gc ? '' : ', no gc()'}` },
      { metric: 'index write per 1k items', unit: 'ms', value: per1k(cost.docsMs + cost.tokeniseMs), baseline: per1k(cost.rowsMs), baselineLabel: 'row write alone' },
      { metric: 'tokenise per 1k items (UI thread)', unit: 'ms', value: per1k(cost.tokeniseMs) },
      { metric: 'terms per item', unit: '', value: cost.termsPerItem },
      { metric: 'storage (data + index), after merging', unit: 'MB', value: storage / 1e6 },
      { metric: 'UI thread: longest task in ingest', unit: 'ms', value: lt.max },
      { metric: 'UI thread: timer lag p95 in ingest', unit: 'ms', value: lag.p95 },
    ];
    process.stdout.write(`${formatTable(rows)}\n`);
    mkdirSync(join(REPO_ROOT, 'bench-results'), { recursive: true });
    writeFileSync(
      join(REPO_ROOT, 'bench-results', 'search.json'),
      JSON.stringify(
        {
          at: new Date().toISOString(),
          interactions: INTERACTIONS,
          customers: CUSTOMERS,
          batch: BATCH,
          generateMs: setup.genMs,
          rows,
          ingest: { ms: ing.ms, batchMs: summarise(ing.batches), segments: ing.segments, storageBytes: ing.storageBytes, longTasks: lt, timerLag: lag },
          compact: comp,
          index: cold,
          storageAfterMerge: storage,
          writeCost: cost,
          minisearch: { ...mb, query: sMini },
          queries: { plain: idx, filtered: idxF, scan, mini },
        },
        null,
        2,
      ),
    );
    log('wrote bench-results/search.json');
  } finally {
    await context.close().catch(() => {});
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
