/** The chat (XMPP) source kind. */
import type { ConnectorFactory } from '../connector';
import { createXmppConnector } from './xmpp-connector';
import { testXmppSource } from './test-xmpp-source';

export const xmppFactory: ConnectorFactory<'xmpp'> = {
  kind: 'xmpp',
  create: (config, ctx) => createXmppConnector(config, ctx),
  test: (config, password) => testXmppSource(config, password),
};
