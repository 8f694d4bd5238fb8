/** Per-sender remote-content permission and the offline attachment cache. */
import { normaliseEmail } from '../../../../shared/identity';
import type { CachedAttachment } from '../agent-tables';
import type { SwitchboardDb } from '../schema';

export async function isRemoteAllowed(db: SwitchboardDb, sender: string | undefined): Promise<boolean> {
  if (!sender) return false;
  return (await db.remoteAllow.get(normaliseEmail(sender))) !== undefined;
}

export async function allowRemote(db: SwitchboardDb, sender: string, now = Date.now()): Promise<void> {
  await db.remoteAllow.put({ sender: normaliseEmail(sender), addedAt: now });
}

export async function disallowRemote(db: SwitchboardDb, sender: string): Promise<void> {
  await db.remoteAllow.delete(normaliseEmail(sender));
}

export const attachmentKey = (interactionId: string, partId: string) => `${interactionId}:${partId}`;

export function cachedAttachment(db: SwitchboardDb, interactionId: string, partId: string): Promise<CachedAttachment | undefined> {
  return db.attachmentCache.get(attachmentKey(interactionId, partId));
}

export async function cacheAttachment(db: SwitchboardDb, row: Omit<CachedAttachment, 'key'>): Promise<CachedAttachment> {
  const full = { ...row, key: attachmentKey(row.interactionId, row.partId) };
  await db.attachmentCache.put(full);
  return full;
}

export async function cachedPartIds(db: SwitchboardDb, interactionId: string): Promise<Set<string>> {
  const rows = await db.attachmentCache.where('interactionId').equals(interactionId).toArray();
  return new Set(rows.map((r) => r.partId));
}
