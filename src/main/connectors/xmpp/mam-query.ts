/**
 * One Message Archive Management query (XEP-0313, urn:xmpp:mam:2) paged with Result Set
 * Management (XEP-0059). The results arrive as <message><result queryid=.../></message> stanzas
 * before the <iq type="result"><fin/></iq> that closes the page.
 */
import { randomUUID } from 'node:crypto';
import xml, { type Element } from '@xmpp/xml';
import type { XmppClient } from './xmpp-client';
import { NS } from './namespaces';

export interface MamQuery {
  /** Only messages exchanged with this bare JID. */
  with?: string;
  /** ISO 8601 start time. */
  start?: string;
  /** RSM: the page after this archive id. */
  after?: string;
  /** RSM: the page before this archive id; '' = the last page. */
  before?: string;
  max: number;
}

export interface MamPage {
  queryId: string;
  /** The <message> stanzas carrying <result>, in archive order. */
  results: Element[];
  complete: boolean;
  first?: string;
  last?: string;
  count?: number;
}

function field(name: string, value: string): Element {
  return xml('field', { var: name }, xml('value', {}, value));
}

export async function queryArchive(client: XmppClient, q: MamQuery, timeoutMs = 30_000): Promise<MamPage> {
  const queryId = randomUUID();
  const results: Element[] = [];
  const onStanza = (stanza: Element) => {
    const r = stanza.is('message') ? stanza.getChild('result', NS.mam) : undefined;
    if (r && r.attrs.queryid === queryId) results.push(stanza);
  };
  const fields = [field('FORM_TYPE', NS.mam)];
  if (q.with) fields.push(field('with', q.with));
  if (q.start) fields.push(field('start', q.start));
  const rsm = xml(
    'set',
    { xmlns: NS.rsm },
    xml('max', {}, String(q.max)),
    q.after !== undefined ? xml('after', {}, q.after) : null,
    q.before !== undefined ? xml('before', {}, q.before) : null,
  );
  const iq = xml(
    'iq',
    { type: 'set' },
    xml('query', { xmlns: NS.mam, queryid: queryId }, xml('x', { xmlns: NS.dataForm, type: 'submit' }, ...fields), rsm),
  );
  client.entity.on('stanza', onStanza);
  try {
    const answer = await client.iqCaller.request(iq, timeoutMs);
    const fin = answer.getChild('fin', NS.mam);
    const set = fin?.getChild('set', NS.rsm);
    const count = set?.getChildText('count');
    return {
      queryId,
      results,
      complete: fin?.attrs.complete === 'true',
      first: set?.getChildText('first') ?? undefined,
      last: set?.getChildText('last') ?? undefined,
      count: count ? Number(count) : undefined,
    };
  } finally {
    client.entity.removeListener('stanza', onStanza);
  }
}
