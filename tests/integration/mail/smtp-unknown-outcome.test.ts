/**
 * Fault injection for the one case a real Postfix cannot be made to produce on demand: the
 * connection drops after the message data was sent and before the server answered. A tiny
 * loopback SMTP endpoint speaks just enough protocol and hangs up at that moment.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifySendError, deliverEmail, type EmailDeliverRequest } from '../../../src/main/connectors/smtp/smtp-deliver';
import { accountConfig } from './mail-lab';

let server: net.Server;
let port = 0;
let dataReceived = 0;

beforeAll(async () => {
  server = net.createServer((s) => {
    let inData = false;
    let buf = '';
    s.write('220 flaky ESMTP\r\n');
    s.on('data', (d) => {
      buf += d.toString('latin1');
      let i: number;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (inData) {
          if (line === '.') {
            dataReceived++;
            s.destroy(); // the message is in, the answer never comes
            return;
          }
          continue;
        }
        if (/^EHLO/i.test(line)) s.write('250-flaky\r\n250 8BITMIME\r\n');
        else if (/^(MAIL|RCPT)/i.test(line)) s.write('250 ok\r\n');
        else if (/^DATA/i.test(line)) {
          inData = true;
          s.write('354 go ahead\r\n');
        } else if (/^QUIT/i.test(line)) s.end('221 bye\r\n');
        else s.write('502 no\r\n');
      }
    });
    s.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as net.AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('unknown outcome', () => {
  it('a connection lost after DATA is unknown-outcome, never offline', async () => {
    const config = accountConfig('user4', { smtp: { host: '127.0.0.1', port, security: 'plain' }, allowPlain: true });
    const req: EmailDeliverRequest = {
      kind: 'email',
      id: 'o1',
      sourceId: config.id,
      messageId: '<unknown-outcome-1@switchboard.test>',
      attempts: 0,
      payload: { from: { address: 'user4@localhost' }, to: [{ address: 'user5@localhost' }], cc: [], bcc: [], subject: 's', text: 't', references: [] },
    };
    let appended = false;
    await expect(
      deliverEmail(req, {
        config,
        password: 'x',
        withImap: async () => {
          appended = true;
          return undefined as never;
        },
        log: () => {},
      }),
    ).rejects.toMatchObject({ code: 'unknown-outcome' });
    expect(dataReceived).toBe(1);
    expect(appended).toBe(false);
  });

  it('classifies SMTP failures for retry', () => {
    expect(classifySendError({ code: 'EMESSAGE', responseCode: 554, response: '554 no' }).code).toBe('rejected');
    expect(classifySendError({ code: 'EENVELOPE', responseCode: 450, response: '450 try later' }).code).toBe('offline');
    expect(classifySendError({ code: 'ECONNECTION', message: 'Connection closed unexpectedly' }).code).toBe('unknown-outcome');
  });
});
