import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventContract } from '../../../src/shared/ipc/contract';
import type { SourceConfig } from '../../../src/shared/ipc/schemas';
import { createDispatcher } from '../../../src/main/ipc/registry';
import { createFileSecretStore } from '../../../src/main/secrets/secret-store';
import { createFileConfigStore, createMemoryConfigStore } from '../../../src/main/services/config-store';
import { createMainServices } from '../../../src/main/services/main-services';
import { testCipher } from '../../host/test-cipher';

const resourcesDir = join(__dirname, '../../../resources');

function setup(opts: { cipherAvailable?: boolean; sources?: SourceConfig[] } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'sb-main-'));
  const events: { event: string; payload: unknown }[] = [];
  const opened: string[] = [];
  const secretsFile = join(dir, 'secrets.json');
  const services = createMainServices({
    configs: createMemoryConfigStore(opts.sources),
    secrets: createFileSecretStore(secretsFile, testCipher(opts.cipherAvailable ?? true)),
    resourcesDir,
    version: '1.2.3',
    platform: 'linux',
    agentName: 'maya',
    emit: <E extends keyof EventContract>(event: E, payload: EventContract[E]) => void events.push({ event, payload }),
    openExternal: async (url) => void opened.push(url),
    log: () => {},
  });
  return { services, dispatch: createDispatcher(services.handlers), events, opened, secretsFile };
}

const imap: SourceConfig = {
  kind: 'imap',
  id: 'acct1',
  label: 'Support mailbox',
  enabled: false,
  displayName: 'Support',
  email: 'support@example.com',
  user: 'support',
  imap: { host: 'imap.example.com', port: 993, security: 'tls' },
  smtp: { host: 'smtp.example.com', port: 465, security: 'tls' },
  allowPlain: false,
  allowSelfSigned: false,
  folders: ['INBOX', 'Sent'],
  sentFolder: 'Sent',
  signature: '',
  teamAddresses: [],
  teamFolder: '',
};

describe('main services', () => {
  it('serves the demo workspace when no source is configured', async () => {
    const { dispatch } = setup();
    const info = await dispatch('app:info', undefined);
    expect(info).toMatchObject({ ok: true, value: { demo: true, version: '1.2.3', agentName: 'maya' } });
    const batch = await dispatch('sources:pull', { sourceId: 'demo', cursor: null, limit: 5 });
    expect(batch.ok).toBe(true);
    if (batch.ok) {
      const b = batch.value as { records: unknown[]; cursor: unknown; hasMore: boolean };
      expect(b.records).toHaveLength(5);
      expect(b.cursor).toBe(5);
      expect(b.hasMore).toBe(true);
    }
  });

  it('keeps passwords in main: encrypted at rest, never returned', async () => {
    const { dispatch, secretsFile } = setup();
    const saved = await dispatch('sources:save', { config: imap, password: 'hunter2-secret' });
    expect(saved).toEqual({ ok: true, value: { config: imap, hasPassword: true } });
    const listed = await dispatch('sources:list', undefined);
    expect(JSON.stringify(listed)).not.toContain('hunter2');
    expect(readFileSync(secretsFile, 'utf8')).not.toContain('hunter2');
    const info = await dispatch('app:info', undefined);
    expect(info).toMatchObject({ ok: true, value: { demo: true } }); // saved but disabled
  });

  it('refuses to save a password without an OS keychain, with a clear error', async () => {
    const { dispatch } = setup({ cipherAvailable: false });
    const res = await dispatch('sources:save', { config: imap, password: 'pw' });
    expect(res.ok).toBe(false);
    expect(!res.ok && res.error.code).toBe('secrets-unavailable');
    expect(!res.ok && res.error.message).toMatch(/keyring/i);
    expect(await dispatch('sources:list', undefined)).toEqual({ ok: true, value: [] });
  });

  it('opens only safe links externally', async () => {
    const { dispatch, opened } = setup();
    expect(await dispatch('shell:open-external', { url: 'https://example.com/kb' })).toEqual({ ok: true, value: null });
    expect((await dispatch('shell:open-external', { url: 'file:///etc/passwd' })).ok).toBe(false);
    expect(opened).toEqual(['https://example.com/kb']);
  });

  it('reports an unknown source precisely', async () => {
    const { dispatch } = setup();
    const res = await dispatch('sources:pull', { sourceId: 'nope', cursor: null });
    expect(res).toEqual({ ok: false, error: { code: 'not-found', message: 'No enabled source with id nope.' } });
  });
});

describe('config store', () => {
  it('persists atomically and skips invalid entries with a log line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-cfg-'));
    const file = join(dir, 'sources.json');
    const store = createFileConfigStore(file);
    await store.save(imap);
    await store.save({ ...imap, label: 'Renamed' });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toHaveLength(1);
    const logs: string[] = [];
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, JSON.stringify([imap, { kind: 'imap', id: 'broken' }]));
    const reread = createFileConfigStore(file, (l) => logs.push(l));
    expect((await reread.list()).map((c) => c.id)).toEqual(['acct1']);
    expect(logs.join()).toMatch(/skipped an invalid source/);
  });

  it('checks every event against its schema before it leaves main: a bad payload is logged, never sent', async () => {
    const events: { event: string; payload: unknown }[] = [];
    const logs: string[] = [];
    let emitFromConnector: ((event: string, payload: unknown) => void) | undefined;
    const pbx: SourceConfig = { kind: 'cdr-csv', id: 'pbx', label: 'PBX', enabled: true, path: '/tmp/none.csv', defaultRegion: 'US', extensionPattern: '', timeZone: 'UTC' };
    const factory = {
      kind: 'cdr-csv' as const,
      create: (_c: unknown, ctx: { emit(event: string, payload: unknown): void }) => {
        emitFromConnector = (e, p) => ctx.emit(e, p);
        return { sourceId: 'pbx', pull: async () => ({ sourceId: 'pbx', records: [], cursor: null, hasMore: false }), stop: async () => {} };
      },
    };
    const services = createMainServices({
      configs: createMemoryConfigStore([pbx]),
      secrets: createFileSecretStore(join(mkdtempSync(join(tmpdir(), 'sb-main-')), 's.json'), testCipher(true)),
      resourcesDir,
      version: '1',
      platform: 'linux',
      agentName: 'maya',
      emit: (event, payload) => void events.push({ event, payload }),
      openExternal: async () => {},
      log: (l) => void logs.push(l),
      factories: [factory as never],
    });
    await services.sources.startAll();
    expect(emitFromConnector).toBeDefined();
    emitFromConnector!('sources:changed', { sourceId: 'pbx' });
    emitFromConnector!('sources:changed', { sourceId: '' });
    emitFromConnector!('sources:records', { sourceId: 'pbx', records: [{ type: 'chat', sourceKey: 'k' }], cursor: null, hasMore: false });
    emitFromConnector!('presence:activity', { sourceId: 'pbx', peer: 'a@b', state: 'dancing' });
    const mine = events.filter((e) => e.event !== 'sources:status');
    expect(mine).toEqual([{ event: 'sources:changed', payload: { sourceId: 'pbx' } }]);
    expect(logs.filter((l) => l.includes('not sent'))).toHaveLength(3);
    expect(logs.join('\n')).toMatch(/event sources:records not sent: records\.0\./);
    await services.dispose();
  });
});
