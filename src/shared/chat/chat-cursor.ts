/**
 * The cursor of a chat source: the archive (XEP-0313) id of the last message the renderer stored,
 * plus its time as a fallback when the server no longer knows that id (archive purged or reset).
 *
 * Live records carry `cursor: null` in their batch ("do not move the cursor"): only a MAM pull moves
 * it, so a console that was closed always catches up from the archive.
 */
export interface ChatCursor {
  lastArchiveId: string;
  /** Epoch ms of that message. */
  lastTs: number;
}

/** A cursor as it came back from the renderer: null (start) or a ChatCursor; anything else is refused. */
export function parseChatCursor(value: unknown): { ok: true; cursor: ChatCursor | null } | { ok: false; reason: string } {
  if (value === null || value === undefined) return { ok: true, cursor: null };
  if (typeof value !== 'object') return { ok: false, reason: 'a chat cursor is an object {lastArchiveId, lastTs}' };
  const v = value as Record<string, unknown>;
  if (typeof v.lastArchiveId !== 'string' || !v.lastArchiveId || v.lastArchiveId.length > 500) {
    return { ok: false, reason: 'the chat cursor has no archive id' };
  }
  const lastTs = typeof v.lastTs === 'number' && Number.isFinite(v.lastTs) ? v.lastTs : 0;
  return { ok: true, cursor: { lastArchiveId: v.lastArchiveId, lastTs } };
}

/**
 * The sourceKey of a chat message: the server's archive id (XEP-0359 stanza-id with by = the team
 * account) is the same whether the message arrived live, as a carbon, or from the archive, so all
 * three paths give the same key and a replay never duplicates.
 */
export function chatSourceKey(sourceId: string, archiveId: string): string {
  return `${sourceId}:${archiveId}`;
}
