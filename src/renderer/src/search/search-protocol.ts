/** Messages between the UI thread and the search worker. */
import type { ParsedQuery } from '../../../shared/search/query-parser';
import type { SearchResponse } from './search-engine';

export interface WorkerRequest {
  seq: number;
  dbName: string;
  query: ParsedQuery;
  limit?: number;
}

export type WorkerReply =
  | { seq: number; response: SearchResponse }
  | { seq: number; superseded: true }
  | { seq: number; error: string };
