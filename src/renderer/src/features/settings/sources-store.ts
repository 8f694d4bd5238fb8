/** The configured sources as main reports them (no passwords: hasPassword only). UI state. */
import { create } from 'zustand';
import type { StoredSource } from '../../../../shared/ipc/contract';
import { call } from '../../api';

interface SourcesState {
  list: StoredSource[];
  loaded: boolean;
  error?: string;
  refresh(): Promise<StoredSource[]>;
}

export const useSources = create<SourcesState>((set) => ({
  list: [],
  loaded: false,
  async refresh() {
    try {
      const list = await call('sources:list', undefined);
      set({ list, loaded: true, error: undefined });
      return list;
    } catch (e) {
      set({ loaded: true, error: e instanceof Error ? e.message : String(e) });
      return [];
    }
  },
}));
