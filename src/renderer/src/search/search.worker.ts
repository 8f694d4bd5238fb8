/**
 * The search worker: queries run here, off the UI thread, on the worker's own connection to the
 * same IndexedDB database. Notes written without the indexer are caught up before each query.
 * One query at a time, latest wins: while one runs, newer requests replace each other and only
 * the newest runs next; the ones it replaced are answered `superseded`. The index segments stay in
 * this worker's memory between queries (`segment-cache.ts`); when no query is waiting, the worker
 * merges small segments into larger ones, one step at a time, checking for a query between steps;
 * the app also asks it to merge after its syncs (`maintain`), so a large first sync is merged
 * before anyone searches.
 */
import { openDb, type SwitchboardDb } from '../db/schema';
import { executeSearch } from './search-engine';
import { catchUpNotes } from './search-index';
import { compactIndex } from './segment-cache';
import type { MaintainRequest, WorkerReply, WorkerRequest } from './search-protocol';

const dbs = new Map<string, SwitchboardDb>();
let next: WorkerRequest | undefined;
let running = false;

function dbFor(name: string): SwitchboardDb {
  let db = dbs.get(name);
  if (!db) {
    db = openDb(name);
    dbs.set(name, db);
  }
  return db;
}

async function run(req: WorkerRequest): Promise<WorkerReply> {
  const db = dbFor(req.dbName);
  await catchUpNotes(db);
  const response = await executeSearch(db, req.query, { limit: req.limit });
  return { seq: req.seq, response };
}

async function drain() {
  if (running) return;
  running = true;
  while (next) {
    const req = next;
    next = undefined;
    const reply = await run(req).catch((err: unknown): WorkerReply => ({ seq: req.seq, error: err instanceof Error ? err.message : String(err) }));
    self.postMessage(reply);
    await mergeWhileIdle(req.dbName);
  }
  running = false;
}

/**
 * Merge, one step at a time, until the segments need no more merging or a query is waiting (it
 * runs after the current step).
 */
async function mergeWhileIdle(dbName: string) {
  while (!next && (await compactIndex(dbFor(dbName)).catch(() => false)));
}

/** The app's request to merge while idle (after its syncs). */
async function maintain(dbName: string) {
  if (running) return; // a query is running: it merges when it is done
  running = true;
  try {
    await mergeWhileIdle(dbName);
  } finally {
    running = false;
  }
  if (next) void drain();
}

self.onmessage = (e: MessageEvent<WorkerRequest | MaintainRequest>) => {
  const msg = e.data;
  if ('maintain' in msg) {
    void maintain(msg.dbName);
    return;
  }
  if (next) self.postMessage({ seq: next.seq, superseded: true } satisfies WorkerReply);
  next = msg;
  void drain();
};
