import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { whenQueueRead } from '../queue/row-cache';
import { db } from '../../db/instance';
import { QUEUES, queueCounts } from '../../db/repos/queues';
import { useStatus } from '../../stores/status-store';
import { useUi } from '../../stores/ui-store';

export function Sidebar() {
  const queue = useUi((s) => s.queue);
  const setQueue = useUi((s) => s.setQueue);
  const me = useStatus((s) => s.agentName);
  const demo = useStatus((s) => s.demo);
  // Counts go over every open row's index entries: read after the queue's first rows are in.
  const [queueRead, setQueueRead] = useState(false);
  useEffect(() => void whenQueueRead().then(() => setQueueRead(true)), []);
  const counts = useLiveQuery(() => (queueRead ? queueCounts(db(), me, Date.now()) : undefined), [me, queueRead]);
  return (
    <nav className="side" aria-label="Queues">
      <div className="brand">
        <span className="brand-mark" aria-hidden />
        Switchboard
      </div>
      {demo && (
        <div className="demo-banner" role="note">
          Demo workspace. Connect your mailboxes, chat and phone logs in Settings.
        </div>
      )}
      <div className="side-section">
        <div className="side-title">Queues</div>
        {QUEUES.map((q) => (
          <button
            key={q.id}
            type="button"
            className="side-item"
            aria-current={queue === q.id}
            data-queue={q.id}
            onClick={() => setQueue(q.id)}
            title={`g then ${q.goKey}`}
          >
            <span>{q.label}</span>
            <kbd className="go">g {q.goKey}</kbd>
            <span className="count" aria-label={`${counts?.[q.id] ?? 0} conversations`}>
              {counts?.[q.id] ?? ''}
            </span>
          </button>
        ))}
      </div>
      <div className="side-foot">
        <kbd>?</kbd> shortcuts · <kbd>Ctrl</kbd>+<kbd>K</kbd> commands
      </div>
    </nav>
  );
}
