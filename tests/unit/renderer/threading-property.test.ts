/**
 * Ingest threads email incrementally (batch by batch, newest first during a sync), while JWZ
 * (`threadMessages`, src/shared/mail/jwz.ts) threads a complete set at once. Property: whatever
 * order the messages of a few conversations arrive in, and however they are split into batches,
 * ingest ends with the same conversations as JWZ over all of them.
 *
 * The generated mail is what mail clients write: every reply names its parent in In-Reply-To;
 * References holds the full chain of ancestors, only the last few of them, or nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EmailRecord } from '../../../src/shared/domain';
import { threadMessages } from '../../../src/shared/mail/jwz';
import { ingestBatch } from '../../../src/renderer/src/ingest/ingest-batch';
import { dropDb, email, freshDb, MIN, T0 } from './helpers';

interface Msg {
  id: string;
  parent?: string;
  refs: string[];
  inReplyTo?: string;
  date: number;
}

/** Up to 3 conversations of 1-6 messages each; each reply has a random earlier parent. */
const conversationsArb = fc
  .array(
    fc.record({
      parents: fc.array(fc.nat(), { minLength: 0, maxLength: 5 }),
      refs: fc.array(fc.constantFrom('full', 'last1', 'last2', 'none'), { minLength: 5, maxLength: 5 }),
    }),
    { minLength: 1, maxLength: 3 },
  )
  .map((convs) => {
    const out: Msg[] = [];
    convs.forEach((c, ci) => {
      const ids = [`c${ci}m0`];
      out.push({ id: ids[0]!, refs: [], date: T0 + ci * 10 * MIN });
      const chain = new Map<string, string[]>([[ids[0]!, []]]);
      c.parents.forEach((p, j) => {
        const id = `c${ci}m${j + 1}`;
        const parent = ids[p % ids.length]!;
        const ancestors = [...chain.get(parent)!, parent];
        const mode = c.refs[j]!;
        const refs = mode === 'full' ? ancestors : mode === 'last1' ? ancestors.slice(-1) : mode === 'last2' ? ancestors.slice(-2) : [];
        out.push({ id, parent, inReplyTo: parent, refs, date: T0 + ci * 10 * MIN + (j + 1) * MIN });
        chain.set(id, ancestors);
        ids.push(id);
      });
    });
    return out;
  });

const mid = (id: string) => `<${id}@x.example>`;

function record(m: Msg): EmailRecord {
  return email(m.id, {
    subject: `Conversation ${m.id}`,
    messageId: mid(m.id),
    inReplyTo: m.inReplyTo ? mid(m.inReplyTo) : undefined,
    references: m.refs.map(mid),
    date: m.date,
  });
}

/** A partition as a sorted list of sorted groups, comparable with toEqual. */
function partition(assign: Map<string, string>): string[][] {
  const groups = new Map<string, string[]>();
  for (const [id, g] of assign) groups.set(g, [...(groups.get(g) ?? []), id]);
  return [...groups.values()].map((g) => g.sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

describe('email threading: ingest agrees with JWZ', () => {
  it('property: any arrival order and batch split gives the conversations JWZ finds', async () => {
    await fc.assert(
      fc.asyncProperty(
        conversationsArb.chain((msgs) =>
          fc.tuple(fc.constant(msgs), fc.shuffledSubarray(msgs, { minLength: msgs.length, maxLength: msgs.length }), fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 20, maxLength: 20 })),
        ),
        async ([msgs, order, sizes]) => {
          const db = await freshDb('threading-prop');
          try {
            let at = 0;
            for (let b = 0; at < order.length; b++) {
              const part = order.slice(at, at + sizes[b % sizes.length]!);
              at += part.length;
              await ingestBatch(db, { sourceId: 'mail', records: part.map(record), cursor: at, hasMore: at < order.length });
            }
            const rows = await db.interactions.toArray();
            const ingest = new Map(rows.map((r) => [r.id.replace(/^m:/, ''), r.threadId]));
            const jwz = threadMessages(msgs.map((m) => ({ id: m.id, messageId: mid(m.id), inReplyTo: m.inReplyTo && mid(m.inReplyTo), references: m.refs.map(mid), date: m.date })));
            expect(partition(ingest)).toEqual(partition(jwz));
            // Every thread row counts exactly its items (no empty or stale thread left behind).
            const threads = await db.threads.toArray();
            expect(threads.map((t) => t.count).sort()).toEqual(partition(jwz).map((g) => g.length).sort());
          } finally {
            await dropDb(db);
          }
        },
      ),
      { numRuns: 150 },
    );
  }, 120_000);
});
