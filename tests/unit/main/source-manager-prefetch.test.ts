import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SourceBatch } from '../../../src/shared/domain';
import type { SourceConfig } from '../../../src/shared/ipc/schemas';
import type { AnyConnectorFactory } from '../../../src/main/connectors/connector';
import { createFileSecretStore } from '../../../src/main/secrets/secret-store';
import { createMemoryConfigStore } from '../../../src/main/services/config-store';
import { createSourceManager } from '../../../src/main/services/source-manager';
import { testCipher } from '../../host/test-cipher';

/** A CDR-file source whose "server" is an array; pull(cursor) = the next `limit` rows after it. */
/** One Master.csv source ("pbx") served by `factory`, in a source manager with throwaway stores. */
const PBX: SourceConfig = { kind: 'cdr-csv', id: 'pbx', label: 'PBX', enabled: true, path: '/tmp/Master.csv', defaultRegion: 'US', extensionPattern: '', timeZone: 'UTC' };
function managerWith(factory: AnyConnectorFactory) {
  return createSourceManager({
    configs: createMemoryConfigStore([PBX]),
    secrets: createFileSecretStore(join(mkdtempSync(join(tmpdir(), 'sb-sm-')), 's.json'), testCipher()),
    factories: [factory],
    emit: () => {},
    log: () => {},
    resourcesDir: '/nonexistent',
  });
}

function setup(rows: number) {
  const calls: unknown[] = [];
  let ctxRef: { emit(event: string, payload: unknown): void } | undefined;
  let server = Array.from({ length: rows }, (_, i) => i);
  const factory = {
    kind: 'cdr-csv',
    create: (_config: unknown, ctx: { emit(event: string, payload: unknown): void }) => {
      ctxRef = ctx;
      return {
      sourceId: 'pbx',
      async pull(cursor: unknown, limit: number): Promise<SourceBatch> {
        calls.push(cursor);
        await new Promise((r) => setTimeout(r, 5));
        const from = typeof cursor === 'number' ? cursor : 0;
        const slice = server.filter((n) => n >= from).slice(0, limit);
        const next = slice.length ? slice[slice.length - 1]! + 1 : from;
        return { sourceId: 'pbx', records: [], cursor: next, hasMore: server.some((n) => n >= next), progress: [{ label: String(slice.length), done: next, total: server.length }] };
      },
      async stop() {},
      };
    },
  } as unknown as AnyConnectorFactory;
  const manager = managerWith(factory);
  return {
    manager,
    calls,
    changed: () => ctxRef!.emit('sources:changed', { sourceId: 'pbx' }),
    grow: (n: number) => (server = [...server, ...Array.from({ length: n }, (_, i) => server.length + i)]),
  };
}

describe('source manager read-ahead', () => {
  it('fetches the next batch while the previous one is stored, and serves it for that cursor', async () => {
    const { manager, calls } = setup(25);
    const b1 = await manager.pull('pbx', null, 10);
    expect(b1.cursor).toBe(10);
    // The read-ahead for cursor 10 is already under way.
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toEqual([null, 10]);
    const b2 = await manager.pull('pbx', 10, 10);
    expect(b2.cursor).toBe(20);
    const b3 = await manager.pull('pbx', 20, 10);
    expect(b3).toMatchObject({ cursor: 25, hasMore: false });
    // Every batch was fetched once: no pull repeated, no read-ahead after the last one.
    expect(calls).toEqual([null, 10, 20]);
  });

  it('ignores a read-ahead for another cursor and pulls afresh', async () => {
    const { manager, calls } = setup(25);
    await manager.pull('pbx', null, 10);
    const again = await manager.pull('pbx', null, 10); // e.g. the renderer crashed before storing
    expect(again.cursor).toBe(10);
    expect(calls.filter((c) => c === null)).toHaveLength(2);
  });

  it('a read-ahead batch is exactly what a fresh pull from that cursor returned at that time; newer rows come next', async () => {
    const { manager, grow } = setup(15);
    await manager.pull('pbx', null, 10);
    await new Promise((r) => setTimeout(r, 20));
    grow(5); // new rows arrive after the read-ahead ran
    const b2 = await manager.pull('pbx', 10, 10);
    expect(b2.cursor).toBe(15);
    const b3 = await manager.pull('pbx', b2.cursor, 10);
    expect(b3.cursor).toBe(20);
  });
});

describe('source manager read-ahead and change notices', () => {
  it('drops a batch read ahead before the source announced a change', async () => {
    const { manager, calls, changed, grow } = setup(15);
    await manager.pull('pbx', null, 10);
    await new Promise((r) => setTimeout(r, 20)); // read-ahead from 10 done: rows 10-14, hasMore false
    grow(5);
    changed(); // e.g. IDLE saw EXISTS: the pull this triggers must see the new rows
    const b2 = await manager.pull('pbx', 10, 10);
    expect(b2.cursor).toBe(20);
    expect(calls).toEqual([null, 10, 10]);
  });
});

describe('source manager opening', () => {
  it('creates one connector per source even when start-up, a save and a pull race', async () => {
    let created = 0;
    let started = 0;
    const factory = {
      kind: 'cdr-csv',
      create: () => {
        created++;
        return {
          sourceId: 'pbx',
          pull: async (): Promise<SourceBatch> => ({ sourceId: 'pbx', records: [], cursor: 0, hasMore: false }),
          start: async () => void started++,
          stop: async () => {},
        };
      },
    } as unknown as AnyConnectorFactory;
    const manager = managerWith(factory);
    await Promise.all([manager.startAll(), manager.pull('pbx', null, 10), manager.connector('pbx')]);
    expect(created).toBe(1);
    expect(started).toBe(1);
    // A save while start-up is still opening replaces the connector: the stale open never wins.
    await Promise.all([manager.startAll(), manager.save({ ...PBX, label: 'PBX 2' }, 'pw')]);
    const live = await manager.connector('pbx');
    expect(created).toBeGreaterThanOrEqual(2);
    expect(await manager.connector('pbx')).toBe(live);
  });
});
