/**
 * Collision checks before a reply goes out (like Help Scout's Traffic Cop):
 *  - the customer wrote again after the agent opened the reply (a newer inbound message on the
 *    conversation than the one the agent saw);
 *  - another agent is replying to the same conversation right now (presence from the team log).
 * The composer calls `replyCollision` on send with the conversation's lastInboundTs it showed when
 * the reply was opened, and asks "Send anyway?" when anything comes back.
 */
import Dexie from 'dexie';
import type { Interaction } from '../../../shared/domain';
import type { PresenceEnvelope } from '../../../shared/team/event-schema';
import type { SwitchboardDb } from '../db/schema';

export interface ReplyCollision {
  /** Customer messages that arrived after the reply was opened, oldest first. */
  newer: Interaction[];
  /** Other agents replying to this conversation now. */
  replying: PresenceEnvelope[];
  /** One line for the warning, or undefined when the reply can go. */
  warning?: string;
}

export async function replyCollision(
  db: SwitchboardDb,
  threadId: string,
  seenLastInboundTs: number,
  replying: PresenceEnvelope[] = [],
): Promise<ReplyCollision> {
  const newer = (await db.interactions.where('[threadId+ts]').between([threadId, seenLastInboundTs], [threadId, Dexie.maxKey], false, true).toArray()).filter(
    (i) => i.direction === 'inbound',
  );
  const parts: string[] = [];
  if (newer.length) parts.push(newer.length === 1 ? 'The customer wrote again while you were replying.' : `The customer wrote ${newer.length} more messages while you were replying.`);
  const names = [...new Set(replying.map((p) => p.author))];
  if (names.length) parts.push(`${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} replying to this conversation too.`);
  return { newer, replying, warning: parts.length ? parts.join(' ') : undefined };
}
