import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { ContextPane } from '../customer/ContextPane';
import { TimelinePane } from '../customer/TimelinePane';
import { CheatSheet } from '../palette/CheatSheet';
import { CommandPalette } from '../palette/CommandPalette';
import { QueuePane } from '../queue/QueuePane';
import { db } from '../../db/instance';
import { loadCustomerView } from '../../db/repos/customers';
import { queueThreads, type QueueId } from '../../db/repos/queues';
import { defaultBindings } from '../../keyboard/actions';
import { useKeyboard } from '../../keyboard/use-keyboard';
import { useStatus } from '../../stores/status-store';
import { useUi } from '../../stores/ui-store';
import { Sidebar } from './Sidebar';
import { StatusBar } from './StatusBar';

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
  const bindings = useMemo(() => defaultBindings(), []);
  const threads = useLiveQuery(() => queueThreads(db(), ui.queue, me, Date.now()), [ui.queue, me]);
  const view = useLiveQuery(
    () => (ui.openCustomerId ? loadCustomerView(db(), ui.openCustomerId) : undefined),
    [ui.openCustomerId],
  );

  const run = (id: string) => {
    const s = useUi.getState();
    const list = threads ?? [];
    if (id.startsWith('queue:')) return s.setQueue(id.slice(6) as QueueId);
    switch (id) {
      case 'next':
        return s.move(1, list.length);
      case 'prev':
        return s.move(-1, list.length);
      case 'first':
        return s.setCursor(0);
      case 'last':
        return s.setCursor(Math.max(0, list.length - 1));
      case 'open': {
        const t = list[s.cursor];
        if (t) s.open(t.id, t.customerId);
        return;
      }
      case 'back':
        return s.back();
      case 'palette':
        return s.setOverlay(s.overlay === 'palette' ? 'none' : 'palette');
      case 'cheatsheet':
        return s.setOverlay(s.overlay === 'cheatsheet' ? 'none' : 'cheatsheet');
    }
  };
  useKeyboard(bindings, run, (p) => useUi.getState().setPrefix(p));

  // Keep the highlighted row inside the list when the queue shrinks.
  useEffect(() => {
    if (threads && ui.cursor >= threads.length && threads.length) ui.setCursor(threads.length - 1);
  }, [threads, ui]);

  return (
    <div className="app">
      <Sidebar />
      <QueuePane threads={threads} now={now} />
      <TimelinePane view={view} />
      <ContextPane view={view} now={now} />
      <StatusBar />
      {ui.overlay === 'cheatsheet' && <CheatSheet bindings={bindings} onClose={() => ui.setOverlay('none')} />}
      {ui.overlay === 'palette' && <CommandPalette bindings={bindings} onRun={run} onClose={() => ui.setOverlay('none')} />}
      {ui.toast && (
        <div className={`toast ${ui.toast.kind}`} role="alert" key={ui.toast.at}>
          {ui.toast.text}
        </div>
      )}
    </div>
  );
}
