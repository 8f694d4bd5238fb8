/**
 * Page side of the search benchmark (bundled by search-bench.ts with esbuild, run in Chromium).
 * Builds a deterministic workspace through the real ingest path (ingestBatch, which writes one index
 * segment per batch in the same transaction), merges the segments as the search worker does when
 * idle, then times queries on the segment index, a naive linear scan over the same rows (the
 * baseline), and MiniSearch held in memory (the alternative).
 */
import MiniSearch from 'minisearch';
import type { CallRecord, ChatRecord, EmailRecord, Interaction, SourceRecord } from '../../src/shared/domain';
import { parseQuery } from '../../src/shared/search/query-parser';
import { openDb, type SwitchboardDb } from '../../src/renderer/src/db/schema';
import { ingestBatch } from '../../src/renderer/src/ingest/ingest-batch';
import { executeSearch } from '../../src/renderer/src/search/search-engine';
import { interactionDoc } from '../../src/renderer/src/search/search-index';
import { buildSegment } from '../../src/renderer/src/search/search-segment';
import { compactAll, forgetIndex, indexStats, loadIndex } from '../../src/renderer/src/search/segment-cache';
import { rng } from '../fixtures/rng';

// ---- deterministic generator ---------------------------------------------------------------------

const BASE = (
  'the to and a of i you is for it on your we this that be in with have can my not please are was account invoice ' +
  'payment thanks thank hi hello help issue problem order refund card charge charged twice billing plan upgrade ' +
  'cancel subscription login password reset email address phone call back support team ticket update export csv ' +
  'report error failed failing payroll employee tax form sso saml okta api key token limit rate webhook delivery ' +
  'integration xero quickbooks bank transfer direct deposit returned receipt pdf attachment download upload file ' +
  'missing wrong duplicate currency euro pound dollar vat gst number customer client contract renewal discount ' +
  'price quote trial migrate import data backup delete user admin permission role settings dashboard mobile app ' +
  'ios android browser chrome firefox slow timeout outage status incident fixed resolved working still again today ' +
  'tomorrow yesterday week month monday friday morning afternoon urgent asap soon sorry apologies appreciate kind regards best'
).split(' ');

function vocabulary(r: () => number, size: number): string[] {
  const syl = ['ka', 'ro', 'mi', 'te', 'sa', 'lo', 'ven', 'dar', 'is', 'ul', 'fen', 'gor', 'bri', 'tam', 'pel', 'qui', 'zor', 'nex', 'hal', 'wen'];
  const words = [...BASE];
  const seen = new Set(words);
  while (words.length < size) {
    let w = '';
    const n = 2 + Math.floor(r() * 3);
    for (let i = 0; i < n; i++) w += syl[Math.floor(r() * syl.length)];
    if (!seen.has(w)) {
      seen.add(w);
      words.push(w);
    }
  }
  return words;
}

const FOREIGN = ['Привет, у меня проблема со счётом', 'नमस्ते, मेरा चालान गलत है', 'مرحبا، الفاتورة غير صحيحة', '請求書の金額が違います', '我的发票有问题', 'สวัสดีครับ ใบแจ้งหนี้ผิด'];
const FIRST = ['Ada', 'Ben', 'Chloe', 'Dev', 'Elena', 'Farid', 'Grace', 'Hiro', 'Isla', 'Jonas', 'Kemal', 'Lucía', 'Mei', 'Nadia', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Sven', 'Tariq', 'Uma', 'Viktor', 'Wen', 'Yara', 'Zoe'];
const LAST = ['Adams', 'Brandt', 'Costa', 'Dubois', 'Eriksen', 'Fischer', 'García', 'Haddad', 'Ito', 'Jensen', 'Kowalski', 'Lopez', 'Moreau', 'Novak', 'Okafor', 'Petrov', 'Quist', 'Rossi', 'Sato', 'Tanaka', 'Usman', 'Varga', 'Weber', 'Xu', 'Young'];
const AGENTS = ['maya', 'tom', 'priya', 'lukas'];
export const NOW = Date.UTC(2026, 10, 1, 12, 0, 0);

export interface Workspace {
  records: SourceRecord[];
  vocab: string[];
}

export function generate(interactions: number, customers: number, seed = 42): Workspace {
  const r = rng(seed);
  const vocab = vocabulary(r, 20_000);
  // Zipf-like: rank k drawn with probability ~ 1/k.
  const H = Math.log(vocab.length) + 0.5772;
  const word = () => vocab[Math.min(vocab.length - 1, Math.floor(Math.exp(r() * H)) - 1)]!;
  const sentence = (n: number) => Array.from({ length: n }, word).join(' ');
  const people = Array.from({ length: customers }, (_, i) => {
    const name = `${FIRST[i % 25]} ${LAST[Math.floor(i / 25) % 25]}${i >= 625 ? ` ${i}` : ''}`;
    return { name, email: `c${i}@cust${i % 97}.example`, jid: `c${i}@chat.example`, phone: `+1415${String(5_000_000 + i).padStart(7, '0')}` };
  });
  const records: SourceRecord[] = [];
  const span = 365 * 86_400_000;
  for (let k = 0; k < interactions; k++) {
    const p = people[Math.floor(r() * customers)]!;
    const ts = NOW - span + Math.floor((k / interactions) * span);
    const kind = r();
    const foreign = r() < 0.05 ? ` ${FOREIGN[Math.floor(r() * FOREIGN.length)]}` : '';
    if (kind < 0.5) {
      const inbound = r() < 0.6;
      const team = { name: AGENTS[k % 4], address: `${AGENTS[k % 4]}@team.example` };
      const cust = { name: p.name, address: p.email };
      const e: EmailRecord = {
        type: 'email', sourceKey: `bench:m:${k}`, sourceId: 'bench', folder: 'INBOX', messageId: `<m${k}@bench.example>`, references: [],
        subject: sentence(3 + Math.floor(r() * 5)), from: inbound ? cust : team, to: [inbound ? team : cust], cc: [], date: ts,
        direction: inbound ? 'inbound' : 'outbound', text: sentence(40 + Math.floor(r() * 120)) + foreign,
        attachments: r() < 0.1 ? [{ partId: '2', filename: `${word()}.pdf`, contentType: 'application/pdf', size: 20_000 }] : [], flags: [], warnings: [],
      };
      records.push(e);
    } else if (kind < 0.85) {
      const inbound = r() < 0.55;
      const c: ChatRecord = {
        type: 'chat', sourceKey: `bench:c:${k}`, sourceId: 'bench', peer: p.jid, peerName: p.name, account: 'support@chat.example',
        direction: inbound ? 'inbound' : 'outbound', body: sentence(4 + Math.floor(r() * 16)) + foreign, ts, stanzaId: `s${k}`,
        agent: inbound ? undefined : AGENTS[k % 4], warnings: [],
      };
      records.push(c);
    } else {
      const c: CallRecord = {
        type: 'call', sourceKey: `bench:p:${k}`, sourceId: 'bench', customerNumber: p.phone, customerName: p.name, agent: AGENTS[k % 4],
        direction: r() < 0.7 ? 'inbound' : 'outbound', outcome: r() < 0.7 ? 'answered' : 'missed', start: ts, durationSec: 120, billSec: 100,
        notes: r() < 0.5 ? sentence(10 + Math.floor(r() * 20)) : undefined, warnings: [],
      };
      records.push(c);
    }
  }
  return { records, vocab };
}

// ---- queries -------------------------------------------------------------------------------------

export interface BenchQuery {
  text: string;
  filtered: string;
}

/** 50 queries of 1-3 words drawn from generated items (so they match), the last word as typed (a prefix). */
export function queries(ws: Workspace, n = 50, seed = 7): BenchQuery[] {
  const r = rng(seed);
  const filters = ['channel:email', 'status:open', 'after:2026-06-01', 'from:ada', 'has:attachment', 'channel:chat', 'assignee:none', 'before:2026-03-01'];
  const out: BenchQuery[] = [];
  while (out.length < n) {
    const rec = ws.records[Math.floor(r() * ws.records.length)]!;
    const text = rec.type === 'email' ? `${rec.subject} ${rec.text}` : rec.type === 'chat' ? rec.body : rec.type === 'call' ? (rec.notes ?? '') : '';
    const words = text.split(/\s+/).filter((w) => /^[a-z]{3,}$/.test(w));
    if (words.length < 3) continue;
    const count = 1 + (out.length % 3);
    const start = Math.floor(r() * (words.length - count));
    const picked = words.slice(start, start + count);
    const last = picked[picked.length - 1]!;
    picked[picked.length - 1] = last.slice(0, Math.max(3, Math.ceil(last.length * 0.7)));
    const q = picked.join(' ');
    out.push({ text: q, filtered: `${q} ${filters[out.length % filters.length]}` });
  }
  return out;
}

// ---- phases ----------------------------------------------------------------------------------------

let db: SwitchboardDb;
let ws: Workspace;
let mini: MiniSearch | undefined;
const longTasks: number[] = [];
const lag: number[] = [];

async function ingestAll(batchSize: number): Promise<{ ms: number; batches: number[] }> {
  const batches: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < ws.records.length; i += batchSize) {
    const b0 = performance.now();
    await ingestBatch(db, { sourceId: 'bench', records: ws.records.slice(i, i + batchSize), cursor: i + batchSize, hasMore: i + batchSize < ws.records.length }, { now: () => NOW });
    batches.push(performance.now() - b0);
  }
  return { ms: performance.now() - t0, batches };
}

const api = {
  async setup(interactions: number, customers: number) {
    const t0 = performance.now();
    ws = generate(interactions, customers);
    const genMs = performance.now() - t0;
    await indexedDB.deleteDatabase('search-bench');
    db = openDb('search-bench');
    await db.open();
    return { genMs, records: ws.records.length };
  },

  /** Ingest everything through ingestBatch (the index is written in the same transactions). */
  async ingest(batchSize: number) {
    new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration))).observe({ type: 'longtask', buffered: false });
    // Event-loop lag: how late a 16 ms timer fires while ingest runs (what typing would feel).
    let expected = performance.now() + 16;
    let stop = false;
    const tick = () => {
      const n = performance.now();
      lag.push(Math.max(0, n - expected));
      expected = n + 16;
      if (!stop) setTimeout(tick, 16);
    };
    setTimeout(tick, 16);
    const res = await ingestAll(batchSize);
    stop = true;
    const est = await navigator.storage.estimate();
    return {
      ...res,
      interactions: await db.interactions.count(),
      customers: await db.customers.count(),
      segments: await db.searchDocs.count(),
      storageBytes: est.usage ?? 0,
      longTasks: [...longTasks],
      lag: [...lag],
    };
  },

  /** Index write cost in isolation: the same 10k interactions written with and without their docs. */
  async writeCost(sample: number) {
    const rows = await db.interactions.limit(sample).toArray();
    const docs = rows.map(interactionDoc);
    const scratch = openDb('search-bench-scratch');
    await scratch.open();
    const t0 = performance.now();
    for (let i = 0; i < rows.length; i += 500) await scratch.transaction('rw', scratch.interactions, () => scratch.interactions.bulkPut(rows.slice(i, i + 500)));
    const rowsMs = performance.now() - t0;
    const t1 = performance.now();
    const tokenised = rows.map(interactionDoc);
    const tokeniseMs = performance.now() - t1;
    const t2 = performance.now();
    // One segment per 500 items, as ingest writes them (tokenising is counted separately below).
    for (let i = 0; i < docs.length; i += 500) {
      const seg = buildSegment(i / 500 + 1, docs.slice(i, i + 500));
      await scratch.transaction('rw', scratch.searchDocs, () => scratch.searchDocs.put(seg));
    }
    const docsMs = performance.now() - t2;
    const terms = tokenised.reduce((n, d) => n + d.terms.length, 0);
    scratch.close();
    await scratch.delete();
    return { sample: rows.length, rowsMs, tokeniseMs, docsMs, termsPerItem: terms / rows.length };
  },

  /** The search worker's idle work: merge the per-batch segments (timed), then what it holds. */
  async compact() {
    const before = await db.searchDocs.count();
    const t0 = performance.now();
    const steps = await compactAll(db);
    const ms = performance.now() - t0;
    return { before, after: await db.searchDocs.count(), steps, ms };
  },

  /** Loading the index into memory from scratch (a worker's first query) and the heap it takes. */
  async loadCold() {
    const gc = (globalThis as unknown as { gc?: () => void }).gc;
    forgetIndex(db);
    const settle = async () => {
      gc?.();
      await new Promise((r) => setTimeout(r, 50));
      gc?.();
    };
    await settle();
    const heap0 = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;
    const t0 = performance.now();
    const index = await db.transaction('r', db.searchDocs, async () => loadIndex(db));
    const ms = performance.now() - t0;
    await settle();
    const heap1 = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;
    return { ms, heapBytes: heap1 - heap0, gc: !!gc, ...indexStats(index) };
  },

  async queries(n: number) {
    return queries(ws, n);
  },

  /** The segment index, through the same engine the worker runs. */
  async runIndex(list: string[], limit = 50) {
    const out: { q: string; ms: number; hits: number; more: boolean; phases?: Record<string, number> }[] = [];
    for (const q of list) {
      const t0 = performance.now();
      const r = await executeSearch(db, parseQuery(q, { now: NOW, me: 'maya' }), { limit }).catch((e: unknown) => {
        const err = e as { name?: string; message?: string; stack?: string; inner?: { name?: string; message?: string } };
        throw new Error(`query "${q}": ${err.name}: ${err.message} (${err.inner?.name}: ${err.inner?.message})\n${err.stack}`);
      });
      out.push({ q, ms: performance.now() - t0, hits: r.count, more: r.more, phases: r.phases });
    }
    return out;
  },

  /** Baseline: newest-first scan of the interactions table, testing each row's text. */
  /**
   * The baseline: a linear scan, newest first, of every interaction row, matching the words as
   * substrings and the bench's filters (channel, dates, from, has:attachment, status and assignee
   * through the thread rows, read once before timing: the scan's advantage).
   */
  async runScan(list: string[], limit = 50) {
    const threads = new Map((await db.threads.toArray()).map((t) => [t.id, t]));
    const out: { q: string; ms: number; hits: number }[] = [];
    for (const q of list) {
      const parts = q.toLowerCase().split(/\s+/);
      const words = parts.filter((w) => !w.includes(':'));
      const tests = parts
        .filter((w) => w.includes(':'))
        .map((f): ((i: Interaction) => boolean) => {
          const [k, v = ''] = f.split(':');
          if (k === 'channel') return (i) => i.channel === v;
          if (k === 'after') return (i) => i.ts >= Date.parse(v);
          if (k === 'before') return (i) => i.ts < Date.parse(v);
          if (k === 'from') return (i) => `${i.fromLabel} ${i.from?.address ?? ''}`.toLowerCase().includes(v);
          if (k === 'has') return (i) => (i.attachments ?? []).some((a) => !a.inline);
          if (k === 'status') return (i) => threads.get(i.threadId)?.status === v;
          if (k === 'assignee') return (i) => (v === 'none' ? !threads.get(i.threadId)?.assignee : threads.get(i.threadId)?.assignee === v);
          return () => true;
        });
      const t0 = performance.now();
      const hits = await db.interactions
        .orderBy('ts')
        .reverse()
        .filter((i) => {
          if (!tests.every((t) => t(i))) return false;
          const t = `${i.subject ?? ''} ${i.text} ${i.fromLabel}`.toLowerCase();
          return words.every((w) => t.includes(w));
        })
        .limit(limit)
        .toArray();
      out.push({ q, ms: performance.now() - t0, hits: hits.length });
    }
    return out;
  },

  /** Alternative: MiniSearch over the same rows, in memory (what a worker would hold). */
  async buildMini() {
    (globalThis as unknown as { gc?: () => void }).gc?.();
    const heap0 = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;
    const rows = await db.interactions.toArray();
    const t0 = performance.now();
    mini = new MiniSearch({ fields: ['subject', 'text', 'fromLabel'], storeFields: ['ts'], idField: 'id' });
    mini.addAll(rows.map((i) => ({ id: i.id, subject: i.subject ?? '', text: i.text, fromLabel: i.fromLabel, ts: i.ts })));
    const buildMs = performance.now() - t0;
    rows.length = 0;
    (globalThis as unknown as { gc?: () => void }).gc?.();
    const heap1 = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;
    const t1 = performance.now();
    const json = JSON.stringify(mini);
    const serialiseMs = performance.now() - t1;
    const t2 = performance.now();
    MiniSearch.loadJSON(json, { fields: ['subject', 'text', 'fromLabel'], storeFields: ['ts'], idField: 'id' });
    const loadMs = performance.now() - t2;
    return { buildMs, heapBytes: heap1 - heap0, jsonBytes: json.length, serialiseMs, loadMs };
  },

  async runMini(list: string[]) {
    const out: { q: string; ms: number; hits: number }[] = [];
    for (const q of list) {
      const t0 = performance.now();
      const res = mini!.search(q, { prefix: (term, i, terms) => i === terms.length - 1, combineWith: 'AND' });
      out.push({ q, ms: performance.now() - t0, hits: res.length });
    }
    return out;
  },
};

(window as unknown as { bench: typeof api }).bench = api;
