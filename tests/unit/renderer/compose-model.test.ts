import { describe, expect, it } from 'vitest';
import type { Identity, Interaction, Thread } from '../../../src/shared/domain';
import type { StoredSource } from '../../../src/shared/ipc/contract';
import {
  availableChannels,
  forwardSubject,
  initialDraft,
  parseAddressList,
  quoteText,
  replyReferences,
  replySubject,
  type ComposeContext,
} from '../../../src/renderer/src/features/composer/compose-model';

const imap: StoredSource = {
  hasPassword: true,
  config: {
    kind: 'imap', id: 'mail', label: 'Support', enabled: true, displayName: 'Acme Support', email: 'support@acme.example', user: 'support',
    imap: { host: 'h', port: 993, security: 'tls' }, smtp: { host: 'h', port: 465, security: 'tls' }, allowPlain: false, allowSelfSigned: false,
    folders: ['INBOX'], sentFolder: 'Sent', signature: 'Maya, Acme', teamAddresses: ['agent2@acme.example'], teamFolder: '',
  },
};
const xmpp: StoredSource = {
  hasPassword: true,
  config: { kind: 'xmpp', id: 'chat', label: 'Chat', enabled: true, jid: 'support@acme.example', host: '', port: 0, security: 'starttls', allowSelfSigned: false, resource: 'sb', sessionGapMinutes: 30 },
};

const thread = { id: 't1', customerId: 'c1', channel: 'email', subject: 'Broken invoice' } as Thread;
function mail(id: string, ts: number, over: Partial<Interaction>): Interaction {
  return {
    id, customerId: 'c1', threadId: 't1', channel: 'email', direction: 'inbound', ts, sourceId: 'mail', fromLabel: 'Ada', subject: 'Broken invoice',
    text: 'The invoice is wrong.\nPlease fix.', messageId: `<${id}@cust.example>`, references: [], from: { name: 'Ada', address: 'ada@cust.example' },
    to: [{ address: 'support@acme.example' }], cc: [{ address: 'bob@cust.example' }, { address: 'agent2@acme.example' }], ...over,
  };
}
const identities: Identity[] = [
  { key: 'email:ada@cust.example', kind: 'email', value: 'ada@cust.example', customerId: 'c1' },
  { key: 'jid:ada@chat.example', kind: 'jid', value: 'ada@chat.example', customerId: 'c1' },
];
const ctx = (over: Partial<ComposeContext>): ComposeContext => ({
  mode: 'reply', thread, items: [mail('m1', 1, {}), mail('m2', 2, { references: ['<m1@cust.example>'], inReplyTo: '<m1@cust.example>' })],
  customerId: 'c1', identities, sources: [imap, xmpp], now: 10, formatDate: () => 'Mon 1 Nov', ...over,
});

describe('compose model', () => {
  it('reply: to the sender of the latest message, Re: subject, In-Reply-To and References, signature above the quote', () => {
    const r = initialDraft(ctx({}));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const d = r.draft;
    expect(d).toMatchObject({ channel: 'email', sourceId: 'mail', to: [{ name: 'Ada', address: 'ada@cust.example' }], cc: [], subject: 'Re: Broken invoice', inReplyTo: '<m2@cust.example>' });
    expect(d.references).toEqual(['<m1@cust.example>', '<m2@cust.example>']);
    expect(d.body).toBe('\n\n-- \nMaya, Acme\n\nOn Mon 1 Nov, Ada wrote:\n> The invoice is wrong.\n> Please fix.');
    expect(d.id).toBe('thread:t1:reply');
  });

  it('reply-all: everyone else on the message, never our own addresses or team aliases', () => {
    const r = initialDraft(ctx({ mode: 'reply-all' }));
    if (!r.ok) throw new Error(r.reason);
    expect(r.draft.to.map((a) => a.address)).toEqual(['ada@cust.example']);
    expect(r.draft.cc.map((a) => a.address)).toEqual(['bob@cust.example']);
  });

  it('reply after our own last message goes to the customer again, not to ourselves', () => {
    const items = [mail('m1', 1, {}), mail('m2', 2, { direction: 'outbound', from: { address: 'support@acme.example' }, to: [{ address: 'ada@cust.example' }], cc: [] })];
    const r = initialDraft(ctx({ items }));
    if (!r.ok) throw new Error(r.reason);
    expect(r.draft.to.map((a) => a.address)).toEqual(['ada@cust.example']);
  });

  it('forward: empty To, Fwd: subject, the original with its headers', () => {
    const r = initialDraft(ctx({ mode: 'forward' }));
    if (!r.ok) throw new Error(r.reason);
    expect(r.draft.to).toEqual([]);
    expect(r.draft.subject).toBe('Fwd: Broken invoice');
    expect(r.draft.body).toContain('---------- Forwarded message ---------\nFrom: Ada <ada@cust.example>');
    expect(r.draft.body).toContain('The invoice is wrong.');
    expect(r.draft.inReplyTo).toBeUndefined();
    expect(r.draft.attachments).toBeUndefined(); // the original has none
  });

  it("forward: the original's files go along (not its inline images), by server coordinates", () => {
    const files = [
      { partId: '2', filename: 'invoice.pdf', contentType: 'application/pdf', size: 48_213 },
      { partId: '3', filename: 'logo.png', contentType: 'image/png', size: 900, inline: true, contentId: 'logo' },
    ];
    const items = [mail('m1', 1, { attachments: files, folder: 'INBOX', uid: 17 })];
    const r = initialDraft(ctx({ mode: 'forward', items }));
    if (!r.ok) throw new Error(r.reason);
    expect(r.draft.attachments).toEqual([{ sourceId: 'mail', folder: 'INBOX', uid: 17, partId: '2', filename: 'invoice.pdf', contentType: 'application/pdf', size: 48_213 }]);
    // A message with no server copy (demo workspace) forwards its text only.
    const demo = initialDraft(ctx({ mode: 'forward', items: [mail('m1', 1, { attachments: files })] }));
    if (!demo.ok) throw new Error(demo.reason);
    expect(demo.draft.attachments).toBeUndefined();
  });

  it('a chat thread replies by chat to the customer JID from the chat account', () => {
    const chatThread = { ...thread, channel: 'chat' } as Thread;
    const r = initialDraft(ctx({ thread: chatThread, items: [{ ...mail('c1', 1, {}), channel: 'chat', sourceId: 'chat' }] }));
    if (!r.ok) throw new Error(r.reason);
    expect(r.draft).toMatchObject({ channel: 'chat', sourceId: 'chat', to: [{ address: 'ada@chat.example' }], body: '' });
    expect(availableChannels(ctx({}))).toEqual(['email', 'chat']);
  });

  it('explains when no account can send', () => {
    const r = initialDraft(ctx({ sources: [] }));
    expect(r).toEqual({ ok: false, reason: expect.stringContaining('No email account') });
  });

  it('subjects, references and quoting', () => {
    expect(replySubject('RE: hi')).toBe('RE: hi');
    expect(replySubject('')).toBe('Re: (no subject)');
    expect(forwardSubject('Fwd: x')).toBe('Fwd: x');
    const many = Array.from({ length: 30 }, (_, i) => `<r${i}@x>`);
    const refs = replyReferences({ references: many, messageId: '<last@x>' });
    expect(refs).toHaveLength(20);
    expect(refs[0]).toBe('<r0@x>');
    expect(refs.at(-1)).toBe('<last@x>');
    expect(replyReferences({ references: ['<a@x>', '<a@x>'], messageId: '<a@x>' })).toEqual(['<a@x>']);
    expect(quoteText('a\n> b\n')).toBe('> a\n>> b');
  });

  it('parses address lists with names, quotes and bad entries', () => {
    expect(parseAddressList('Ada <ada@x.org>, "Doe, John" <john@y.org>; bob@z.org, nope, user1@localhost')).toEqual({
      list: [{ name: 'Ada', address: 'ada@x.org' }, { name: 'Doe, John', address: 'john@y.org' }, { address: 'bob@z.org' }, { address: 'user1@localhost' }],
      invalid: ['nope'],
    });
  });
});
