/** Handoff note reads: the latest version of each note of a customer, pinned ones first. */
import Dexie from 'dexie';
import type { HandoffNote } from '../../../../shared/domain';
import type { SwitchboardDb } from '../schema';

/** Latest version of every note of a customer, newest first (pure over all versions). */
export function latestVersions(rows: HandoffNote[]): HandoffNote[] {
  const latest = new Map<string, HandoffNote>();
  for (const n of rows) {
    const cur = latest.get(n.noteId);
    if (!cur || n.version > cur.version) latest.set(n.noteId, n);
  }
  return [...latest.values()].sort((a, b) => b.createdAt - a.createdAt);
}

export function isPinned(note: HandoffNote): boolean {
  return note.acknowledgedAt === undefined;
}

export async function customerNotes(db: SwitchboardDb, customerId: string): Promise<HandoffNote[]> {
  const rows = await db.handoffNotes.where('[customerId+createdAt]').between([customerId, Dexie.minKey], [customerId, Dexie.maxKey]).toArray();
  return latestVersions(rows);
}

export async function noteVersions(db: SwitchboardDb, noteId: string): Promise<HandoffNote[]> {
  return (await db.handoffNotes.where('noteId').equals(noteId).toArray()).sort((a, b) => a.version - b.version);
}
