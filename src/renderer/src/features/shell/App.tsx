import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { ContextPane } from '../customer/ContextPane';
import { TimelinePane } from '../customer/TimelinePane';
import { CheatSheet } from '../palette/CheatSheet';
import { CommandPalette } from '../palette/CommandPalette';
import { QueuePane } from '../queue/QueuePane';
import { db } from '../../db/instance';
import { loadCustomerView } from '../../db/repos/customers';
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
  const ui = useUi();
  const me = useStatus((s) => s.agentName);
  const bindings = useBindings((s) => s.bindings);
  // Queue = ids only (key-only index read); rows on screen are read by QueuePane.
  const ids = useLiveQuery(() => queueIds(db(), ui.queue, me, Date.now()), [ui.queue, me, Math.floor(now / 3_600_000)]);
  const view = useLiveQuery(
    () => (ui.openCustomerId ? loadCustomerView(db(), ui.openCustomerId) : undefined),
    [ui.openCustomerId],
  );

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
    void runWorkAction(id, { ids: ids ?? [] });
  };
  useKeyboard(bindings, run, (p) => useUi.getState().setPrefix(p));
  useFocusItem();

  // Keep the highlighted row inside the list when the queue shrinks.
  useEffect(() => {
    if (ids && ui.cursor >= ids.length && ids.length) ui.setCursor(ids.length - 1);
  }, [ids, ui]);

  // Snoozed conversations come back when due.
  useEffect(() => startSnoozeWaker(db(), (woken) => useUi.getState().notify(`${woken.length} snoozed conversation${woken.length === 1 ? ' is' : 's are'} back`)), []);

  return (
    <div className="app">
      <Sidebar />
      <QueuePane ids={ids} now={now} />
      <TimelinePane view={view} />
      <ContextPane view={view} now={now} />
      <StatusBar />
      <ComposerDock />
      {ui.overlay === 'settings' && <SettingsOverlay onClose={() => ui.setOverlay('none')} />}
      {ui.overlay === 'outbox' && <OutboxPanel onClose={() => ui.setOverlay('none')} />}
      {ui.overlay === 'log-call' && <LogCallDialog onClose={() => ui.setOverlay('none')} />}
      {ui.overlay === 'cheatsheet' && <CheatSheet bindings={bindings} onClose={() => ui.setOverlay('none')} />}
      {ui.overlay === 'search' && <SearchOverlay onClose={() => ui.setOverlay('none')} />}
      {ui.overlay === 'palette' && <CommandPalette bindings={bindings} onRun={run} onClose={() => ui.setOverlay('none')} />}
      <DialogHost />
      {ui.toast && (
        <div className={`toast ${ui.toast.kind}`} role="alert" key={ui.toast.at}>
          {ui.toast.text}
        </div>
      )}
    </div>
  );
}
