import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ContextPane } from '../customer/ContextPane';
import { TimelinePane } from '../customer/TimelinePane';
import { CheatSheet } from '../palette/CheatSheet';
import { CommandPalette } from '../palette/CommandPalette';
import { QueuePane, useQueueFirstPage } from '../queue/QueuePane';
import { peekQueueRow } from '../queue/row-cache';
import { db } from '../../db/instance';
import { loadCustomerView, provisionalView } from '../../db/repos/customers';
import { queueIds } from '../../db/repos/queues';
import { useBindings } from '../../keyboard/bindings-store';
import { DialogHost } from '../triage/DialogHost';
import { runWorkAction } from '../triage/run-work-action';
import { startSnoozeWaker } from '../triage/snooze';
import { useKeyboard } from '../../keyboard/use-keyboard';
import { useStatus } from '../../stores/status-store';
import { useUi } from '../../stores/ui-store';
import { Sidebar } from './Sidebar';
import { StatusBar } from './StatusBar';
import { CallsActions } from '../calls/calls-actions';
import { LogCallDialog } from '../calls/LogCallDialog';
import { ComposerDock } from '../composer/Composer';
import { OutboxPanel } from '../outbox/OutboxPanel';
import { SettingsOverlay } from '../settings/SettingsOverlay';
import { SearchOverlay } from '../search/SearchOverlay';
import { useFocusItem } from '../search/use-focus-item';

function useNow(intervalMs = 30_000) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(t);
  }, [intervalMs]);
  return now;
}

export function App() {
  const now = useNow();
  // Only what App itself draws: the cursor, selection and prefix live in the panes that show them,
  // so moving through the queue re-renders the queue and nothing else.
  const queue = useUi((s) => s.queue);
  const openCustomerId = useUi((s) => s.openCustomerId);
  const overlay = useUi((s) => s.overlay);
  const toast = useUi((s) => s.toast);
  const setOverlay = useUi((s) => s.setOverlay);
  const me = useStatus((s) => s.agentName);
  const bindings = useBindings((s) => s.bindings);
  // Queue = ids only (key-only index read); rows on screen are read by QueuePane. The result says
  // which queue it is for: while another queue's ids are read, the pane shows that queue's first
  // page (read on its own, one indexed range) instead of the previous queue.
  // (Only My open depends on who I am: the agent name arriving at start must not re-read the others.)
  const queueKey = queue === 'mine' ? `mine\u0000${me}` : queue;
  const queueRead = useLiveQuery(
    async () => ({ for: queueKey, ids: await queueIds(db(), queue, me, Date.now()) }),
    [queueKey, Math.floor(now / 3_600_000)],
  );
  const allIds = queueRead?.for === queueKey ? queueRead.ids : undefined;
  const firstPage = useQueueFirstPage(allIds === undefined, queue, me);
  // What the list shows and the actions work on: the queue's ids, else its first page meanwhile.
  const ids = allIds ?? firstPage;
  const openThreadId = useUi((s) => s.openThreadId);
  // The result says which customer it is for: while another one is being read, the timeline shows
  // the opened conversation from the queue's row (provisionalView) instead of the previous customer.
  const loaded = useLiveQuery(
    async () => (openCustomerId ? { for: openCustomerId, view: await loadCustomerView(db(), openCustomerId) } : undefined),
    [openCustomerId],
  );
  const view = useMemo(() => {
    if (!openCustomerId || loaded?.for === openCustomerId) return loaded?.view;
    const t = openThreadId ? peekQueueRow(openThreadId) : undefined;
    return t && t.customerId === openCustomerId ? provisionalView(t) : loaded?.view;
  }, [loaded, openCustomerId, openThreadId]);
  const idsRef = useRef(ids);
  idsRef.current = ids;

  const run = (id: string) => {
    const s = useUi.getState();
    // Settings, Outbox and Log-a-call own the keyboard while open (only Back, the palette and their own toggle pass).
    if ((s.overlay === 'settings' || s.overlay === 'outbox' || s.overlay === 'log-call') && id !== 'back' && id !== 'palette' && id !== s.overlay) return;
    switch (id) {
      case 'palette':
        return s.setOverlay(s.overlay === 'palette' ? 'none' : 'palette');
      case 'search':
        return s.setOverlay(s.overlay === 'search' ? 'none' : 'search');
      case 'cheatsheet':
        return s.setOverlay(s.overlay === 'cheatsheet' ? 'none' : 'cheatsheet');
      case 'settings':
      case 'outbox':
      case 'log-call':
        return s.setOverlay(s.overlay === id ? 'none' : id);
      case 'called-back':
        return void CallsActions.calledBack(s.openThreadId);
    }
    // Navigation, triage, customer and compose actions (features/triage/run-work-action.ts).
    void runWorkAction(id, { ids: idsRef.current ?? [] });
  };
  useKeyboard(bindings, run, (p) => useUi.getState().setPrefix(p));
  useFocusItem();

  // Keep the highlighted row inside the list when the queue shrinks.
  useEffect(() => {
    const s = useUi.getState();
    if (ids && s.cursor >= ids.length && ids.length) s.setCursor(ids.length - 1);
  }, [ids]);

  // Snoozed conversations come back when due.
  useEffect(() => startSnoozeWaker(db(), (woken) => useUi.getState().notify(`${woken.length} snoozed conversation${woken.length === 1 ? ' is' : 's are'} back`)), []);

  return (
    <div className="app">
      <Sidebar />
      <QueuePane ids={ids} complete={allIds !== undefined} now={now} />
      <TimelinePane view={view} />
      <ContextPane view={view?.provisional ? undefined : view} now={now} />
      <StatusBar />
      <ComposerDock />
      {overlay === 'settings' && <SettingsOverlay onClose={() => setOverlay('none')} />}
      {overlay === 'outbox' && <OutboxPanel onClose={() => setOverlay('none')} />}
      {overlay === 'log-call' && <LogCallDialog onClose={() => setOverlay('none')} />}
      {overlay === 'cheatsheet' && <CheatSheet bindings={bindings} onClose={() => setOverlay('none')} />}
      {overlay === 'search' && <SearchOverlay onClose={() => setOverlay('none')} />}
      {overlay === 'palette' && <CommandPalette bindings={bindings} onRun={run} onClose={() => setOverlay('none')} />}
      <DialogHost />
      {toast && (
        <div className={`toast ${toast.kind}`} role="alert" key={toast.at}>
          {toast.text}
        </div>
      )}
    </div>
  );
}
