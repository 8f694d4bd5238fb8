/**
 * Team sync in the app: one runner for the first enabled IMAP account that has a team folder,
 * its state in a zustand store for the UI ("3 team changes waiting", "Ana is replying"), and the
 * hook ingest calls so team state reaches conversations that arrive after their events.
 */
import { create } from 'zustand';
import type { SwitchboardApi, StoredSource } from '../../../shared/ipc/contract';
import type { PresenceEnvelope } from '../../../shared/team/event-schema';
import type { SwitchboardDb } from '../db/schema';
import { createTeamSync, type TeamSync, type TeamSyncState } from './team-sync';

export interface TeamSyncStore extends TeamSyncState {
  /** Account id whose team folder is used; undefined when team sync is off. */
  sourceId?: string;
  folder?: string;
  set(state: Partial<TeamSyncStore>): void;
}

export const useTeamSync = create<TeamSyncStore>((set) => ({
  pending: 0,
  state: 'idle',
  presence: [],
  set: (s) => set(s),
}));

let runner: TeamSync | undefined;
let runnerKey = '';

/** (Re)configure from the source list; safe to call after every settings change. */
export async function configureTeamSync(db: SwitchboardDb, api: SwitchboardApi, sources: StoredSource[], author: string, demo = false): Promise<void> {
  const account = sources.map((s) => s.config).find((c) => c.kind === 'imap' && c.enabled && c.teamFolder.trim() !== '');
  // The demo workspace has its own team log (served by the demo source), used while no account has one.
  const target = account && account.kind === 'imap' ? { id: account.id, folder: account.teamFolder } : demo ? { id: 'demo', folder: 'Demo team log' } : undefined;
  const key = target ? `${target.id}\u0000${target.folder}\u0000${author}` : '';
  if (key === runnerKey) {
    await runner?.sync();
    return;
  }
  runner?.dispose();
  runner = undefined;
  runnerKey = key;
  if (!target) {
    useTeamSync.getState().set({ sourceId: undefined, folder: undefined, pending: 0, state: 'idle', presence: [] });
    return;
  }
  useTeamSync.getState().set({ sourceId: target.id, folder: target.folder });
  runner = createTeamSync(db, api, { sourceId: target.id, author, onState: (s) => useTeamSync.getState().set(s) });
  await runner.sync();
}

export function teamSync(): TeamSync | undefined {
  return runner;
}

/** After ingest: conversations new to this console get the team's state for them. */
export function refreshIngestedThreads(threadIds: string[]): void {
  if (runner && threadIds.length) void runner.refreshThreads(threadIds).catch(() => {});
}

/** Other agents replying to this conversation right now. */
export function replyingOn(threadId: string): PresenceEnvelope[] {
  return runner?.replying(threadId) ?? [];
}
