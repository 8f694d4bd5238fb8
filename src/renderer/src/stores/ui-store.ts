/** UI state only (zustand). Data lives in Dexie and is read with liveQuery. */
import { create } from 'zustand';
import type { QueueId } from '../db/repos/queues';

export type Pane = 'queue' | 'timeline' | 'context';
export type Overlay = 'none' | 'palette' | 'cheatsheet' | 'settings' | 'outbox' | 'log-call' | 'search';

/** What the composer should open for (set by the reply/forward/new actions; the Composer reacts). */
export interface ComposerRequest {
  mode: 'reply' | 'reply-all' | 'forward' | 'new';
  threadId?: string;
  /** Edit a queued/failed outbox item instead of starting from the thread. */
  outboxId?: string;
  /** Changes on every request so the same request twice reopens the composer. */
  at: number;
}

export interface UiState {
  queue: QueueId;
  /** Index of the highlighted row in the queue. */
  cursor: number;
  /** Thread shown in the timeline (opened with Enter). */
  openThreadId?: string;
  openCustomerId?: string;
  /** An item to scroll to and highlight once the customer is shown (set by search). */
  focusItemId?: string;
  /** The item search revealed, marked for a moment (rendered by the item, so a re-mount keeps it). */
  hitItemId?: string;
  pane: Pane;
  overlay: Overlay;
  selection: string[];
  /** A multi-key sequence in progress (e.g. "g"). */
  pendingPrefix?: string;
  toast?: { text: string; kind: 'info' | 'error'; at: number };
  composer?: ComposerRequest;
  setSelection(selection: string[]): void;
  setQueue(queue: QueueId): void;
  move(delta: number, length: number): void;
  setCursor(index: number): void;
  open(threadId: string | undefined, customerId: string, focusItemId?: string): void;
  back(): void;
  setOverlay(overlay: Overlay): void;
  setPane(pane: Pane): void;
  setPrefix(prefix?: string): void;
  notify(text: string, kind?: 'info' | 'error'): void;
  openComposer(req: Omit<ComposerRequest, 'at'>): void;
  closeComposer(): void;
}

export const useUi = create<UiState>((set) => ({
  queue: 'open',
  cursor: 0,
  pane: 'queue',
  overlay: 'none',
  selection: [],
  setQueue: (queue) => set({ queue, cursor: 0, selection: [] }),
  move: (delta, length) =>
    set((s) => ({ cursor: length === 0 ? 0 : Math.max(0, Math.min(length - 1, s.cursor + delta)) })),
  setCursor: (cursor) => set({ cursor }),
  open: (openThreadId, openCustomerId, focusItemId) => set({ openThreadId, openCustomerId, focusItemId, pane: 'timeline' }),
  back: () =>
    set((s) =>
      s.overlay !== 'none' ? { overlay: 'none' } : s.pane !== 'queue' ? { pane: 'queue' } : { openThreadId: undefined, openCustomerId: undefined },
    ),
  setOverlay: (overlay) => set({ overlay }),
  setPane: (pane) => set({ pane }),
  // Called on every key press: no store notification when nothing changes.
  setPrefix: (pendingPrefix) => set((s) => (s.pendingPrefix === pendingPrefix ? s : { pendingPrefix })),
  notify: (text, kind = 'info') => set({ toast: { text, kind, at: Date.now() } }),
  setSelection: (selection) => set({ selection }),
  openComposer: (req) => set({ composer: { ...req, at: Date.now() }, overlay: 'none' }),
  closeComposer: () => set({ composer: undefined }),
}));
