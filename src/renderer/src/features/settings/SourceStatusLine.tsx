/** Live state of one source (from main's sources:status events) and its sync progress. */
import { useStatus } from '../../stores/status-store';

export function SourceStatusLine({ sourceId }: { sourceId: string }) {
  const st = useStatus((s) => s.sources[sourceId]);
  const progress = useStatus((s) => s.progress[sourceId]);
  return (
    <div className="source-status" data-source-status={sourceId} data-state={st?.state ?? 'unknown'}>
      <span className={`dot ${st?.state ?? ''}`} />
      <span>{st ? stateLabel(st.state) : 'Not connected yet'}</span>
      {st?.message && (
        <span className="muted" dir="auto">
          · {st.message}
        </span>
      )}
      {progress?.map((p) => (
        <span key={p.label} className="muted">
          · {p.label} {p.done.toLocaleString()} of {p.total.toLocaleString()}
        </span>
      ))}
    </div>
  );
}

export function stateLabel(state: string): string {
  switch (state) {
    case 'online':
      return 'Online';
    case 'offline':
      return 'Offline';
    case 'connecting':
      return 'Connecting…';
    case 'syncing':
      return 'Syncing…';
    case 'error':
      return 'Error';
    case 'disabled':
      return 'Disabled';
    default:
      return state;
  }
}
