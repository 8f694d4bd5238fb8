/**
 * Ingest: turns a connector's SourceBatch into customers, identities, interactions and threads,
 * and commits it together with the batch's cursor in ONE Dexie transaction. A crash before the
 * commit loses nothing (the cursor did not move); a replayed batch is harmless (every row has a
 * deterministic key).
 */
import type {
  CallRecord,
  ChatRecord,
  Customer,
  EmailRecord,
  Identity,
  IdentityKind,
  Interaction,
  SourceBatch,
  SourceRecord,
  Thread,
} from '../../../shared/domain';
import Dexie from 'dexie';
import { hashString } from '../../../shared/hash';
import { identityKey } from '../../../shared/identity';
import type { SwitchboardDb } from '../db/schema';
import { indexBatch } from '../search/search-index';
import { formatDuration, isReplySubject, normaliseSubject, snippetOf } from './text';

export interface IngestOptions {
  /** Team identities (agents' addresses, the support JID, extensions) are never customers. */
  isTeam?(kind: IdentityKind, normalisedKey: string): boolean;
  /** A new chat session starts after this much silence. Default 30 minutes. */
  chatSessionGapMs?: number;
  now?(): number;
}

export interface IngestResult {
  added: number;
  updated: number;
  removed: number;
  customersCreated: number;
  threadIds: string[];
}

const DEFAULT_GAP = 30 * 60_000;

/** The cursors row where a reseed keeps the triage state of the threads it emptied (see BatchWriter.stash). */
export const reseedStashKey = (sourceId: string) => `reseed:${sourceId}`;

export async function ingestBatch(db: SwitchboardDb, batch: SourceBatch, opts: IngestOptions = {}): Promise<IngestResult> {
  const tables = [db.customers, db.identities, db.interactions, db.threads, db.cursors, db.problems, db.searchDocs];
  return db.transaction('rw', tables, async () => {
    const writer = new BatchWriter(db, opts);
    if (batch.reset) await writer.dropSource(batch.sourceId);
    // The reseed stash is read beside the batch's own read-ahead: no extra round trip per batch.
    await Dexie.Promise.all([writer.loadReseedStash(batch.sourceId), writer.prefetch(batch.records)]);
    for (const record of batch.records) await writer.apply(record);
    const result = await writer.flush(batch.hasMore);
    // A live push (cursor null/undefined) is stored but does not move the cursor.
    if (batch.cursor !== null && batch.cursor !== undefined) {
      await db.cursors.put({ sourceId: batch.sourceId, cursor: batch.cursor, updatedAt: writer.now() });
    }
    if (batch.problems?.length) await db.problems.bulkAdd(batch.problems.map((p) => ({ ...p })));
    return result;
  });
}

class BatchWriter {
  private readonly identities = new Map<string, string>();
  private readonly customers = new Map<string, Customer>();
  private readonly newCustomers = new Set<string>();
  private readonly pending = new Map<string, Interaction>();
  /** Interactions deleted by this batch, for the search index. */
  private readonly removedIds = new Set<string>();
  private readonly touchedThreads = new Set<string>();
  private readonly threadCustomer = new Map<string, string>();
  private readonly byMessageId = new Map<string, string>();
  /** In-Reply-To -> threads of this batch's messages that reply to it (their parent may come later). */
  private readonly byParent = new Map<string, Set<string>>();
  /** Identities first seen in this batch; written in one bulkPut at flush (nothing re-reads them from the table before). */
  private readonly newIdentities: Identity[] = [];
  /**
   * Rows read ahead in a few parallel bulk requests (see `prefetch`), so applying a batch does not
   * wait for one IndexedDB round trip per record. A key that is present holds what the table held
   * (undefined = no row); an absent key is read from the table as before. Entries are dropped when
   * this batch deletes the row, so a read always sees what the table would answer.
   */
  private readonly ahead = {
    identities: new Map<string, Identity | undefined>(),
    customers: new Map<string, Customer | undefined>(),
    interactions: new Map<string, Interaction | undefined>(),
    threads: new Map<string, Thread | undefined>(),
    /** messageId -> threadId of the first interaction with it in index order (what `.first()` returns), null = none. */
    messageThread: new Map<string, string | null>(),
    /** messageId -> threads of the stored replies to it (In-Reply-To); empty = none. */
    replyThreads: new Map<string, Set<string>>(),
  };
  /**
   * A reseed (batch.reset: UIDVALIDITY changed) empties the source's threads before its messages
   * come back over the following batches. Their rows (status, assignee, priority, tags, snooze...)
   * wait here, in a cursors row `reseed:<sourceId>` written with each batch, and a thread that gets
   * items again takes its triage state back; what has not come back when the source has nothing
   * more to give is gone for real.
   */
  private stash: Record<string, Thread> = {};
  private stashLoaded = false;
  private stashKey = '';
  /** This batch is a reset (dropSource ran): threads it empties go to the stash. */
  private reseeding = false;
  private readonly gap: number;
  private added = 0;
  private updated = 0;
  private removed = 0;
  readonly now: () => number;

  constructor(
    private readonly db: SwitchboardDb,
    private readonly opts: IngestOptions,
  ) {
    this.gap = opts.chatSessionGapMs ?? DEFAULT_GAP;
    this.now = opts.now ?? Date.now;
  }

  async loadReseedStash(sourceId: string) {
    this.stashKey = reseedStashKey(sourceId);
    const row = await this.db.cursors.get(this.stashKey);
    this.stashLoaded = !!row;
    if (row && row.cursor && typeof row.cursor === 'object') this.stash = { ...(row.cursor as Record<string, Thread>) };
  }

  async dropSource(sourceId: string) {
    this.reseeding = true;
    const rows = await this.db.interactions.where('sourceId').equals(sourceId).toArray();
    for (const r of rows) {
      this.touchedThreads.add(r.threadId);
      this.removedIds.add(r.id);
    }
    await this.db.interactions.where('sourceId').equals(sourceId).delete();
    this.removed += rows.length;
  }

  /** Reads ahead, in parallel bulk requests, the rows applying `records` will look up. */
  async prefetch(records: SourceRecord[]) {
    const identityKeys = new Set<string>();
    const interactionIds = new Set<string>();
    const messageIds = new Set<string>();
    const threadIds = new Set<string>();
    for (const r of records) {
      interactionIds.add(r.sourceKey);
      if (r.type === 'email') {
        for (const a of [...(r.replyTo ?? []), r.from, ...r.to, ...r.cc]) if (a.address.trim()) identityKeys.add(identityKey('email', a.address));
        for (const id of [r.inReplyTo, ...r.references, r.messageId]) if (id) messageIds.add(id);
        threadIds.add(`em_${hashString(r.references[0] ?? r.inReplyTo ?? r.messageId ?? r.sourceKey)}`);
      } else if (r.type === 'call' && r.customerNumber.trim()) identityKeys.add(identityKey('phone', r.customerNumber));
    }
    if (records.length < 8) return;
    const idKeys = [...identityKeys];
    const itIds = [...interactionIds];
    const mIds = [...messageIds];
    const ownIds = [...new Set(records.flatMap((r) => (r.type === 'email' && r.messageId ? [r.messageId] : [])))];
    const [identities, interactions, byMessage, replies] = await Dexie.Promise.all([
      this.db.identities.bulkGet(idKeys),
      this.db.interactions.bulkGet(itIds),
      mIds.length ? this.db.interactions.where('messageId').anyOf(mIds).toArray() : Dexie.Promise.resolve([] as Interaction[]),
      ownIds.length ? this.db.interactions.where('inReplyTo').anyOf(ownIds).toArray() : Dexie.Promise.resolve([] as Interaction[]),
    ]);
    for (const id of ownIds) this.ahead.replyThreads.set(id, new Set());
    for (const row of replies) {
      if (!row.inReplyTo) continue;
      this.ahead.replyThreads.get(row.inReplyTo)?.add(row.threadId);
      threadIds.add(row.threadId);
    }
    const customerIds = new Set<string>();
    idKeys.forEach((k, i) => {
      const identity = identities[i];
      this.ahead.identities.set(k, identity);
      customerIds.add(identity ? identity.customerId : `cu_${hashString(k)}`);
    });
    itIds.forEach((k, i) => {
      const row = interactions[i];
      this.ahead.interactions.set(k, row);
      if (row) threadIds.add(row.threadId);
    });
    for (const id of mIds) this.ahead.messageThread.set(id, null);
    for (const row of byMessage) {
      if (row.messageId && this.ahead.messageThread.get(row.messageId) === null) {
        this.ahead.messageThread.set(row.messageId, row.threadId);
        threadIds.add(row.threadId);
      }
    }
    const cIds = [...customerIds];
    const tIds = [...threadIds];
    const [customers, threads] = await Dexie.Promise.all([this.db.customers.bulkGet(cIds), this.db.threads.bulkGet(tIds)]);
    cIds.forEach((k, i) => this.ahead.customers.set(k, customers[i]));
    tIds.forEach((k, i) => this.ahead.threads.set(k, threads[i]));
  }

  // Cached answers are still handed out as Dexie promises: awaiting a plain value inside the
  // transaction would lose Dexie's transaction zone.
  private getInteraction(id: string): PromiseLike<Interaction | undefined> {
    return this.ahead.interactions.has(id) ? Dexie.Promise.resolve(this.ahead.interactions.get(id)) : this.db.interactions.get(id);
  }

  private getCustomer(id: string): PromiseLike<Customer | undefined> {
    return this.ahead.customers.has(id) ? Dexie.Promise.resolve(this.ahead.customers.get(id)) : this.db.customers.get(id);
  }

  async apply(record: SourceRecord) {
    switch (record.type) {
      case 'email':
        return this.email(record);
      case 'chat':
        return this.chat(record);
      case 'call':
        return this.call(record);
      case 'removal': {
        const existing = this.pending.get(record.sourceKey) ?? (await this.getInteraction(record.sourceKey));
        if (existing) {
          this.pending.delete(record.sourceKey);
          await this.db.interactions.delete(record.sourceKey);
          // The row is gone: later reads of it, or of a Message-ID it carried, go to the table.
          this.ahead.interactions.delete(record.sourceKey);
          this.ahead.messageThread.clear();
          this.ahead.replyThreads.clear();
          this.removedIds.add(record.sourceKey);
          this.touchedThreads.add(existing.threadId);
          this.removed++;
        }
        return;
      }
      case 'flags': {
        const existing = this.pending.get(record.sourceKey) ?? (await this.getInteraction(record.sourceKey));
        if (existing) {
          this.pending.set(existing.id, { ...existing, flags: record.flags });
          this.touchedThreads.add(existing.threadId);
        }
        return;
      }
    }
  }

  // ---- customers ----------------------------------------------------------------------------

  private async customerFor(kind: IdentityKind, value: string, name: string | undefined, ts: number): Promise<string | undefined> {
    const key = identityKey(kind, value);
    if (!value.trim() || this.opts.isTeam?.(kind, key)) return undefined;
    let customerId = this.identities.get(key);
    if (!customerId) {
      const identity = this.ahead.identities.has(key) ? this.ahead.identities.get(key) : await this.db.identities.get(key);
      if (identity) {
        customerId = await this.resolveMerged(identity.customerId);
      } else {
        customerId = `cu_${hashString(key)}`;
        const existing = await this.getCustomer(customerId);
        if (!existing) {
          this.customers.set(customerId, {
            id: customerId,
            name: name?.trim() || value,
            createdAt: ts,
            lastActivityAt: ts,
            tags: [],
          });
          this.newCustomers.add(customerId);
        }
        this.newIdentities.push({ key, kind, value: key.slice(kind.length + 1), customerId, label: name });
      }
      this.identities.set(key, customerId);
    }
    const touching = this.touchCustomer(customerId, ts, name);
    if (touching) await touching;
    return customerId;
  }

  /** Follow merge links to the surviving customer. */
  private async resolveMerged(id: string): Promise<string> {
    let current = id;
    for (let hops = 0; hops < 20; hops++) {
      const c = this.customers.get(current) ?? (await this.getCustomer(current));
      if (!c?.mergedInto) return current;
      current = c.mergedInto;
    }
    return current;
  }

  /**
   * Synchronous when the customer is already at hand (returns undefined), a promise only when the
   * row must be read: a long run of awaits that never touch Dexie would exhaust Dexie's zone
   * echoes and let the transaction commit under us (PrematureCommitError).
   */
  private touchCustomer(id: string, ts: number, name?: string): PromiseLike<void> | undefined {
    let c = this.customers.get(id);
    if (!c && this.ahead.customers.has(id)) {
      const row = this.ahead.customers.get(id);
      if (!row) return undefined;
      c = { ...row };
      this.customers.set(id, c);
    }
    if (!c) {
      return this.db.customers.get(id).then((row) => {
        if (!row) return;
        if (!this.customers.has(id)) this.customers.set(id, { ...row });
        this.touchKnownCustomer(this.customers.get(id)!, ts, name);
      });
    }
    this.touchKnownCustomer(c, ts, name);
    return undefined;
  }

  private touchKnownCustomer(c: Customer, ts: number, name?: string) {
    if (ts > c.lastActivityAt) c.lastActivityAt = ts;
    if (ts < c.createdAt) c.createdAt = ts;
    // A name seen later improves a customer that was only known by an address or number.
    if (name?.trim() && (c.name.includes('@') || /^\+?\d[\d\s-]*$/.test(c.name))) c.name = name.trim();
  }

  // ---- interactions -------------------------------------------------------------------------

  private async put(interaction: Interaction) {
    const existing = this.pending.get(interaction.id) ?? (await this.getInteraction(interaction.id));
    if (existing) {
      this.updated++;
      // Keep the thread an item was placed in: threads must not move under an agent's eyes on replay.
      interaction = { ...interaction, threadId: existing.threadId, customerId: existing.customerId };
    } else {
      this.added++;
    }
    this.pending.set(interaction.id, interaction);
    this.touchedThreads.add(interaction.threadId);
    this.threadCustomer.set(interaction.threadId, interaction.customerId);
    if (interaction.messageId) this.byMessageId.set(interaction.messageId, interaction.threadId);
    if (interaction.channel === 'email' && interaction.inReplyTo) {
      const set = this.byParent.get(interaction.inReplyTo) ?? new Set<string>();
      set.add(interaction.threadId);
      this.byParent.set(interaction.inReplyTo, set);
    }
  }

  private async email(r: EmailRecord) {
    const counterpart =
      r.direction === 'inbound'
        ? [...(r.replyTo ?? []), r.from]
        : [...r.to, ...r.cc];
    let customerId: string | undefined;
    for (const a of counterpart) {
      customerId = await this.customerFor('email', a.address, a.name, r.date);
      if (customerId) break;
    }
    if (!customerId) customerId = await this.customerFor('email', r.from.address, r.from.name, r.date);
    if (!customerId) return; // purely internal mail between team addresses: not a customer conversation

    let threadId = await this.emailThread(r);
    // Replies that arrived before this message (newest-first sync) may have started threads of
    // their own: this message links them (and its ancestors' thread) into one conversation.
    const replies = await this.replyThreads(r);
    threadId ??= replies[0];
    for (const t of replies) if (threadId && t !== threadId) await this.mergeThread(t, threadId);
    if (!threadId && isReplySubject(r.subject)) threadId = await this.subjectThread(customerId, r.subject);
    threadId ??= `em_${hashString(r.references[0] ?? r.inReplyTo ?? r.messageId ?? r.sourceKey)}`;
    const threadOwner =
      this.threadCustomer.get(threadId) ??
      (this.ahead.threads.has(threadId) ? this.ahead.threads.get(threadId) : await this.db.threads.get(threadId))?.customerId;

    await this.put({
      id: r.sourceKey,
      customerId: threadOwner ?? customerId,
      threadId,
      channel: 'email',
      direction: r.direction,
      ts: r.date,
      sourceId: r.sourceId,
      fromLabel: r.from.name || r.from.address,
      agent: r.direction === 'outbound' ? r.from.name || r.from.address : undefined,
      subject: r.subject,
      text: r.text,
      html: r.html,
      messageId: r.messageId,
      inReplyTo: r.inReplyTo,
      references: r.references,
      from: r.from,
      to: r.to,
      cc: r.cc,
      attachments: r.attachments,
      flags: r.flags,
      warnings: r.warnings,
      folder: r.folder,
      uid: r.uid,
    });
  }

  /** The thread of the nearest known ancestor (In-Reply-To, then References newest first), else of a known reply to it. */
  private async emailThread(r: EmailRecord): Promise<string | undefined> {
    const ids = [r.inReplyTo, ...[...r.references].reverse(), r.messageId].filter((x): x is string => !!x);
    for (const id of ids) {
      const inBatch = this.byMessageId.get(id);
      if (inBatch) return inBatch;
      const ahead = this.ahead.messageThread.get(id);
      if (ahead !== undefined) {
        if (ahead !== null) return ahead;
        continue;
      }
      const hit = await this.db.interactions.where('messageId').equals(id).first();
      if (hit) return this.threadNow(hit);
    }
    return undefined;
  }

  /**
   * The threads of replies that arrived before this message (sync runs newest first) and name it
   * in their In-Reply-To: stored ones and this batch's, in a stable order.
   */
  private async replyThreads(r: EmailRecord): Promise<string[]> {
    if (!r.messageId) return [];
    const out = new Set<string>();
    const ahead = this.ahead.replyThreads.get(r.messageId);
    const stored = ahead ?? new Set((await this.db.interactions.where('inReplyTo').equals(r.messageId).toArray()).map((i) => this.threadNow(i)));
    for (const t of stored) out.add(t);
    for (const t of this.byParent.get(r.messageId) ?? []) out.add(t);
    return [...out].sort();
  }

  /** The thread a stored row is in now: this batch may have moved it (mergeThread). */
  private threadNow(row: Interaction): string {
    return this.pending.get(row.id)?.threadId ?? row.threadId;
  }

  /**
   * Move every item of thread `from` into thread `into` (stored rows and this batch's), and point
   * this batch's lookups at `into`. `from` is left empty, so flush deletes its row; `into` keeps
   * its triage state.
   */
  private async mergeThread(from: string, into: string) {
    const stored = await this.db.interactions.where('[threadId+ts]').between([from, -Infinity], [from, Infinity]).toArray();
    for (const row of stored) {
      if (this.pending.has(row.id)) continue;
      this.pending.set(row.id, { ...row, threadId: into });
      // Later lookups in this batch find the moved rows where they are now.
      if (row.messageId) this.byMessageId.set(row.messageId, into);
    }
    for (const [id, it] of this.pending) if (it.threadId === from) this.pending.set(id, { ...it, threadId: into });
    for (const [id, it] of this.ahead.interactions) if (it?.threadId === from) this.ahead.interactions.set(id, { ...it, threadId: into });
    for (const m of [this.byMessageId, this.ahead.messageThread]) for (const [k, v] of m) if (v === from) m.set(k, into);
    for (const m of [this.byParent, this.ahead.replyThreads]) {
      for (const set of m.values()) {
        if (set.delete(from)) set.add(into);
      }
    }
    const owner = this.threadCustomer.get(into);
    if (!owner && this.threadCustomer.has(from)) this.threadCustomer.set(into, this.threadCustomer.get(from)!);
    this.threadCustomer.delete(from);
    this.touchedThreads.add(from);
    this.touchedThreads.add(into);
  }

  /** Subject fallback, only within one customer's email threads of the last 60 days. */
  private async subjectThread(customerId: string, subject: string): Promise<string | undefined> {
    const wanted = normaliseSubject(subject);
    if (!wanted) return undefined;
    const threads = await this.db.threads
      .where('[customerId+lastTs]')
      .between([customerId, this.now() - 60 * 86_400_000], [customerId, Infinity])
      .toArray();
    return threads.find((t) => t.channel === 'email' && normaliseSubject(t.subject) === wanted)?.id;
  }

  private async chat(r: ChatRecord) {
    const customerId = await this.customerFor('jid', r.peer, r.peerName, r.ts);
    if (!customerId) return;
    const threadId = (await this.chatSession(customerId, r)) ?? `ch_${hashString(r.sourceKey)}`;
    await this.put({
      id: r.sourceKey,
      customerId,
      threadId,
      channel: 'chat',
      direction: r.direction,
      ts: r.ts,
      sourceId: r.sourceId,
      fromLabel: r.direction === 'inbound' ? r.peerName || r.peer : r.agent || r.account,
      agent: r.direction === 'outbound' ? r.agent || r.account : undefined,
      text: r.body,
      messageId: r.stanzaId,
      warnings: r.warnings,
    });
  }

  /** A chat message joins the session of a neighbour within the idle gap, else starts one. */
  private async chatSession(customerId: string, r: ChatRecord): Promise<string | undefined> {
    const existing = this.pending.get(r.sourceKey) ?? (await this.getInteraction(r.sourceKey));
    if (existing) return existing.threadId;
    const near = (await this.db.interactions
      .where('[customerId+ts]')
      .between([customerId, r.ts - this.gap], [customerId, r.ts + this.gap], true, true)
      .toArray()).concat([...this.pending.values()].filter((i) => i.customerId === customerId && Math.abs(i.ts - r.ts) <= this.gap));
    const chats = near.filter((i) => i.channel === 'chat' && i.sourceId === r.sourceId).map((i) => ({ ...i, threadId: this.threadNow(i) }));
    if (!chats.length) return undefined;
    const before = chats.filter((i) => i.ts <= r.ts).sort((a, b) => b.ts - a.ts)[0];
    const after = chats.filter((i) => i.ts > r.ts).sort((a, b) => a.ts - b.ts)[0];
    // A message that arrives late (archive catch-up) between two sessions, within the idle gap
    // of both, closes the gap: they are one session.
    if (before && after && before.threadId !== after.threadId) await this.mergeThread(after.threadId, before.threadId);
    return (before ?? after)?.threadId;
  }

  private async call(r: CallRecord) {
    const customerId = await this.customerFor('phone', r.customerNumber, r.customerName, r.start);
    if (!customerId) return;
    const label =
      r.outcome === 'answered' ? `Call · ${formatDuration(r.billSec || r.durationSec)}` : `${r.outcome[0]!.toUpperCase()}${r.outcome.slice(1)} call`;
    await this.put({
      id: r.sourceKey,
      customerId,
      threadId: `ca_${hashString(r.sourceKey)}`,
      channel: 'call',
      direction: r.direction,
      ts: r.start,
      sourceId: r.sourceId,
      fromLabel: r.direction === 'inbound' ? r.customerName || r.customerNumber : r.agent || 'Agent',
      agent: r.agent,
      subject: label,
      text: r.notes ?? '',
      call: {
        outcome: r.outcome,
        durationSec: r.durationSec,
        billSec: r.billSec,
        recordingUrl: r.recordingUrl,
        customerNumber: r.customerNumber,
      },
      warnings: r.warnings,
    });
  }

  // ---- flush --------------------------------------------------------------------------------

  async flush(hasMore = false): Promise<IngestResult> {
    if (this.newIdentities.length) await this.db.identities.bulkPut(this.newIdentities);
    if (this.pending.size) await this.db.interactions.bulkPut([...this.pending.values()]);
    const threadIds = [...this.touchedThreads];
    // One range read per thread, issued together (IndexedDB answers them in one go, not one round trip each).
    const [existingThreads, threadItems] = await Dexie.Promise.all([
      this.db.threads.bulkGet(threadIds),
      Dexie.Promise.all(threadIds.map((id) => this.db.interactions.where('[threadId+ts]').between([id, -Infinity], [id, Infinity]).toArray())),
    ]);
    const unknownCustomers = new Set<string>();
    for (const items of threadItems) for (const it of items) if (!this.customers.has(it.customerId) && !this.ahead.customers.has(it.customerId)) unknownCustomers.add(it.customerId);
    if (unknownCustomers.size) {
      const ids = [...unknownCustomers];
      const rows = await this.db.customers.bulkGet(ids);
      ids.forEach((id, i) => this.ahead.customers.set(id, rows[i]));
    }
    const out: Thread[] = [];
    const dead: string[] = [];
    for (let i = 0; i < threadIds.length; i++) {
      const id = threadIds[i]!;
      const items = threadItems[i]!;
      if (!items.length) {
        dead.push(id);
        // Emptied by a reseed: keep its triage state for when its messages come back.
        if (this.reseeding && existingThreads[i]) this.stash[id] = existingThreads[i]!;
        continue;
      }
      const prev = existingThreads[i] ?? this.stash[id];
      delete this.stash[id];
      out.push(summariseThread(id, items, prev));
      for (const it of items) {
        const touching = this.touchCustomer(it.customerId, it.ts);
        if (touching) await touching;
      }
    }
    for (const t of out) {
      const c = this.customers.get(t.customerId) ?? (await this.getCustomer(t.customerId));
      if (c) t.customerName = c.name;
    }
    if (out.length) await this.db.threads.bulkPut(out);
    if (dead.length) await this.db.threads.bulkDelete(dead);
    if (Object.keys(this.stash).length && hasMore) await this.db.cursors.put({ sourceId: this.stashKey, cursor: this.stash, updatedAt: this.now() });
    else if (this.stashLoaded) await this.db.cursors.delete(this.stashKey);
    if (this.customers.size) await this.db.customers.bulkPut([...this.customers.values()]);
    // The search index commits with the data: same transaction, so they never disagree.
    await indexBatch(this.db, this.pending.values(), this.removedIds, this.customers.values());
    return {
      added: this.added,
      updated: this.updated,
      removed: this.removed,
      customersCreated: this.newCustomers.size,
      threadIds,
    };
  }
}

/** A thread row from its interactions, keeping the triage state the team gave it. */
export function summariseThread(id: string, items: Interaction[], prev: Thread | undefined): Thread {
  const sorted = [...items].sort((a, b) => a.ts - b.ts);
  const first = sorted[0]!;
  const last = sorted[sorted.length - 1]!;
  const inbound = sorted.filter((i) => i.direction === 'inbound');
  const lastInboundTs = inbound.length ? inbound[inbound.length - 1]!.ts : 0;
  const channel = first.channel;
  const missedCall =
    channel === 'call' && first.direction === 'inbound' && first.call !== undefined && first.call.outcome !== 'answered';
  let subject = first.subject ?? '';
  if (channel === 'chat') subject = `Chat: ${snippetOf(inbound[0]?.text ?? first.text, 60)}`;
  if (channel === 'email') subject = sorted.find((i) => i.subject)?.subject ?? '(no subject)';
  const awaitingReply = last.direction === 'inbound' && channel !== 'call';

  let status = prev?.status ?? (awaitingReply || missedCall ? 'open' : channel === 'call' ? 'closed' : 'pending');
  let snoozeUntil = prev?.snoozeUntil;
  // The customer spoke again: a closed, pending or snoozed conversation comes back to the queue.
  if (prev && lastInboundTs > prev.lastInboundTs && status !== 'open') {
    status = 'open';
    snoozeUntil = undefined;
  }
  return {
    id,
    customerId: prev?.customerId ?? first.customerId,
    customerName: prev?.customerName ?? '',
    channel,
    subject,
    firstTs: first.ts,
    lastTs: last.ts,
    lastInboundTs,
    count: sorted.length,
    snippet: snippetOf(last.text || last.subject || ''),
    status,
    assignee: prev?.assignee,
    priority: prev?.priority ?? 'normal',
    tags: prev?.tags ?? [],
    snoozeUntil,
    awaitingReply,
    missedCall: missedCall && (prev?.missedCall ?? true),
    // When it was closed, for Closed recently (a conversation closed on arrival: its last activity).
    closedAt: status === 'closed' ? (prev?.closedAt ?? last.ts) : undefined,
  };
}
