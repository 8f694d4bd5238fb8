/**
 * Turning a draft into an outbox item: one transaction writes the item (its Message-ID fixed now)
 * and deletes the draft, so the message is never both lost and never twice in the outbox.
 */
import type { OutgoingChat, OutgoingEmail } from '../../../shared/domain';
import type { OutboxRow } from '../db/agent-tables';
import { chatItem, emailItem, outboxTable, type EnqueueMeta } from '../db/repos/outbox';
import type { SwitchboardDb } from '../db/schema';

export type Outgoing = { kind: 'email'; payload: OutgoingEmail } | { kind: 'chat'; payload: OutgoingChat };

export interface EnqueueOptions extends EnqueueMeta {
  /** Draft to delete in the same transaction. */
  draftId?: string;
  /** Replace the content of this queued/failed item instead of adding a new one (edit). */
  outboxId?: string;
}

export async function enqueue(db: SwitchboardDb, out: Outgoing, opts: EnqueueOptions): Promise<OutboxRow> {
  return db.transaction('rw', db.outbox, db.drafts, async () => {
    const table = outboxTable(db);
    if (opts.outboxId) {
      const existing = await table.get(opts.outboxId);
      if (existing && (existing.status === 'queued' || existing.status === 'failed') && existing.kind === out.kind) {
        const next: OutboxRow = { ...existing, payload: out.payload, status: 'queued', lastError: undefined, nextTryAt: undefined, updatedAt: opts.now };
        await table.put(next);
        if (opts.draftId) await db.drafts.delete(opts.draftId);
        return next;
      }
      // It went out (or was cancelled) while being edited: the edit becomes a new message.
    }
    // createdAt orders a source's items; keep it strictly increasing even within one millisecond.
    const last = await table.orderBy('createdAt').last();
    const createdAt = Math.max(opts.now, (last?.createdAt ?? 0) + 1);
    const meta = { ...opts, now: createdAt };
    const item = out.kind === 'email' ? emailItem(out.payload, meta) : chatItem(out.payload, meta);
    await table.add(item);
    if (opts.draftId) await db.drafts.delete(opts.draftId);
    return item;
  });
}
