// Stanzas below are copies of what Prosody 0.12 (the lab server) sent to support@localhost
// resources: a direct message, carbons received/sent, and MAM results of the same messages.
import { describe, expect, it } from 'vitest';
import parse from '@xmpp/xml/lib/parse.js';
import { classifyMessage } from '../../../src/main/connectors/xmpp/classify-stanza';

const ctx = { sourceId: 'chat', account: 'support@localhost', now: 1_700_000_000_000 };
const sid = (id: string, by = 'support@localhost') => `<stanza-id xmlns="urn:xmpp:sid:0" id="${id}" by="${by}"/>`;

const direct = `<message type="chat" from="customer@localhost/web" id="c1" to="support@localhost"><body>hello bare</body>${sid('v30E4q')}</message>`;
const carbonReceived = `<message from="support@localhost" to="support@localhost/probeB" type="chat"><received xmlns="urn:xmpp:carbons:2"><forwarded xmlns="urn:xmpp:forward:0"><message type="chat" from="customer@localhost/web" id="c2" xmlns="jabber:client" to="support@localhost/probeA"><body>hello full A</body>${sid('c-vIcm')}</message></forwarded></received></message>`;
const carbonSent = `<message from="support@localhost" to="support@localhost/probeB" type="chat"><sent xmlns="urn:xmpp:carbons:2"><forwarded xmlns="urn:xmpp:forward:0"><message type="chat" from="support@localhost/probeA" id="a1" xmlns="jabber:client" to="customer@localhost"><body>reply from A</body><origin-id xmlns="urn:xmpp:sid:0" id="a1"/>${sid('kZSc')}</message></forwarded></sent></message>`;
const mam = (id: string, inner: string, q = 'q1') =>
  `<message to="support@localhost/probeA"><result xmlns="urn:xmpp:mam:2" queryid="${q}" id="${id}"><forwarded xmlns="urn:xmpp:forward:0"><delay xmlns="urn:xmpp:delay" stamp="2026-11-23T14:25:45Z"/>${inner}</forwarded></result></message>`;

describe('classifyMessage: the same message live and from the archive gets the same key', () => {
  it('direct message -> inbound record keyed by the stanza-id', () => {
    const r = classifyMessage(parse(direct), ctx);
    expect(r.via).toBe('direct');
    expect(r.record).toMatchObject({
      sourceKey: 'chat:v30E4q', peer: 'customer@localhost', direction: 'inbound', body: 'hello bare', ts: ctx.now, stanzaId: 'c1', archiveId: 'v30E4q', account: 'support@localhost',
    });
    const fromArchive = classifyMessage(
      parse(mam('v30E4q', '<message type="chat" from="customer@localhost/web" id="c1" xmlns="jabber:client" to="support@localhost"><body>hello bare</body></message>')),
      { ...ctx, queryId: 'q1' },
    );
    expect(fromArchive.record?.sourceKey).toBe(r.record?.sourceKey);
    expect(fromArchive.record?.ts).toBe(Date.parse('2026-11-23T14:25:45Z'));
  });

  it('received carbon -> inbound record, sent carbon -> outbound with the agent resource', () => {
    expect(classifyMessage(parse(carbonReceived), ctx).record).toMatchObject({ sourceKey: 'chat:c-vIcm', direction: 'inbound', peer: 'customer@localhost' });
    const sent = classifyMessage(parse(carbonSent), ctx);
    expect(sent.via).toBe('carbon-sent');
    expect(sent.record).toMatchObject({ sourceKey: 'chat:kZSc', direction: 'outbound', peer: 'customer@localhost', agent: 'probeA', stanzaId: 'a1' });
  });

  it('archive result of an agent reply -> outbound, agent from the resource', () => {
    const r = classifyMessage(
      parse(mam('kZSc', '<message type="chat" from="support@localhost/probeA" id="a1" xmlns="jabber:client" to="customer@localhost"><body>reply from A</body><origin-id xmlns="urn:xmpp:sid:0" id="a1"/></message>')),
      { ...ctx, queryId: 'q1' },
    );
    expect(r.record).toMatchObject({ sourceKey: 'chat:kZSc', direction: 'outbound', agent: 'probeA', stanzaId: 'a1' });
  });
});

describe('classifyMessage: bad input is skipped with a clear reason', () => {
  it('refuses a carbon forged by a customer', () => {
    const forged = carbonSent.replace('from="support@localhost" to=', 'from="customer@localhost/web" to=');
    const r = classifyMessage(parse(forged), ctx);
    expect(r.record).toBeUndefined();
    expect(r.problem).toContain('forged carbon');
  });

  it('refuses an archive result not sent by the account', () => {
    const r = classifyMessage(parse(mam('x', '<message from="customer@localhost" to="support@localhost"><body>x</body></message>').replace('<message to=', '<message from="evil@localhost" to=')), ctx);
    expect(r.problem).toContain('not by the team account');
  });

  it('ignores a stanza-id stamped by someone else (cannot set our keys)', () => {
    const r = classifyMessage(parse(direct.replace('by="support@localhost"', 'by="customer@localhost"')), ctx);
    expect(r.record).toBeUndefined();
    expect(r.needsPull).toBe(true);
  });

  it('empty body, unknown payload, malformed from', () => {
    expect(classifyMessage(parse(`<message type="chat" from="customer@localhost/web" to="support@localhost"><body>  </body>${sid('e1')}</message>`), ctx).problem).toContain('empty');
    const unknown = classifyMessage(parse(`<message type="chat" from="customer@localhost/web" to="support@localhost"><weird xmlns="urn:example:weird"/>${sid('u1')}</message>`), ctx);
    expect(unknown.record).toBeUndefined();
    expect(unknown.problem).toContain('<weird xmlns="urn:example:weird">');
    const badFrom = classifyMessage(parse(mam('b1', '<message type="chat" from="bad jid@@localhost" to="support@localhost"><body>x</body></message>')), ctx);
    expect(badFrom.record).toBeUndefined();
    expect(badFrom.problem).toContain('not a valid JID');
  });

  it('keeps an oversized body, cut, with a warning', () => {
    const big = 'a'.repeat(70_000);
    const r = classifyMessage(parse(`<message type="chat" from="customer@localhost/web" to="support@localhost"><body>${big}</body>${sid('big1')}</message>`), ctx);
    expect(r.record?.body.length).toBe(65_536);
    expect(r.record?.warnings[0]).toContain('70000 bytes');
    expect(r.problem).toContain('cut');
  });

  it('a body with an unknown extra payload is still a message', () => {
    const r = classifyMessage(parse(`<message type="chat" from="customer@localhost/web" to="support@localhost"><body>hi</body><weird xmlns="urn:example:weird"/>${sid('w2')}</message>`), ctx);
    expect(r.record?.body).toBe('hi');
    expect(r.problem).toBeUndefined();
  });

  it('error, groupchat and messages not involving the account', () => {
    expect(classifyMessage(parse('<message type="error" from="x@localhost" id="m"><error type="cancel"><service-unavailable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></message>'), ctx).problem).toContain('service-unavailable');
    expect(classifyMessage(parse('<message type="groupchat" from="room@conference.localhost/nick"><body>x</body></message>'), ctx)).toEqual({});
    expect(classifyMessage(parse(mam('o1', '<message from="a@localhost" to="b@localhost"><body>x</body></message>')), ctx).problem).toContain('does not involve');
  });
});

describe('classifyMessage: chat states', () => {
  it('customer typing -> composing / paused; agent typing (carbon) -> replying', () => {
    const typing = (state: string) => `<message type="chat" from="customer@localhost/web" to="support@localhost"><${state} xmlns="http://jabber.org/protocol/chatstates"/></message>`;
    expect(classifyMessage(parse(typing('composing')), ctx)).toEqual({ activity: { peer: 'customer@localhost', state: 'composing' }, via: 'direct' });
    expect(classifyMessage(parse(typing('paused')), ctx).activity?.state).toBe('paused');
    expect(classifyMessage(parse(typing('gone')), ctx).activity?.state).toBe('idle');
    const agentTyping = `<message from="support@localhost" to="support@localhost/b" type="chat"><sent xmlns="urn:xmpp:carbons:2"><forwarded xmlns="urn:xmpp:forward:0"><message type="chat" from="support@localhost/desk1" to="customer@localhost"><composing xmlns="http://jabber.org/protocol/chatstates"/></message></forwarded></sent></message>`;
    expect(classifyMessage(parse(agentTyping), ctx).activity).toEqual({ peer: 'customer@localhost', state: 'replying', who: 'desk1' });
  });

  it('a message with a body also ends the typing indicator', () => {
    const r = classifyMessage(parse(`<message type="chat" from="customer@localhost/web" to="support@localhost"><body>done</body><active xmlns="http://jabber.org/protocol/chatstates"/>${sid('s9')}</message>`), ctx);
    expect(r.activity).toEqual({ peer: 'customer@localhost', state: 'idle' });
    expect(r.record?.body).toBe('done');
  });
});
