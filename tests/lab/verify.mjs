// End-to-end check of the running lab with the Node clients the app itself uses (imapflow,
// nodemailer, @xmpp/client, mysql2). Run it through lab.sh, which adds tsx (to load env.ts)
// and NODE_EXTRA_CA_CERTS (so every client trusts the lab certificate):
//   bash tests/lab/lab.sh verify
import { readFileSync } from 'node:fs';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { client as xmppClient, xml } from '@xmpp/client';
import mysql from 'mysql2/promise';
import { lab, ensureLab } from './env.ts';

const ca = readFileSync(lab.tls.caFile);
const results = [];
const ms = (t0) => `${Math.round(performance.now() - t0)} ms`;

async function step(name, fn) {
  const t0 = performance.now();
  const detail = await fn();
  const line = `ok  ${name} (${ms(t0)})${detail ? `: ${detail}` : ''}`;
  results.push(line);
  console.log(line);
}

function withTimeout(promise, timeoutMs, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timeout after ${timeoutMs} ms: ${what}`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function imap(name, extra = {}) {
  const u = lab.users[name];
  return new ImapFlow({
    ...lab.imap,
    auth: { user: u.user, pass: u.pass },
    tls: { ca },
    logger: false,
    ...extra,
  });
}

const smtp = nodemailer.createTransport({ ...lab.smtp, tls: { ca } });

async function findSubject(client, mailbox, subject) {
  const lock = await client.getMailboxLock(mailbox);
  try {
    return await client.search({ header: { subject } }, { uid: true });
  } finally {
    lock.release();
  }
}

async function waitForSubject(name, subject, timeoutMs = 10_000) {
  const client = imap(name);
  await client.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const uids = await findSubject(client, 'INBOX', subject);
      if (uids && uids.length > 0) return uids.length;
      if (Date.now() > deadline) throw new Error(`${name}: no "${subject}" in INBOX after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await client.logout();
  }
}

const run = Date.now().toString(36);

await step('ensureLab() from env.ts', async () => {
  ensureLab(['mail', 'xmpp', 'mysql']);
});

await step('IMAP login agent1, capabilities', async () => {
  const c = imap('agent1');
  await c.connect();
  const caps = ['IDLE', 'CONDSTORE', 'QRESYNC', 'ACL'].filter((k) => !c.capabilities.has(k));
  const secure = c.secureConnection || c.socket?.encrypted || false;
  const list = (await c.list()).map((m) => m.path);
  await c.logout();
  if (caps.length) throw new Error(`missing capabilities: ${caps.join(' ')}`);
  for (const f of [...lab.mail.folders, lab.mail.teamFolder]) {
    if (!list.includes(f)) throw new Error(`folder ${f} missing: ${list.join(', ')}`);
  }
  return `IDLE CONDSTORE QRESYNC ACL; TLS after STARTTLS=${Boolean(secure)}; folders ${list.join(', ')}`;
});

await step('IMAPS (11993) login customer', async () => {
  const c = imap('customer', { ...lab.imaps });
  await c.connect();
  await c.logout();
});

await step('SMTP 11025 -> agent1@localhost, IDLE push on agent1 INBOX', async () => {
  const c = imap('agent1');
  await c.connect();
  const lock = await c.getMailboxLock('INBOX');
  try {
    const subject = `verify-direct-${run}`;
    const pushed = new Promise((resolve) => {
      c.on('exists', (info) => resolve(info));
    });
    // auto-IDLE does not arm while a mailbox lock is held: IDLE explicitly (the next command
    // ends it). Wait for the server's "+ idling" before sending.
    const idling = c.idle();
    await new Promise((r) => setTimeout(r, 200));
    const t0 = performance.now();
    const info = await smtp.sendMail({
      from: lab.users.customer.email,
      to: lab.users.agent1.email,
      subject,
      text: 'hello agent1',
    });
    await withTimeout(pushed, 10_000, 'EXISTS push');
    const pushMs = ms(t0);
    const uids = await c.search({ header: { subject } }, { uid: true });
    await idling;
    if (!uids || uids.length !== 1) throw new Error(`expected 1 message, found ${uids?.length}`);
    return `${info.response}; EXISTS pushed ${pushMs} after send`;
  } finally {
    lock.release();
    await c.logout();
  }
});

await step('SMTP STARTTLS + AUTH PLAIN agent2 -> customer', async () => {
  const t = nodemailer.createTransport({
    ...lab.smtp,
    requireTLS: true,
    tls: { ca },
    auth: { user: lab.users.agent2.user, pass: lab.users.agent2.pass },
  });
  const subject = `verify-auth-${run}`;
  await t.sendMail({ from: lab.users.agent2.email, to: lab.users.customer.email, subject, text: 'hi' });
  await waitForSubject('customer', subject);
  t.close();
});

await step('support@localhost -> agent1 AND agent2', async () => {
  const subject = `verify-support-${run}`;
  await smtp.sendMail({ from: lab.users.customer.email, to: lab.mail.supportAddress, subject, text: 'help!' });
  const [a1, a2] = await Promise.all([waitForSubject('agent1', subject), waitForSubject('agent2', subject)]);
  return `agent1 ${a1}, agent2 ${a2}`;
});

await step('Public/Team: agent1 appends, agent2 sees it', async () => {
  const subject = `verify-team-${run}`;
  const a1 = imap('agent1');
  await a1.connect();
  await a1.append(lab.mail.teamFolder, `Subject: ${subject}\r\nFrom: agent1@localhost\r\n\r\nnote\r\n`, ['\\Flagged']);
  await a1.logout();
  const a2 = imap('agent2');
  await a2.connect();
  const uids = await findSubject(a2, lab.mail.teamFolder, subject);
  await a2.logout();
  if (!uids || uids.length !== 1) throw new Error('agent2 does not see the team message');
});

await step('XMPP: customer <-> agent1 (login, message both ways, MAM)', async () => {
  const mk = (name, resource) =>
    xmppClient({
      service: lab.xmpp.service,
      domain: lab.xmpp.domain,
      username: lab.users[name].user,
      password: lab.users[name].pass,
      resource,
    });
  const customer = mk('customer', 'web');
  const agent = mk('agent1', 'desk');
  for (const c of [customer, agent]) c.on('error', (e) => console.error('xmpp error:', e.message));
  await Promise.all([customer.start(), agent.start()]);
  try {
    // presence, then one ping round trip: the server has processed the presence after the pong,
    // so a message to the bare JID is routed to the resource
    for (const c of [customer, agent]) await c.send(xml('presence'));
    const ping = (c) => c.iqCaller.request(xml('iq', { type: 'get', to: lab.xmpp.domain }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
    await Promise.all([ping(customer), ping(agent)]);
    const waitBody = (c, body) =>
      withTimeout(
        new Promise((resolve) => {
          const h = (st) => {
            if (st.is('message') && st.getChildText('body') === body) {
              c.removeListener('stanza', h);
              resolve(st);
            }
          };
          c.on('stanza', h);
        }),
        5000,
        `message "${body}"`,
      );
    const q = `question ${run}`;
    const got = waitBody(agent, q);
    await customer.send(xml('message', { to: lab.users.agent1.jid, type: 'chat' }, xml('body', {}, q)));
    await got;
    const a = `answer ${run}`;
    const got2 = waitBody(customer, a);
    await agent.send(xml('message', { to: lab.users.customer.jid, type: 'chat' }, xml('body', {}, a)));
    await got2;
    // MAM: agent1's archive with customer holds both
    const qid = `q${run}`;
    const bodies = [];
    const onResult = (st) => {
      const r = st.is('message') && st.getChild('result', 'urn:xmpp:mam:2');
      if (r && r.attrs.queryid === qid) bodies.push(r.getChild('forwarded', 'urn:xmpp:forward:0').getChild('message').getChildText('body'));
    };
    agent.on('stanza', onResult);
    const form = xml('x', { xmlns: 'jabber:x:data', type: 'submit' },
      xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, 'urn:xmpp:mam:2')),
      xml('field', { var: 'with' }, xml('value', {}, lab.users.customer.jid)));
    await agent.iqCaller.request(xml('iq', { type: 'set' }, xml('query', { xmlns: 'urn:xmpp:mam:2', queryid: qid }, form)));
    agent.removeListener('stanza', onResult);
    if (!bodies.includes(q) || !bodies.includes(a)) throw new Error(`MAM lacks the messages: ${JSON.stringify(bodies)}`);
    return `MAM returned ${bodies.length} message(s) with customer`;
  } finally {
    await Promise.all([customer.stop(), agent.stop()]);
  }
});

await step('MariaDB: cdr SELECT, cdrw INSERT/DELETE', async () => {
  const { host, port, database, user, password, writer } = lab.mysql;
  const r = await mysql.createConnection({ host, port, database, user, password });
  const w = await mysql.createConnection({ host, port, database, user: writer.user, password: writer.password });
  try {
    const uniqueid = `verify-${run}`;
    await w.execute(
      'INSERT INTO cdr (calldate, clid, src, dst, dcontext, channel, disposition, duration, billsec, uniqueid, linkedid) VALUES (NOW(), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ['"Customer" <+15550100>', '+15550100', '200', 'from-pstn', 'PJSIP/trunk-0001', 'ANSWERED', 42, 40, uniqueid, uniqueid],
    );
    const [rows] = await r.query('SELECT src, dst, billsec FROM cdr WHERE uniqueid = ?', [uniqueid]);
    let denied = false;
    try {
      await r.query('DELETE FROM cdr WHERE uniqueid = ?', [uniqueid]);
    } catch {
      denied = true;
    }
    await w.query('DELETE FROM cdr WHERE uniqueid = ?', [uniqueid]);
    if (rows.length !== 1) throw new Error('cdr user cannot read the inserted row');
    if (!denied) throw new Error('cdr user was allowed to DELETE');
    return `row ${JSON.stringify(rows[0])}; cdr DELETE denied`;
  } finally {
    await r.end();
    await w.end();
  }
});

smtp.close();
console.log(`VERIFY OK (${results.length} checks)`);
process.exit(0);
