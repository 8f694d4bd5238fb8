import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../../db/instance';
import { useStatus } from '../../stores/status-store';
import { useUi } from '../../stores/ui-store';
import { TeamSyncBadge } from '../../team/team-sync-presence';
import { pendingOutboxCount } from '../../db/repos/rows';

export function StatusBar() {
  const sources = useStatus((s) => s.sources);
  const progress = useStatus((s) => s.progress);
  const online = useStatus((s) => s.online);
  const prefix = useUi((s) => s.pendingPrefix);
  const pending = useLiveQuery(() => pendingOutboxCount(db()), []);
  const running = Object.entries(progress).flatMap(([id, list]) => list.map((p) => ({ id, ...p })));
  return (
    <footer className="statusbar" role="status" aria-live="polite">
      <span className="src">
        <span className={`dot ${online ? 'online' : 'offline'}`} /> {online ? 'Online' : 'Offline: working from the local cache'}
      </span>
      {Object.values(sources).map((s) => (
        <span key={s.sourceId} className="src" data-source={s.sourceId} data-state={s.state} title={s.message ?? s.state}>
          <span className={`dot ${s.state}`} />
          {s.label}
          {s.state !== 'online' ? ` · ${s.state}` : ''}
        </span>
      ))}
      {running.map((p) => (
        <span key={`${p.id}:${p.label}`} className="src" data-progress={p.id}>
          {p.label} {p.done.toLocaleString()} of {p.total.toLocaleString()}
          <span className="progress" aria-hidden>
            <i style={{ width: `${p.total ? Math.round((p.done / p.total) * 100) : 0}%` }} />
          </span>
        </span>
      ))}
      <span className="spacer" />
      {prefix && <span>Waiting for the next key: {prefix} …</span>}
      <TeamSyncBadge />
      <span data-outbox={pending ?? 0}>{pending ? `${pending} waiting in outbox` : 'Outbox empty'}</span>
    </footer>
  );
}
