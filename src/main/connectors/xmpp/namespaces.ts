/** XML namespaces of the XEPs the chat connector speaks. */
export const NS = {
  carbons: 'urn:xmpp:carbons:2', // XEP-0280
  forward: 'urn:xmpp:forward:0', // XEP-0297
  delay: 'urn:xmpp:delay', // XEP-0203
  mam: 'urn:xmpp:mam:2', // XEP-0313
  rsm: 'http://jabber.org/protocol/rsm', // XEP-0059
  dataForm: 'jabber:x:data', // XEP-0004
  sid: 'urn:xmpp:sid:0', // XEP-0359 stanza-id / origin-id
  chatStates: 'http://jabber.org/protocol/chatstates', // XEP-0085
  ping: 'urn:xmpp:ping', // XEP-0199
  discoInfo: 'http://jabber.org/protocol/disco#info', // XEP-0030
  nick: 'http://jabber.org/protocol/nick', // XEP-0172
  tls: 'urn:ietf:params:xml:ns:xmpp-tls',
  sm: 'urn:xmpp:sm:3', // XEP-0198
} as const;

/** Payloads that carry no message of their own: a body-less stanza holding only these is not a problem. */
export const QUIET_PAYLOADS = new Set<string>([
  NS.chatStates,
  NS.sid,
  NS.delay,
  'urn:xmpp:receipts', // XEP-0184
  'urn:xmpp:chat-markers:0', // XEP-0333
  'urn:xmpp:hints', // XEP-0334
  'jabber:x:event', // XEP-0022 (legacy)
  'http://jabber.org/protocol/address',
  NS.nick,
  'urn:xmpp:message-correct:0', // XEP-0308 without body is malformed, but harmless
  'eu.siacs.conversations.axolotl', // OMEMO key transport
  'jabber:client',
]);
