/** Messages between the UI thread and the search worker. */
import type { ParsedQuery } from '../../../shared/search/query-parser';
import type { SearchResponse } from './search-engine';

export interface WorkerRequest {
  seq: number;
  dbName: string;
  query: ParsedQuery;
  limit?: number;
}

/** Merge index segments while nothing else runs (sent after syncs, so the first search finds them merged). */
export interface MaintainRequest {
  maintain: true;
  dbName: string;
}

export type WorkerReply =
  | { seq: number; response: SearchResponse }
  | { seq: number; superseded: true }
  | { seq: number; error: string };
