/**
 * The UI thread's side of search: sends parsed queries to the search worker and resolves with the
 * answer, or with `undefined` when a newer query replaced it (typing ahead never shows stale
 * results). Without Worker support (unit tests) the engine runs inline.
 */
import type { ParsedQuery } from '../../../shared/search/query-parser';
import { DB_NAME, openDb } from '../db/schema';
import { executeSearch, type SearchResponse } from './search-engine';
import { catchUpNotes } from './search-index';
import type { MaintainRequest, WorkerReply, WorkerRequest } from './search-protocol';

export interface SearchClient {
  search(query: ParsedQuery, limit?: number): Promise<SearchResponse | undefined>;
  /** Let the worker merge index segments while it is idle (no-op without a worker). */
  maintain(): void;
  dispose(): void;
}

export function createSearchClient(dbName: string = DB_NAME): SearchClient {
  let seq = 0;
  const waiting = new Map<number, { resolve(r: SearchResponse | undefined): void; reject(e: Error): void }>();
  let worker: Worker | undefined;
  if (typeof Worker !== 'undefined') {
    worker = new Worker(new URL('./search.worker.ts', import.meta.url), { type: 'module', name: 'search' });
    worker.onmessage = (e: MessageEvent<WorkerReply>) => {
      const reply = e.data;
      const w = waiting.get(reply.seq);
      if (!w) return;
      waiting.delete(reply.seq);
      if ('response' in reply) w.resolve(reply.response);
      else if ('error' in reply) w.reject(new Error(reply.error));
      else w.resolve(undefined);
    };
  }
  const inline = worker ? undefined : openDb(dbName);

  return {
    search(query, limit) {
      const mine = ++seq;
      // Anything still waiting is now stale: answer it as superseded at once.
      for (const [id, w] of waiting) {
        if (id < mine) {
          waiting.delete(id);
          w.resolve(undefined);
        }
      }
      if (inline) {
        return catchUpNotes(inline)
          .then(() => executeSearch(inline, query, { limit }))
          .then((r) => (mine === seq ? r : undefined));
      }
      return new Promise((resolve, reject) => {
        waiting.set(mine, { resolve, reject });
        worker!.postMessage({ seq: mine, dbName, query, limit } satisfies WorkerRequest);
      });
    },
    maintain() {
      worker?.postMessage({ maintain: true, dbName } satisfies MaintainRequest);
    },
    dispose() {
      worker?.terminate();
      inline?.close();
      for (const w of waiting.values()) w.resolve(undefined);
      waiting.clear();
    },
  };
}

let shared: SearchClient | undefined;
/** The app's search client (one worker for the app's lifetime). */
export function searchClient(): SearchClient {
  return (shared ??= createSearchClient());
}
