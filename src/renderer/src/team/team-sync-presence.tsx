/**
 * "Bo is replying…" above the composer dock of the open conversation, from the team log's
 * presence notes, and the number of team changes waiting for the server. Both disappear on their
 * own: presence when its note expires, the waiting count when the server confirmed.
 */
import { useEffect, useState } from 'react';
import { useTeamSync } from './team-sync-store';

export function TeamPresenceStrip({ threadId }: { threadId: string }) {
  const presence = useTeamSync((s) => s.presence);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), 5_000);
    return () => window.clearInterval(t);
  }, []);
  const names = [...new Set(presence.filter((p) => p.threadId === threadId && p.state === 'replying' && p.expiresAt > now).map((p) => p.author))];
  if (!names.length) return null;
  return (
    <div className="team-presence" role="status" aria-live="polite" data-testid="team-presence">
      <span className="team-presence-dot" aria-hidden="true" />
      {names.join(', ')} {names.length === 1 ? 'is' : 'are'} replying to this conversation
    </div>
  );
}

/** For the status bar: "3 team changes waiting" while the server is out of reach. */
export function TeamSyncBadge() {
  const { pending, state, message, sourceId } = useTeamSync();
  if (!sourceId || (pending === 0 && state !== 'error')) return null;
  const label = pending ? `${pending} team change${pending === 1 ? '' : 's'} waiting` : 'Team sync problem';
  return (
    <span className={`team-sync-badge ${state}`} title={message ?? 'Shared with the team as soon as the mail server is reachable'} data-testid="team-sync-badge">
      {label}
    </span>
  );
}
