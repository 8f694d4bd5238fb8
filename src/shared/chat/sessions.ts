/**
 * Chat sessions: a conversation with one customer is cut into sessions wherever nobody wrote for
 * longer than the idle gap (default 30 minutes). Each session becomes one thread in the console.
 *
 * Pure and deterministic: the result depends only on the messages' timestamps and keys, not on the
 * order they arrived in. A session's id is derived from its first message's key, so replaying the
 * same messages always yields the same ids.
 */

export const DEFAULT_SESSION_GAP_MS = 30 * 60_000;

export interface SessionInput {
  /** The message's sourceKey. */
  key: string;
  /** Epoch ms. */
  ts: number;
}

export interface ChatSession {
  id: string;
  firstTs: number;
  lastTs: number;
  keys: string[];
}

export function sessionIdFor(firstKey: string): string {
  return `chat-session:${firstKey}`;
}

function byTimeThenKey(a: SessionInput, b: SessionInput): number {
  return a.ts - b.ts || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** Group one conversation's messages into sessions, oldest first. Duplicate keys count once. */
export function groupSessions(messages: readonly SessionInput[], gapMs: number = DEFAULT_SESSION_GAP_MS): ChatSession[] {
  if (!(gapMs > 0)) throw new RangeError('the session gap must be a positive number of milliseconds');
  const unique = new Map<string, SessionInput>();
  for (const m of messages) {
    const seen = unique.get(m.key);
    // The same key twice (live copy and archive copy): keep the earlier timestamp, deterministically.
    if (!seen || m.ts < seen.ts) unique.set(m.key, m);
  }
  const sorted = [...unique.values()].sort(byTimeThenKey);
  const sessions: ChatSession[] = [];
  let current: ChatSession | undefined;
  for (const m of sorted) {
    if (!current || m.ts - current.lastTs > gapMs) {
      current = { id: sessionIdFor(m.key), firstTs: m.ts, lastTs: m.ts, keys: [] };
      sessions.push(current);
    }
    current.keys.push(m.key);
    current.lastTs = m.ts;
  }
  return sessions;
}

/** Map each message key to its session id. */
export function sessionIdsByKey(messages: readonly SessionInput[], gapMs: number = DEFAULT_SESSION_GAP_MS): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of groupSessions(messages, gapMs)) for (const k of s.keys) out.set(k, s.id);
  return out;
}

/**
 * Incremental form for ingest: given the latest stored session of a conversation (or none), the
 * session a newer message belongs to. Messages older than the latest session's end need the full
 * `groupSessions` over the conversation instead (they may split or join sessions).
 */
export function nextSession(
  latest: { id: string; lastTs: number } | undefined,
  message: SessionInput,
  gapMs: number = DEFAULT_SESSION_GAP_MS,
): { id: string; isNew: boolean } {
  if (latest && message.ts >= latest.lastTs && message.ts - latest.lastTs <= gapMs) return { id: latest.id, isNew: false };
  return { id: sessionIdFor(message.key), isNew: true };
}
