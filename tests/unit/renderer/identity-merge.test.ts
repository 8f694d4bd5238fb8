import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SwitchboardDb } from '../../../src/renderer/src/db/schema';
import {
  lastUndoable,
  mergeCustomers,
  mergeHistory,
  splitCustomer,
  threadsForSplit,
  undoBlocker,
  undoMerge,
} from '../../../src/renderer/src/team/identity-ops';
import { executeSearch } from '../../../src/renderer/src/search/search-engine';
import { parseQuery } from '../../../src/shared/search/query-parser';
import { call, chat, clock, dropDb, email, freshDb, HOUR, ingest, T0 } from './helpers';

let db: SwitchboardDb;
beforeEach(async () => {
  db = await freshDb('merge');
});
afterEach(() => dropDb(db));

/** Three customers: Ada by email, "ada" on chat, and a caller. */
async function seed() {
  await ingest(db, 'mail', [email('1'), email('2', { date: T0 + HOUR, subject: 'Second' })]);
  await ingest(db, 'chat', [chat('a', T0 + 2 * HOUR, { peerName: 'Ada Customer' })]);
  await ingest(db, 'pbx', [call('x', { start: T0 + 3 * HOUR })]);
  const byKey = async (key: string) => (await db.identities.get(key))!.customerId;
  return {
    mail: await byKey('email:ada@customer.example'),
    chat: await byKey('jid:ada@chat.example'),
    phone: await byKey('phone:+14155550123'),
  };
}

async function snapshot() {
  const sortBy = <T>(rows: T[], k: (r: T) => string) => rows.sort((a, b) => k(a).localeCompare(k(b)));
  return {
    customers: sortBy(await db.customers.toArray(), (c) => c.id),
    identities: sortBy(await db.identities.toArray(), (i) => i.key),
    threads: sortBy(await db.threads.toArray(), (t) => t.id),
    interactions: sortBy(await db.interactions.toArray(), (i) => i.id),
  };
}

describe('merge, split and undo', () => {
  it('merges a customer into another: identities, threads and interactions follow, and the history keeps it', async () => {
    const ids = await seed();
    const ctx = { author: 'maya', ...clock() };
    const m = await mergeCustomers(db, ids.chat, ids.mail, ctx, 'same name');
    expect(m).toMatchObject({ kind: 'merge', from: ids.chat, into: ids.mail, author: 'maya', reason: 'same name' });
    expect((await db.identities.get('jid:ada@chat.example'))!.customerId).toBe(ids.mail);
    const threads = await db.threads.where('customerId').equals(ids.mail).toArray();
    expect(threads.map((t) => t.channel).sort()).toEqual(['chat', 'email', 'email']);
    expect(threads.every((t) => t.customerName === 'Ada Customer')).toBe(true);
    expect(await db.interactions.where('customerId').equals(ids.chat).count()).toBe(0);
    expect((await db.customers.get(ids.chat))!.mergedInto).toBe(ids.mail);
    expect((await db.customers.get(ids.mail))!.lastActivityAt).toBe(T0 + 2 * HOUR);
    // Shown in both customers' history and logged as one team event.
    expect((await mergeHistory(db, ids.mail)).map((r) => r.id)).toEqual([m.id]);
    expect((await mergeHistory(db, ids.chat)).map((r) => r.id)).toEqual([m.id]);
    const events = await db.teamEvents.toArray();
    expect(events).toMatchObject([{ type: 'customer.merge', author: 'maya', status: 'local', payload: { merge: { id: m.id } } }]);
  });

  it('undo restores exactly the state before the merge', async () => {
    const ids = await seed();
    const before = await snapshot();
    const ctx = { author: 'maya', ...clock() };
    const m = await mergeCustomers(db, ids.chat, ids.mail, ctx);
    await undoMerge(db, m.id, { ...ctx, author: 'tom' });
    const after = await snapshot();
    expect(after.identities).toEqual(before.identities);
    expect(after.threads).toEqual(before.threads);
    expect(after.interactions).toEqual(before.interactions);
    expect(after.customers).toEqual(before.customers);
    expect(await db.merges.get(m.id)).toMatchObject({ undoneBy: 'tom' });
    expect((await db.teamEvents.toArray()).map((e) => e.type)).toEqual(['customer.merge', 'merge.undo']);
    await expect(undoMerge(db, m.id, ctx)).rejects.toThrow('Already undone');
  });

  it('keeps undo in order: a later merge must be undone first', async () => {
    const ids = await seed();
    const ctx = { author: 'maya', ...clock() };
    const first = await mergeCustomers(db, ids.chat, ids.mail, ctx);
    const second = await mergeCustomers(db, ids.phone, ids.mail, ctx);
    expect(await undoBlocker(db, first.id)).toMatch(/Undo the later merge/);
    await expect(undoMerge(db, first.id, ctx)).rejects.toThrow(/later merge/);
    expect((await lastUndoable(db, ids.mail))!.id).toBe(second.id);
    await undoMerge(db, second.id, ctx);
    await undoMerge(db, first.id, ctx);
    expect(await db.threads.where('customerId').equals(ids.mail).count()).toBe(2);
    expect(await db.threads.where('customerId').equals(ids.phone).count()).toBe(1);
  });

  it('refuses merging a customer with itself or an already merged one', async () => {
    const ids = await seed();
    const ctx = { author: 'maya', ...clock() };
    await expect(mergeCustomers(db, ids.mail, ids.mail, ctx)).rejects.toThrow('itself');
    await mergeCustomers(db, ids.chat, ids.mail, ctx);
    await expect(mergeCustomers(db, ids.chat, ids.phone, ctx)).rejects.toThrow('already merged');
    expect(await db.teamEvents.count()).toBe(1);
  });

  it('new messages on a merged identity land on the surviving customer', async () => {
    const ids = await seed();
    await mergeCustomers(db, ids.chat, ids.mail, { author: 'maya', ...clock() });
    await ingest(db, 'chat', [chat('late', T0 + 9 * HOUR)]);
    const late = await db.interactions.get('c:late');
    expect(late!.customerId).toBe(ids.mail);
  });

  it('splits identities off to a new customer with their conversations, and undo folds them back', async () => {
    const ids = await seed();
    const ctx = { author: 'maya', ...clock() };
    await mergeCustomers(db, ids.chat, ids.mail, ctx);
    await mergeCustomers(db, ids.phone, ids.mail, ctx);
    const before = await snapshot();
    const { merge, customer } = await splitCustomer(db, ids.mail, ['phone:+14155550123'], ctx, 'Front desk');
    expect(customer.name).toBe('Front desk');
    expect((await db.identities.get('phone:+14155550123'))!.customerId).toBe(customer.id);
    const moved = await db.threads.where('customerId').equals(customer.id).toArray();
    expect(moved.map((t) => t.channel)).toEqual(['call']);
    expect(moved[0]!.customerName).toBe('Front desk');
    expect(await db.threads.where('customerId').equals(ids.mail).count()).toBe(3);
    // The new customer is found by its name at once (indexed with the split, no ingest needed).
    const found = await executeSearch(db, parseQuery('front desk', { now: T0, me: 'maya' }));
    expect(found.groups.map((g) => g.customerId)).toContain(customer.id);
    await expect(splitCustomer(db, ids.mail, ['email:ada@customer.example', 'jid:ada@chat.example'], ctx)).rejects.toThrow('must stay');
    await undoMerge(db, merge.id, ctx);
    const after = await snapshot();
    expect(after.identities).toEqual(before.identities);
    expect(after.threads).toEqual(before.threads);
    expect((await db.customers.get(customer.id))!.mergedInto).toBe(ids.mail);
  });

  it('decides which threads leave with a split from the identities they touched', () => {
    const base = { customerId: 'c', sourceId: 's', ts: 1, text: '', fromLabel: '' };
    const interactions = [
      { ...base, id: '1', threadId: 'tA', channel: 'email' as const, direction: 'inbound' as const, from: { address: 'a@x.example' }, to: [] },
      { ...base, id: '2', threadId: 'tB', channel: 'email' as const, direction: 'inbound' as const, from: { address: 'b@x.example' }, to: [] },
      { ...base, id: '3', threadId: 'tC', channel: 'email' as const, direction: 'outbound' as const, from: { address: 'agent@team.example' }, to: [{ address: 'a@x.example' }], cc: [{ address: 'b@x.example' }] },
      { ...base, id: '4', threadId: 'tD', channel: 'chat' as const, direction: 'outbound' as const, fromLabel: 'maya' },
      { ...base, id: '5', threadId: 'tE', channel: 'call' as const, direction: 'inbound' as const, call: { outcome: 'missed' as const, durationSec: 0, billSec: 0, customerNumber: '+14155550123' } },
    ];
    const identities = [
      { key: 'email:a@x.example', kind: 'email' as const, value: 'a@x.example', customerId: 'c' },
      { key: 'email:b@x.example', kind: 'email' as const, value: 'b@x.example', customerId: 'c' },
      { key: 'jid:a@chat.example', kind: 'jid' as const, value: 'a@chat.example', customerId: 'c' },
      { key: 'phone:+14155550123', kind: 'phone' as const, value: '+14155550123', customerId: 'c' },
    ];
    // tC touched both addresses: it stays. The chat thread goes only with every chat identity.
    expect(threadsForSplit(interactions, identities, ['email:b@x.example'])).toEqual(['tB']);
    expect(threadsForSplit(interactions, identities, ['jid:a@chat.example', 'phone:+14155550123'])).toEqual(['tD', 'tE']);
  });
});
