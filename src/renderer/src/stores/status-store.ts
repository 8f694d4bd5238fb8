/** Connection state per source and sync progress, fed by main's events and the sync runner. */
import { create } from 'zustand';
import type { SourceStatus, SyncProgress } from '../../../shared/domain';

export interface StatusState {
  sources: Record<string, SourceStatus>;
  progress: Record<string, SyncProgress[]>;
  online: boolean;
  demo: boolean;
  agentName: string;
  setSource(status: SourceStatus): void;
  /** The full list from main (drops sources that were removed or stepped aside, like the demo). */
  replaceSources(list: SourceStatus[]): void;
  setProgress(sourceId: string, progress: SyncProgress[] | undefined): void;
  setOnline(online: boolean): void;
  setApp(info: { demo: boolean; agentName: string }): void;
}

export const useStatus = create<StatusState>((set) => ({
  sources: {},
  progress: {},
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  demo: false,
  agentName: 'me',
  setSource: (status) => set((s) => ({ sources: { ...s.sources, [status.sourceId]: status } })),
  replaceSources: (list) => set({ sources: Object.fromEntries(list.map((st) => [st.sourceId, st])) }),
  setProgress: (sourceId, progress) =>
    set((s) => {
      const next = { ...s.progress };
      if (progress?.length) next[sourceId] = progress;
      else delete next[sourceId];
      return { progress: next };
    }),
  setOnline: (online) => set({ online }),
  setApp: ({ demo, agentName }) => set({ demo, agentName }),
}));
