import { afterEach, describe, expect, it } from 'vitest';
import type { SwitchboardDb } from '../../../src/renderer/src/db/schema';
import { ingestBatch } from '../../../src/renderer/src/ingest/ingest-batch';
import { replyCollision } from '../../../src/renderer/src/team/team-sync-collision';
import { formatHlc } from '../../../src/shared/team/hlc';
import { dropDb, email, freshDb, T0 } from '../renderer/helpers';

let db: SwitchboardDb;
afterEach(async () => dropDb(db));

describe('reply collision (traffic cop)', () => {
  it('warns when the customer wrote after the reply was opened, or another agent is replying', async () => {
    db = await freshDb('collision');
    await ingestBatch(db, { sourceId: 'mail', cursor: 1, hasMore: false, records: [email('a', { date: T0 })] });
    const thread = (await db.threads.toArray())[0]!;
    const seen = thread.lastInboundTs;
    expect(await replyCollision(db, thread.id, seen)).toMatchObject({ newer: [], warning: undefined });

    await ingestBatch(db, { sourceId: 'mail', cursor: 2, hasMore: false, records: [email('b', { date: T0 + 60_000, inReplyTo: '<a@x.example>', references: ['<a@x.example>'] })] });
    const presence = [{ v: 1 as const, kind: 'presence' as const, id: 'p1', author: 'bo', hlc: formatHlc({ ms: T0, counter: 0 }), ts: T0, threadId: thread.id, state: 'replying' as const, expiresAt: T0 + 90_000 }];
    const c = await replyCollision(db, thread.id, seen, presence);
    expect(c.newer.map((i) => i.text)).toEqual(['body b']);
    expect(c.warning).toBe('The customer wrote again while you were replying. bo is replying to this conversation too.');
  });
});
