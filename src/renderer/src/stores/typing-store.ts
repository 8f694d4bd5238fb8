/**
 * Chat states (XEP-0085) of customers, from main's 'presence:activity' events: who is typing now.
 * A "composing" older than 30 s counts as stopped, as XEP-0085 has clients send "paused" then.
 */
import { create } from 'zustand';
import { normaliseJid } from '../../../shared/identity';

export const TYPING_STALE_MS = 30_000;

export interface TypingEntry {
  state: 'composing' | 'paused' | 'idle';
  at: number;
}

export interface TypingState {
  peers: Record<string, TypingEntry>;
  update(peer: string, state: TypingEntry['state'], at: number): void;
}

export const useTyping = create<TypingState>((set) => ({
  peers: {},
  update: (peer, state, at) => set((s) => ({ peers: { ...s.peers, [normaliseJid(peer)]: { state, at } } })),
}));

/** Whether any of these bare JIDs is typing at `now`. */
export function isTyping(peers: Record<string, TypingEntry>, jids: string[], now: number): boolean {
  return jids.some((j) => {
    const e = peers[normaliseJid(j)];
    return e?.state === 'composing' && now - e.at < TYPING_STALE_MS;
  });
}
