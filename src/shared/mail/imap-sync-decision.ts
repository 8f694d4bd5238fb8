/**
 * The IMAP sync decision: a pure function of what we stored about a folder at the last sync and
 * what SELECT (or STATUS) says about it now, plus the server's capabilities. It returns a closed
 * list of actions in the order the connector performs them. No I/O here, so every branch is unit
 * tested (tests/unit/mail/imap-sync-decision.test.ts).
 *
 *   stored missing                          -> initial      (snapshot, then newest-first backfill)
 *   UIDVALIDITY differs                     -> reseed       (drop everything, sync again, silently)
 *   UIDNEXT > lastUid + 1                   -> new-uids     (UID FETCH lastUid+1:*)
 *   CONDSTORE, HIGHESTMODSEQ differs        -> changedsince (UID FETCH known FLAGS (CHANGEDSINCE m [VANISHED]))
 *     ... and no QRESYNC                    -> expunge-check (UID SEARCH over the synced range)
 *   no usable modseq                        -> full-flags   (flags of every synced message)
 *     ... and EXISTS or UIDNEXT moved       -> expunge-check
 *   backfill not finished                   -> backfill     (next older page below the lowest synced UID)
 *   nothing of the above                    -> none
 */

/** What the cursor keeps per folder (JSON-safe: modseq is a decimal string because it is 63-bit). */
export interface FolderSyncState {
  uidValidity: number;
  /** UIDNEXT seen at the last sync. */
  uidNext: number;
  /** EXISTS seen at the last sync. */
  exists: number;
  /** Highest UID the sync has covered: messages above it are new. */
  lastUid: number;
  /** HIGHESTMODSEQ seen at the last sync, when the server keeps mod-sequences. */
  highestModseq?: string;
  /** Newest-first initial sync: the lowest UID synced so far (everything in [backfill, lastUid] is synced). */
  backfill: number;
  /** True once nothing older than `backfill` is left. */
  backfillDone: boolean;
  /** Sequence set of the synced UIDs still present on the server (for expunge detection). */
  known: string;
}

export interface LiveMailboxState {
  uidValidity: number;
  uidNext: number;
  exists: number;
  highestModseq?: string;
  /** The server said NOMODSEQ for this mailbox. */
  noModseq?: boolean;
}

export interface ServerCaps {
  condstore: boolean;
  qresync: boolean;
}

export type SyncAction =
  | { type: 'initial' }
  | { type: 'reseed'; reason: string }
  | { type: 'none' }
  | { type: 'new-uids'; fromUid: number }
  | { type: 'changedsince'; modseq: string; vanished: boolean }
  | { type: 'full-flags' }
  | { type: 'expunge-check' }
  | { type: 'backfill'; belowUid: number };

export type SyncActionType = SyncAction['type'];

export function decideSync(stored: FolderSyncState | undefined, live: LiveMailboxState, caps: ServerCaps): SyncAction[] {
  if (!stored) return [{ type: 'initial' }];
  if (stored.uidValidity !== live.uidValidity) {
    return [{ type: 'reseed', reason: `UIDVALIDITY changed from ${stored.uidValidity} to ${live.uidValidity}` }];
  }
  const actions: SyncAction[] = [];
  if (live.uidNext > stored.lastUid + 1) actions.push({ type: 'new-uids', fromUid: stored.lastUid + 1 });

  const hasKnown = stored.known !== '';
  const countsMoved = live.exists !== stored.exists || live.uidNext !== stored.uidNext;
  const modseqUsable =
    caps.condstore && !live.noModseq && live.highestModseq !== undefined && stored.highestModseq !== undefined;
  if (hasKnown) {
    if (modseqUsable) {
      if (live.highestModseq !== stored.highestModseq) {
        actions.push({ type: 'changedsince', modseq: stored.highestModseq!, vanished: caps.qresync });
        if (!caps.qresync) actions.push({ type: 'expunge-check' });
      } else if (countsMoved && !caps.qresync) {
        // Same HIGHESTMODSEQ should mean no expunge, but a server without QRESYNC need not bump it.
        actions.push({ type: 'expunge-check' });
      }
    } else {
      actions.push({ type: 'full-flags' });
      if (countsMoved) actions.push({ type: 'expunge-check' });
    }
  }
  if (!stored.backfillDone) actions.push({ type: 'backfill', belowUid: stored.backfill });
  return actions.length ? actions : [{ type: 'none' }];
}

/** The state a folder starts from on first sight (or after a reseed): nothing synced, the ceiling fixed. */
export function initialFolderState(live: LiveMailboxState): FolderSyncState {
  return {
    uidValidity: live.uidValidity,
    uidNext: live.uidNext,
    exists: live.exists,
    lastUid: Math.max(0, live.uidNext - 1),
    highestModseq: live.noModseq ? undefined : live.highestModseq,
    backfill: Math.max(1, live.uidNext),
    backfillDone: live.exists === 0,
    known: '',
  };
}
