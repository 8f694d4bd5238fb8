/**
 * The fold of the team log: pure, order-independent, idempotent.
 *
 * Every event is broken into field writes (`eventWrites`). Each field is a register keyed by a
 * string (`t:<threadId>:status`, `t:<threadId>:tag:<tag>`, `n:<noteVersionId>` ...) with one of
 * three rules:
 *   - 'lww'   last writer wins: the write with the greatest stamp (hlc, author, eventId);
 *   - 'first' first writer wins: the smallest stamp (a note version id, a merge, an undo: the
 *             first one keeps its identity, later ones are kept aside, never lost);
 *   - 'set'   every write is kept, keyed by event id (acknowledgements, competing note versions).
 * Merging a write into a register is commutative, associative and idempotent, so the same set of
 * events gives the same registers whatever order (and however often) they arrive in.
 *
 * The renderer stores the registers in Dexie (table teamStamps) and applies their winners to
 * thread, customer and note rows; `threadView` and friends compute those winners.
 */
import type { HandoffNote, Priority, TriageStatus } from '../domain';
import type { TeamEventEnvelope } from './event-schema';

export interface Stamp {
  hlc: string;
  author: string;
  /** Event id. */
  id: string;
}

/** Total order of events: hybrid clock, then author, then event id. */
export function compareStamps(a: Stamp, b: Stamp): number {
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
  if (a.author !== b.author) return a.author < b.author ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

export const stampOf = (e: Pick<TeamEventEnvelope, 'hlc' | 'author' | 'id'>): Stamp => ({ hlc: e.hlc, author: e.author, id: e.id });

export type RegisterRule = 'lww' | 'first' | 'set';

export interface FieldWrite {
  key: string;
  rule: RegisterRule;
  value: unknown;
}

export interface SingleRegister {
  key: string;
  rule: 'lww' | 'first';
  stamp: Stamp;
  value: unknown;
}
export interface SetRegister {
  key: string;
  rule: 'set';
  items: Record<string, { stamp: Stamp; value: unknown }>;
}
export type Register = SingleRegister | SetRegister;

export interface StatusValue {
  status: TriageStatus;
  snoozeUntil?: number;
  /** When the change was made (the thread's closedAt when closed). */
  at?: number;
}
export interface TagValue {
  tag: string;
  present: boolean;
}
export interface CallNoteValue {
  text: string;
  author: string;
  at: number;
}
export interface AckValue {
  by: string;
  at: number;
}

export const normTag = (t: string): string => t.trim().toLowerCase();

/** Register key prefixes (also used to find every register of one thread, customer or note). */
export const keys = {
  threadPrefix: (id: string) => `t:${id}:`,
  threadStatus: (id: string) => `t:${id}:status`,
  threadAssignee: (id: string) => `t:${id}:assignee`,
  threadPriority: (id: string) => `t:${id}:priority`,
  threadMissedHandled: (id: string) => `t:${id}:missed-handled`,
  threadTag: (id: string, tag: string) => `t:${id}:tag:${normTag(tag)}`,
  /** How a tag is spelled: the first spelling ever added wins (adding 'vip' to 'VIP' keeps 'VIP'). */
  threadTagName: (id: string, tag: string) => `t:${id}:tagname:${normTag(tag)}`,
  customerPrefix: (id: string) => `c:${id}:`,
  customerTag: (id: string, tag: string) => `c:${id}:tag:${normTag(tag)}`,
  customerTagName: (id: string, tag: string) => `c:${id}:tagname:${normTag(tag)}`,
  noteVersion: (versionId: string) => `n:${versionId}`,
  noteAcks: (noteId: string) => `a:${noteId}`,
  merge: (mergeId: string) => `m:${mergeId}`,
  undo: (mergeId: string) => `u:${mergeId}`,
  /** The note on one call interaction (last writer wins; empty text = removed). */
  callNote: (interactionId: string) => `k:${interactionId}`,
};

/** Which entity a register belongs to: 't:<id>', 'c:<id>', 'n:<versionId>', 'a:<noteId>', 'm:<id>', 'u:<id>', 'k:<interactionId>'. */
export function entityOf(key: string): string {
  const kind = key.slice(0, 2);
  if (kind === 't:' || kind === 'c:') {
    const end = key.indexOf(':', 2);
    return end < 0 ? key : key.slice(0, end);
  }
  return key;
}

function tagWrites(prefix: (tag: string) => string, namePrefix: (tag: string) => string, add: string[], remove: string[]): FieldWrite[] {
  const out = new Map<string, FieldWrite>();
  // Same order as applyTags: removals first, then additions (an add of the same tag wins).
  for (const t of remove) if (normTag(t)) out.set(prefix(t), { key: prefix(t), rule: 'lww', value: { tag: t.trim(), present: false } satisfies TagValue });
  for (const t of add) {
    if (!normTag(t)) continue;
    out.set(prefix(t), { key: prefix(t), rule: 'lww', value: { tag: t.trim(), present: true } satisfies TagValue });
    if (!out.has(namePrefix(t))) out.set(namePrefix(t), { key: namePrefix(t), rule: 'first', value: t.trim() });
  }
  return [...out.values()];
}

/** The field writes one event makes. Pure; the same event always gives the same writes. */
export function eventWrites(e: TeamEventEnvelope): FieldWrite[] {
  const a = e.payload;
  switch (a.type) {
    case 'thread.status':
      return a.threadIds.flatMap((id) => {
        const value: StatusValue = a.status === 'snoozed' ? { status: a.status, snoozeUntil: a.snoozeUntil } : { status: a.status };
        if (a.at !== undefined) value.at = a.at;
        const w: FieldWrite[] = [{ key: keys.threadStatus(id), rule: 'lww', value }];
        // Closing a missed call handles it for good (a grow-only flag: converges in any order).
        if (a.status === 'closed') w.push({ key: keys.threadMissedHandled(id), rule: 'first', value: true });
        return w;
      });
    case 'thread.assign':
      return a.threadIds.map((id) => ({ key: keys.threadAssignee(id), rule: 'lww', value: a.assignee }));
    case 'thread.priority':
      return a.threadIds.map((id) => ({ key: keys.threadPriority(id), rule: 'lww', value: a.priority }));
    case 'thread.tags':
      return a.threadIds.flatMap((id) => tagWrites((t) => keys.threadTag(id, t), (t) => keys.threadTagName(id, t), a.add, a.remove));
    case 'customer.tags':
      return tagWrites((t) => keys.customerTag(a.customerId, t), (t) => keys.customerTagName(a.customerId, t), a.add, a.remove);
    case 'note.write':
      return [{ key: keys.noteVersion(a.note.id), rule: 'set', value: a.note }];
    case 'note.ack':
      return [{ key: keys.noteAcks(a.noteId), rule: 'set', value: { by: a.by, at: a.at } satisfies AckValue }];
    case 'customer.merge':
      return [{ key: keys.merge(a.merge.id), rule: 'first', value: { merge: a.merge } }];
    case 'customer.split':
      return [{ key: keys.merge(a.merge.id), rule: 'first', value: { merge: a.merge, newCustomer: a.newCustomer } }];
    case 'merge.undo':
      return [{ key: keys.undo(a.mergeId), rule: 'first', value: { by: a.by, at: a.at } satisfies AckValue }];
    case 'call.note':
      return [{ key: keys.callNote(a.interactionId), rule: 'lww', value: { text: a.text, author: a.author, at: a.at } satisfies CallNoteValue }];
    case 'thread.calledBack':
      // Same grow-only flag as closing a missed call: handled once is handled everywhere.
      return a.threadIds.map((id) => ({ key: keys.threadMissedHandled(id), rule: 'first', value: true }));
  }
}

/**
 * Merge one write (by the event with `stamp`) into a register. Returns the new register and
 * whether the visible winner changed. Never mutates its input.
 */
export function mergeWrite(current: Register | undefined, write: FieldWrite, stamp: Stamp): { register: Register; changed: boolean } {
  if (write.rule === 'set') {
    if (current && current.rule !== 'set') throw new Error(`register ${write.key} is ${current.rule}, not set`);
    if (current?.items[stamp.id]) return { register: current, changed: false };
    const items = { ...(current?.items ?? {}), [stamp.id]: { stamp, value: write.value } };
    return { register: { key: write.key, rule: 'set', items }, changed: true };
  }
  if (current && current.rule !== write.rule) throw new Error(`register ${write.key} is ${current.rule}, not ${write.rule}`);
  if (current) {
    const c = compareStamps(stamp, current.stamp);
    const wins = write.rule === 'lww' ? c > 0 : c < 0;
    if (!wins) return { register: current, changed: false };
  }
  return { register: { key: write.key, rule: write.rule, stamp, value: write.value }, changed: true };
}

/** In-memory registers: the complete team state as a pure value. */
export type TeamState = Record<string, Register>;

export function foldEvent(state: TeamState, e: TeamEventEnvelope): TeamState {
  const stamp = stampOf(e);
  let next = state;
  for (const w of eventWrites(e)) {
    const { register, changed } = mergeWrite(next[w.key], w, stamp);
    if (changed) next = { ...next, [w.key]: register };
  }
  return next;
}

export function foldEvents(events: Iterable<TeamEventEnvelope>, state: TeamState = {}): TeamState {
  let s = state;
  for (const e of events) s = foldEvent(s, e);
  return s;
}

// ---- views: what the registers mean for a row -------------------------------------------------

export interface ThreadView {
  status?: StatusValue;
  /** null = explicitly unassigned; undefined = never set by the team log. */
  assignee?: string | null;
  priority?: Priority;
  /** Tags the log decided about, by normalised tag. */
  tags: Map<string, TagValue>;
  /** First spelling of each tag ever added, by normalised tag. */
  tagNames: Map<string, string>;
  missedHandled: boolean;
}

function single(r: Register | undefined): SingleRegister | undefined {
  return r && r.rule !== 'set' ? r : undefined;
}

/** Registers of one thread (all keys starting with keys.threadPrefix(id)). */
export function threadView(registers: Iterable<Register>): ThreadView {
  const view: ThreadView = { tags: new Map(), tagNames: new Map(), missedHandled: false };
  for (const r of registers) {
    const s = single(r);
    if (!s) continue;
    const field = s.key.slice(s.key.indexOf(':', 2) + 1);
    if (field === 'status') view.status = s.value as StatusValue;
    else if (field === 'assignee') view.assignee = s.value as string | null;
    else if (field === 'priority') view.priority = s.value as Priority;
    else if (field === 'missed-handled') view.missedHandled = true;
    else if (field.startsWith('tag:')) view.tags.set(field.slice(4), s.value as TagValue);
    else if (field.startsWith('tagname:')) view.tagNames.set(field.slice(8), s.value as string);
  }
  return view;
}

/**
 * Final tag list: tags nobody decided about keep their place; decided ones are present or not
 * as their register says, spelled as first added, in tag order (so every console shows the same list).
 */
export function applyTagView(current: string[], decided: Map<string, TagValue>, names: Map<string, string> = new Map()): string[] {
  const kept = current.filter((t) => !decided.has(normTag(t)));
  const added = [...decided.entries()]
    .filter(([, v]) => v.present)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => names.get(k) ?? v.tag);
  return [...kept, ...added];
}

/**
 * Placement of competing writes of one note version id: the first (smallest stamp) keeps the id,
 * each later one is kept as `<id>~<eventId>` so no agent's note is lost.
 */
export function noteVersionPlacement(register: Register): Array<{ id: string; note: HandoffNote; stamp: Stamp }> {
  if (register.rule !== 'set') return [];
  const items = Object.values(register.items).sort((a, b) => compareStamps(a.stamp, b.stamp));
  return items.map((it, i) => {
    const note = it.value as HandoffNote;
    const id = i === 0 ? note.id : `${note.id}~${it.stamp.id}`;
    return { id, note: { ...note, id }, stamp: it.stamp };
  });
}

/**
 * Acknowledgement of each version: the earliest acknowledgement (by time, then stamp) made at or
 * after the version was written. Order-independent version of team-actions' rule "an ack covers
 * the versions written before it; a later edit pins the note again".
 */
export function ackFor(createdAt: number, acks: Register | undefined): AckValue | undefined {
  if (!acks || acks.rule !== 'set') return undefined;
  let best: { stamp: Stamp; value: AckValue } | undefined;
  for (const it of Object.values(acks.items)) {
    const v = it.value as AckValue;
    if (v.at < createdAt) continue;
    if (!best || v.at < best.value.at || (v.at === best.value.at && compareStamps(it.stamp, best.stamp) < 0)) best = { stamp: it.stamp, value: v };
  }
  return best?.value;
}
