/**
 * IPC shapes of team sync: two invoke channels and one event, kept apart from `sources:pull`
 * because team events are not source records (they never go through ingest, identity resolution
 * or threading; they are folded into existing rows).
 *
 *   team:append  {sourceId, events}        -> TeamAppendResult[]   (ships local events; idempotent)
 *   team:pull    {sourceId, cursor, limit} -> TeamPullBatch         (events after the cursor)
 *   team:changed {sourceId}                  (event: IDLE saw the team folder change; pull)
 */
import { z } from 'zod';
import type { ImportProblem } from '../domain';
import { teamEnvelopeSchema, type PresenceEnvelope, type TeamEventEnvelope } from './event-schema';

const sourceId = z.string().min(1).max(200);

export const teamAppendRequestSchema = z.object({
  sourceId,
  events: z.array(teamEnvelopeSchema).min(1).max(200),
});

export const teamPullRequestSchema = z.object({
  sourceId,
  cursor: z.unknown(),
  limit: z.number().int().min(1).max(2000).optional(),
});

export interface TeamCursor {
  uidValidity: number;
  lastUid: number;
}

export interface TeamPullBatch {
  sourceId: string;
  events: TeamEventEnvelope[];
  /** Presence notes that have not expired yet (never stored, never folded). */
  presence: PresenceEnvelope[];
  cursor: TeamCursor;
  hasMore: boolean;
  /** Messages in the folder that are not valid team-log entries: reported, skipped, never fatal. */
  problems: ImportProblem[];
}

export interface TeamAppendResult {
  id: string;
  status: 'appended' | 'already-there';
}
