/**
 * The fold's registers in Dexie (table teamStamps), and recording a local event's registers
 * inside commitTeamAction's transaction. Imports nothing from team-actions, so team-actions can
 * import it without a cycle.
 */
import type { HandoffNote, TeamEvent, Thread } from '../../../shared/domain';
import type { TeamEventEnvelope } from '../../../shared/team/event-schema';
import { ackFor, applyTagView, eventWrites, keys, mergeWrite, noteVersionPlacement, stampOf, threadView, type CallNoteValue, type Register, type TagValue } from '../../../shared/team/fold';
import { indexCallNote, unindexCallNote } from '../search/search-index';
import { tick } from '../../../shared/team/hlc';
import type { SwitchboardDb } from '../db/schema';

export const teamCursorKey = (sourceId: string) => `team:${sourceId}`;

export function toEnvelope(e: TeamEvent): TeamEventEnvelope {
  if (!e.hlc) throw new Error(`team event ${e.id} has no clock timestamp`);
  return { v: 1, kind: 'event', id: e.id, type: e.payload.type, author: e.author, hlc: e.hlc, ts: e.ts, payload: e.payload };
}

/** Merge an event's writes into the stored registers; returns the keys whose winner changed. */
export async function mergeRegisters(db: SwitchboardDb, events: TeamEventEnvelope[]): Promise<Set<string>> {
  const writes = events.map((e) => ({ stamp: stampOf(e), writes: eventWrites(e) }));
  const allKeys = [...new Set(writes.flatMap((w) => w.writes.map((x) => x.key)))];
  const rows = await db.teamStamps.bulkGet(allKeys);
  const current = new Map<string, Register>();
  rows.forEach((r, i) => r && current.set(allKeys[i]!, r));
  const changed = new Set<string>();
  for (const { stamp, writes: ws } of writes) {
    for (const w of ws) {
      const res = mergeWrite(current.get(w.key), w, stamp);
      if (res.changed) {
        current.set(w.key, res.register);
        changed.add(w.key);
      }
    }
  }
  if (changed.size) await db.teamStamps.bulkPut([...changed].map((k) => current.get(k)!));
  return changed;
}

/** Inside commitTeamAction's transaction: the event was applied; remember what it decided. */
export async function recordLocalEvent(db: SwitchboardDb, event: TeamEvent): Promise<void> {
  const changed = await mergeRegisters(db, [toEnvelope(event)]);
  // Rows are always what the registers say, for local and received events alike (same tag
  // spelling and order, same acknowledgement rule), so consoles compare equal.
  await applyRowRegisters(db, changed);
}

/** The next local clock timestamp: after the newest one this console knows (local or received). */
export async function nextLocalHlc(db: SwitchboardDb, wallMs: number): Promise<string> {
  const latest = await db.teamEvents.orderBy('hlc').last();
  return tick(latest?.hlc, wallMs);
}

async function registersWithPrefix(db: SwitchboardDb, prefix: string): Promise<Register[]> {
  return db.teamStamps.where('key').between(prefix, `${prefix}\uffff`).toArray();
}

/** Rewrite the team-decided fields of these threads from their registers. */
export async function refreshThreads(db: SwitchboardDb, threadIds: Iterable<string>): Promise<number> {
  let n = 0;
  for (const id of new Set(threadIds)) {
    const regs = await registersWithPrefix(db, keys.threadPrefix(id));
    if (!regs.length) continue;
    const t = await db.threads.get(id);
    if (!t) continue;
    const v = threadView(regs);
    const next: Thread = { ...t };
    if (v.status) {
      next.status = v.status.status;
      if (v.status.status === 'snoozed' && v.status.snoozeUntil) next.snoozeUntil = v.status.snoozeUntil;
      else delete next.snoozeUntil;
      if (v.status.status === 'closed') next.closedAt = v.status.at ?? t.closedAt ?? t.lastTs;
      else delete next.closedAt;
    }
    if (v.missedHandled && next.missedCall) next.missedCall = false;
    if (v.assignee !== undefined) {
      if (v.assignee) next.assignee = v.assignee;
      else delete next.assignee;
    }
    if (v.priority) next.priority = v.priority;
    if (v.tags.size) next.tags = applyTagView(t.tags ?? [], v.tags, v.tagNames);
    if (JSON.stringify(next) !== JSON.stringify(t)) {
      await db.threads.put(next);
      n++;
    }
  }
  return n;
}

async function refreshCustomerTags(db: SwitchboardDb, customerId: string) {
  const regs = await registersWithPrefix(db, keys.customerPrefix(customerId));
  const decided = new Map<string, TagValue>();
  const names = new Map<string, string>();
  for (const r of regs) {
    if (r.rule === 'set') continue;
    if (r.key.includes(':tag:')) decided.set(r.key.slice(r.key.indexOf(':tag:') + 5), r.value as TagValue);
    else if (r.key.includes(':tagname:')) names.set(r.key.slice(r.key.indexOf(':tagname:') + 9), r.value as string);
  }
  const c = await db.customers.get(customerId);
  if (c && decided.size) {
    const tags = applyTagView(c.tags ?? [], decided, names);
    if (JSON.stringify(tags) !== JSON.stringify(c.tags)) await db.customers.update(customerId, { tags });
  }
}

async function refreshNoteVersion(db: SwitchboardDb, key: string): Promise<string | undefined> {
  const reg = await db.teamStamps.get(key);
  if (!reg) return undefined;
  const placed = noteVersionPlacement(reg);
  for (const p of placed) {
    const existing = await db.handoffNotes.get(p.id);
    // Keep acknowledgement fields (derived below); the content is the write's.
    const row: HandoffNote = { ...p.note, acknowledgedBy: existing?.acknowledgedBy, acknowledgedAt: existing?.acknowledgedAt };
    if (!row.acknowledgedBy) delete row.acknowledgedBy;
    if (!row.acknowledgedAt) delete row.acknowledgedAt;
    await db.handoffNotes.put(row);
  }
  return placed[0]?.note.noteId;
}

async function refreshAcks(db: SwitchboardDb, noteId: string) {
  const acks = await db.teamStamps.get(keys.noteAcks(noteId));
  await db.handoffNotes.where('noteId').equals(noteId).modify((n) => {
    const a = ackFor(n.createdAt, acks);
    if (a) {
      n.acknowledgedBy = a.by;
      n.acknowledgedAt = a.at;
    } else if (acks) {
      delete n.acknowledgedBy;
      delete n.acknowledgedAt;
    }
  });
}

/**
 * The call note row (and its search entry) as a call-note register says: written, or removed
 * when the winning write has no text. Idempotent.
 */
export async function applyCallNote(db: SwitchboardDb, interactionId: string, v: CallNoteValue): Promise<void> {
  const current = await db.callNotes.get(interactionId);
  if (!v.text.trim()) {
    if (current) {
      await db.callNotes.delete(interactionId);
      await unindexCallNote(db, interactionId);
    }
    return;
  }
  if (current && current.text === v.text && current.author === v.author && current.updatedAt === v.at) return;
  const row = { interactionId, text: v.text, author: v.author, updatedAt: v.at };
  await db.callNotes.put(row);
  await indexCallNote(db, row);
}

async function refreshCallNote(db: SwitchboardDb, key: string) {
  const reg = await db.teamStamps.get(key);
  if (!reg || reg.rule === 'set') return;
  await applyCallNote(db, key.slice(2), reg.value as CallNoteValue);
}

/** Rewrite the thread, customer and note rows that changed registers decide. Returns threads changed. */
export async function applyRowRegisters(db: SwitchboardDb, changed: Iterable<string>): Promise<number> {
  const threads = new Set<string>();
  const customers = new Set<string>();
  const notes: string[] = [];
  const ackNotes = new Set<string>();
  const callNotes: string[] = [];
  for (const k of changed) {
    const kind = k.slice(0, 2);
    if (kind === 'k:') callNotes.push(k);
    else if (kind === 't:') threads.add(k.slice(2, k.indexOf(':', 2)));
    else if (kind === 'c:') customers.add(k.slice(2, k.indexOf(':', 2)));
    else if (kind === 'n:') notes.push(k);
    else if (kind === 'a:') ackNotes.add(k.slice(2));
  }
  for (const k of notes) {
    const noteId = await refreshNoteVersion(db, k);
    if (noteId) ackNotes.add(noteId);
  }
  for (const noteId of ackNotes) await refreshAcks(db, noteId);
  for (const c of customers) await refreshCustomerTags(db, c);
  for (const k of callNotes) await refreshCallNote(db, k);
  return refreshThreads(db, threads);
}
