/** Start-up: app info, source statuses, and a sync of every active source. */
import type { SwitchboardApi } from '../../shared/ipc/contract';
import { identityKey } from '../../shared/identity';
import { db } from './db/instance';
import { useStatus } from './stores/status-store';
import { useTyping } from './stores/typing-store';
import { useUi } from './stores/ui-store';
import { createSyncRunner, type SyncRunner } from './sync/sync-runner';
import { setAppServices } from './app-services';
import { searchClient } from './search/search-client';
import { createOutboxRunner } from './outbox/outbox-runner';
import { configureTeamSync, refreshIngestedThreads } from './team/team-sync-store';
import { whenQueueRead } from './features/queue/row-cache';

export async function bootstrap(api: SwitchboardApi): Promise<SyncRunner> {
  // Open the database now, while React renders the first screen: Dexie would otherwise open it on
  // the first query, issued only after that render (opening a large database takes 100-400 ms).
  // A failure here surfaces again on the first query.
  void db()
    .open()
    .catch(() => undefined);
  const status = useStatus.getState();
  const team = new Set<string>();
  /** Each chat source's session gap from its settings (ms). */
  const sessionGaps = new Map<string, number>();
  const runner = createSyncRunner(db(), api, {
    teamKeys: () => team,
    chatSessionGapMs: (id) => sessionGaps.get(id),
    onProgress: (id, p) => useStatus.getState().setProgress(id, p),
    onError: (id, message) => useUi.getState().notify(`${id}: ${message}`, 'error'),
    // Team sync: conversations that arrive after their team events get the team's state.
    onIngested: (_id, _batch, result) => refreshIngestedThreads(result?.threadIds ?? []),
  });
  api.on('sources:status', (s) => useStatus.getState().setSource(s));
  // A customer typing in chat (XEP-0085); agents' own "replying" notes come through team sync.
  api.on('presence:activity', (a) => {
    if (a.state === 'composing' || a.state === 'paused' || a.state === 'idle') useTyping.getState().update(a.peer, a.state, Date.now());
  });
  window.addEventListener('online', () => useStatus.getState().setOnline(true));
  window.addEventListener('offline', () => useStatus.getState().setOnline(false));

  // Re-read everything main knows about sources and sync each enabled one. Called at start and
  // after an account is saved or removed in Settings (the demo workspace steps aside then).
  const syncAll = async () => {
    const info = await api.invoke('app:info', undefined);
    if (info.ok) status.setApp({ demo: info.value.demo, agentName: info.value.agentName });
    const list = await api.invoke('sources:list', undefined);
    if (list.ok) {
      team.clear();
      sessionGaps.clear();
      for (const { config } of list.value) {
        if (config.kind === 'imap') [config.email, ...config.teamAddresses].forEach((a) => team.add(identityKey('email', a)));
        if (config.kind === 'xmpp') {
          team.add(identityKey('jid', config.jid));
          sessionGaps.set(config.id, config.sessionGapMinutes * 60_000);
        }
      }
    }
    const ids = info.ok && info.value.demo ? ['demo'] : list.ok ? list.value.filter((s) => s.config.enabled).map((s) => s.config.id) : [];
    const statuses = await api.invoke('sources:status', undefined);
    if (statuses.ok) useStatus.getState().replaceSources(statuses.value);
    const demo = info.ok && info.value.demo;
    // Syncs write to the tables the first screen reads: let the queue read its first rows first
    // (at most a moment; an empty queue counts as read).
    await Promise.race([whenQueueRead(), new Promise((resolve) => setTimeout(resolve, 1500))]);
    const teamLog = () => (list.ok ? configureTeamSync(db(), api, list.value, info.ok ? info.value.agentName : 'me', demo) : undefined);
    // The demo's team log is about the demo's customers and conversations: fold it once they are in.
    // Until it is, the status bar says so (specs and people wait for loading to end).
    if (demo) {
      useStatus.getState().setProgress('team:demo', [{ label: 'Team log', done: 0, total: 1 }]);
      await Promise.all(ids.map((id) => runner.sync(id)));
      await Promise.resolve(teamLog()).finally(() => useStatus.getState().setProgress('team:demo', undefined));
    } else await Promise.all([...ids.map((id) => runner.sync(id)), teamLog()]);
    // Each synced batch added a search segment: merge them now, in the worker, not at the first search.
    searchClient().maintain();
  };
  const outbox = createOutboxRunner(db(), api, {
    onFailed: (item, message) => useUi.getState().notify(`Not sent: ${message}`, 'error'),
  });
  setAppServices({ sync: runner, outbox, syncAll });
  void outbox.start();
  await syncAll();
  return runner;
}
