import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SwitchboardDb } from '../../../src/renderer/src/db/schema';
import { customerNotes, isPinned, noteVersions } from '../../../src/renderer/src/db/repos/notes';
import { mentionAtCaret, mentionParts, parseMentions } from '../../../src/renderer/src/features/handoff/mentions';
import { extractContactHints, isMatchableName, suggestMerges } from '../../../src/renderer/src/features/identity/suggestions';
import { acknowledgeNote, writeHandoffNote } from '../../../src/renderer/src/team/handoff-notes';
import { mergeCustomers } from '../../../src/renderer/src/team/identity-ops';
import { call, chat, clock, dropDb, email, freshDb, HOUR, ingest, T0 } from './helpers';

let db: SwitchboardDb;
beforeEach(async () => {
  db = await freshDb('handoff');
});
afterEach(() => dropDb(db));

const draft = (customerId: string) => ({
  customerId,
  summary: 'Refund for order 1182 requested',
  tried: 'Checked the payment, @tom knows the PSP',
  promised: 'Answer by Friday',
  nextStep: 'Issue the refund once finance approves',
  forWhom: '@Tom',
});

describe('handoff notes', () => {
  it('stays pinned until the next agent acknowledges it; an edit appends a version and pins it again', async () => {
    await ingest(db, 'mail', [email('1')]);
    const customerId = (await db.customers.toCollection().first())!.id;
    const c = clock();
    const note = await writeHandoffNote(db, draft(customerId), { author: 'maya', ...c });
    expect(note).toMatchObject({ version: 1, author: 'maya', forWhom: 'Tom', mentions: ['tom'] });
    let [latest] = await customerNotes(db, customerId);
    expect(isPinned(latest!)).toBe(true);

    await acknowledgeNote(db, note.noteId, { author: 'tom', ...c });
    [latest] = await customerNotes(db, customerId);
    expect(latest).toMatchObject({ acknowledgedBy: 'tom' });
    expect(isPinned(latest!)).toBe(false);

    const v2 = await writeHandoffNote(db, { ...draft(customerId), nextStep: 'Refund sent, confirm with customer' }, { author: 'tom', ...c }, note.noteId);
    expect(v2).toMatchObject({ noteId: note.noteId, version: 2 });
    const notes = await customerNotes(db, customerId);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ version: 2, nextStep: 'Refund sent, confirm with customer' });
    expect(isPinned(notes[0]!)).toBe(true);
    // Version 1 is kept unchanged (with its acknowledgement).
    const versions = await noteVersions(db, note.noteId);
    expect(versions.map((v) => [v.version, v.nextStep, v.acknowledgedBy])).toEqual([
      [1, 'Issue the refund once finance approves', 'tom'],
      [2, 'Refund sent, confirm with customer', undefined],
    ]);
    expect((await db.teamEvents.orderBy('ts').toArray()).map((e) => e.type)).toEqual(['note.write', 'note.ack', 'note.write']);
  });

  it('refuses a note without a summary', async () => {
    await expect(writeHandoffNote(db, { ...draft('c1'), summary: '  ' }, { author: 'maya' })).rejects.toThrow('summary');
    expect(await db.handoffNotes.count()).toBe(0);
  });

  it('follows its customer through a merge', async () => {
    await ingest(db, 'mail', [email('1')]);
    await ingest(db, 'pbx', [call('1')]);
    const [a, b] = await db.customers.toArray();
    await writeHandoffNote(db, draft(a!.id), { author: 'maya' });
    await mergeCustomers(db, a!.id, b!.id, { author: 'maya', ...clock() });
    expect(await customerNotes(db, a!.id)).toHaveLength(0);
    expect(await customerNotes(db, b!.id)).toHaveLength(1);
  });
});

describe('mentions', () => {
  it('finds @names, not email addresses', () => {
    expect(parseMentions('ask @tom and @Maya.K, mail ada@x.example', '@TOM again')).toEqual(['tom', 'Maya.K']);
    expect(parseMentions('@Жанна посмотри')).toEqual(['Жанна']);
    expect(mentionParts('hi @tom!')).toEqual([
      { text: 'hi ', mention: false },
      { text: '@tom', mention: true },
      { text: '!', mention: false },
    ]);
    expect(mentionAtCaret('ping @to', 8)).toEqual({ start: 5, query: 'to' });
    expect(mentionAtCaret('ada@x', 5)).toBeUndefined();
  });
});

describe('merge suggestions', () => {
  it('finds phone numbers in signatures and emails typed in chats, normalised', () => {
    const base = { customerId: 'c', threadId: 't', sourceId: 's', ts: 1, fromLabel: 'x', direction: 'inbound' as const };
    const hints = extractContactHints(
      [
        { ...base, id: '1', channel: 'email', text: 'Thanks!\n--\nAda Lovelace\nTel. (415) 555-0123\nwww.x.example' },
        { ...base, id: '2', channel: 'chat', text: 'my mail is Ada.L@Example.com.' },
        { ...base, id: '3', channel: 'email', text: 'order 12345 from 2024-01-02', direction: 'inbound' },
        { ...base, id: '4', channel: 'chat', text: 'call me +44 20 7946 0958', direction: 'outbound' },
      ],
      'US',
    );
    expect(hints.map((h) => h.key)).toEqual(['phone:+14155550123', 'email:ada.l@example.com']);
  });

  it('suggests (never merges) customers by signature phone, typed email and same name', async () => {
    await ingest(db, 'pbx', [call('1', { customerNumber: '+14155550123', customerName: 'Front Desk' })]);
    await ingest(db, 'mail', [email('1', { from: { name: 'Ada Lovelace', address: 'ada@x.example' }, text: 'Regards\nAda\n+1 415 555 0123' })]);
    await ingest(db, 'chat', [chat('1', T0 + HOUR, { peer: 'al@chat.example', peerName: 'Ada Lovelace', body: 'I wrote from ada@x.example yesterday' })]);
    const byKey = async (k: string) => (await db.customers.get((await db.identities.get(k))!.customerId))!;
    const mail = await byKey('email:ada@x.example');
    const chatC = await byKey('jid:al@chat.example');
    const phone = await byKey('phone:+14155550123');
    const load = async (id: string) => ({
      identities: await db.identities.where('customerId').equals(id).toArray(),
      interactions: await db.interactions.where('customerId').equals(id).toArray(),
    });
    const m = await load(mail.id);
    const fromMail = await suggestMerges(db, mail, m.identities, m.interactions, { defaultRegion: 'US' });
    expect(fromMail.map((s) => [s.customer.id, s.reason])).toEqual([
      [phone.id, `+14155550123 appears in an email (signature) and is Front Desk's number`],
      [chatC.id, 'Same name "Ada Lovelace" on email and chat'],
    ]);
    const c = await load(chatC.id);
    const fromChat = await suggestMerges(db, chatC, c.identities, c.interactions, { defaultRegion: 'US' });
    expect(fromChat.map((s) => s.customer.id)).toEqual([mail.id]);
    expect(fromChat[0]!.reason).toContain('typed in a chat');
    // Dismissed pairs are not offered again; nothing was merged by suggesting.
    expect(await suggestMerges(db, chatC, c.identities, c.interactions, { defaultRegion: 'US', dismissed: new Set([[chatC.id, mail.id].sort().join('|')]) })).toEqual([]);
    expect(await db.merges.count()).toBe(0);
    expect(isMatchableName('ada@x.example')).toBe(false);
    expect(isMatchableName('+1 415 555')).toBe(false);
    expect(isMatchableName('Ada')).toBe(false);
  });
});
