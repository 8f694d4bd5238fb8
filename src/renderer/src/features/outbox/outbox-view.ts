/** Display helpers for outbox items (pure). */
import type { OutgoingChat, OutgoingEmail } from '../../../../shared/domain';
import type { OutboxRow } from '../../db/agent-tables';

export function itemTitle(item: OutboxRow): string {
  if (item.kind === 'email') return (item.payload as OutgoingEmail).subject || '(no subject)';
  const body = (item.payload as OutgoingChat).body.replace(/\s+/g, ' ');
  return body.length > 80 ? `${body.slice(0, 79)}…` : body;
}

export function itemTo(item: OutboxRow): string {
  if (item.kind === 'email') return (item.payload as OutgoingEmail).to.map((a) => a.address).join(', ');
  return (item.payload as OutgoingChat).to;
}

export function statusLabel(item: OutboxRow, now: number): string {
  switch (item.status) {
    case 'queued':
      if (item.nextTryAt && item.nextTryAt > now) return `waiting · next try in ${Math.max(1, Math.round((item.nextTryAt - now) / 1000))} s`;
      return item.attempts ? 'waiting to retry' : 'queued';
    case 'sending':
      return 'sending…';
    case 'sent':
      return item.outcome === 'already-sent' ? 'sent (confirmed on the server)' : 'sent';
    case 'failed':
      return 'failed';
    case 'cancelled':
      return 'cancelled';
  }
}
