/** The lab's mail servers as e2e specs use them: an account config for the app and a bare IMAP client. */
import { ImapFlow } from 'imapflow';
import type { ImapSourceConfig } from '../../src/shared/ipc/schemas';
import { lab } from '../lab/env';

type LabMailUser = { user: string; pass: string; email: string };

/** An IMAP/SMTP source for `user` on the lab servers (plain, loopback). */
export function labAccount(user: LabMailUser, over: Pick<ImapSourceConfig, 'id' | 'label' | 'folders'>): ImapSourceConfig {
  return {
    kind: 'imap', enabled: true, displayName: 'Support', email: user.email, user: user.user,
    imap: { host: lab.host, port: lab.imap.port, security: 'plain' }, smtp: { host: lab.smtp.host, port: lab.smtp.port, security: 'plain' },
    allowPlain: true, allowSelfSigned: false, sentFolder: 'Sent', signature: '', teamAddresses: [], teamFolder: '',
    ...over,
  };
}

/** A connected imapflow client of `user` (the test's own view of the mailbox). */
export async function labImap(user: LabMailUser): Promise<ImapFlow> {
  const client = new ImapFlow({ host: lab.host, port: lab.imap.port, secure: false, doSTARTTLS: false, auth: { user: user.user, pass: user.pass }, logger: false });
  client.on('error', () => {});
  await client.connect();
  return client;
}

/** Delete a test's folder (missing is fine). */
export async function dropFolder(user: LabMailUser, folder: string): Promise<void> {
  const client = await labImap(user);
  await client.mailboxDelete(folder).catch(() => {});
  await client.logout();
}
