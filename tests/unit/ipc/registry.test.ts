import { describe, expect, it } from 'vitest';
import { invokeContract } from '../../../src/shared/ipc/contract';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../../../src/shared/ipc/channels';
import { completeHandlers, createDispatcher, joinHandlers, type Handlers } from '../../../src/main/ipc/registry';
import { CodedError } from '../../../src/shared/result';

function fullHandlers(overrides: Partial<Handlers> = {}): Handlers {
  const base = Object.fromEntries(Object.keys(invokeContract).map((c) => [c, async () => `handled ${c}`]));
  return { ...base, ...overrides } as unknown as Handlers;
}

describe('IPC registry', () => {
  it('lists every contract channel in the preload channel list', () => {
    expect([...INVOKE_CHANNELS].sort()).toEqual(Object.keys(invokeContract).sort());
    expect(EVENT_CHANNELS.length).toBeGreaterThan(0);
  });

  it('refuses a duplicate handler at start-up', () => {
    expect(() => joinHandlers({ 'app:info': async () => ({}) as never }, { 'app:info': async () => ({}) as never })).toThrow(
      /registered twice: app:info/,
    );
  });

  it('refuses to start with a channel that has no handler', () => {
    const partial = joinHandlers({ 'app:info': async () => ({}) as never });
    expect(() => completeHandlers(partial)).toThrow(/without a handler: .*sources:list/);
  });

  it('rejects an unknown channel with a coded error', async () => {
    const dispatch = createDispatcher(fullHandlers());
    expect(await dispatch('fs:readFile', { path: '/etc/passwd' })).toEqual({
      ok: false,
      error: { code: 'unknown-channel', message: 'Unknown channel: fs:readFile' },
    });
  });

  it('validates payloads before a handler runs', async () => {
    let ran = false;
    const dispatch = createDispatcher(
      fullHandlers({
        'sources:remove': async () => {
          ran = true;
          return null;
        },
      }),
    );
    const res = await dispatch('sources:remove', { id: 42 });
    expect(res.ok).toBe(false);
    expect(!res.ok && res.error.code).toBe('invalid-payload');
    expect(!res.ok && res.error.message).toMatch(/at id/);
    expect(ran).toBe(false);
    expect(await dispatch('sources:remove', { id: 'x' })).toEqual({ ok: true, value: null });
    expect(ran).toBe(true);
  });

  it('refuses a plain-text IMAP password channel abuse: oversized and wrong-typed fields', async () => {
    const dispatch = createDispatcher(fullHandlers());
    const res = await dispatch('shell:open-external', { url: 'javascript:alert(1)' });
    expect(res.ok).toBe(false);
    expect(!res.ok && res.error.code).toBe('invalid-payload');
    const res2 = await dispatch('sources:pull', { sourceId: 'a', cursor: null, limit: 10_000_000 });
    expect(!res2.ok && res2.error.code).toBe('invalid-payload');
  });

  it('wraps handler failures: coded errors keep their code, others become internal', async () => {
    const dispatch = createDispatcher(
      fullHandlers({
        'sources:status': async () => {
          throw new CodedError('offline', 'server unreachable');
        },
        'sources:list': async () => {
          throw new Error('boom');
        },
      }),
    );
    expect(await dispatch('sources:status', undefined)).toEqual({ ok: false, error: { code: 'offline', message: 'server unreachable' } });
    expect(await dispatch('sources:list', undefined)).toEqual({ ok: false, error: { code: 'internal', message: 'boom' } });
  });

  it('passes the parsed payload and wraps the value', async () => {
    const dispatch = createDispatcher(fullHandlers({ 'sources:pull': async (p) => ({ sourceId: p.sourceId, records: [], cursor: p.cursor, hasMore: false }) }));
    expect(await dispatch('sources:pull', { sourceId: 's1', cursor: { uid: 3 } })).toEqual({
      ok: true,
      value: { sourceId: 's1', records: [], cursor: { uid: 3 }, hasMore: false },
    });
  });
});
