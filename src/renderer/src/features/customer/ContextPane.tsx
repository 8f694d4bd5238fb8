import { useMemo } from 'react';
import type { CustomerView } from '../../db/repos/customers';
import { contactStats } from '../../db/repos/customers';
import { formatDateTime } from '../../lib/format';

const KIND_LABEL = { email: 'Email', phone: 'Phone', jid: 'Chat', name: 'Name' } as const;

export function ContextPane({ view, now }: { view: CustomerView | undefined; now: number }) {
  const stats = useMemo(() => (view ? contactStats(view.interactions, now) : undefined), [view, now]);
  if (!view || !stats) return <aside className="context" aria-label="Customer context" />;
  const open = view.threads.filter((t) => t.status !== 'closed');
  return (
    <aside className="context" aria-label="Customer context">
      <section className="ctx-section">
        <h3>Identities</h3>
        <ul className="ctx-list">
          {view.identities.map((i) => (
            <li key={i.key} data-identity={i.key}>
              <span className="chip">{KIND_LABEL[i.kind]}</span>
              <span dir="auto">{i.value}</span>
            </li>
          ))}
        </ul>
      </section>
      <section className="ctx-section">
        <h3>Contacts in the last 30 days</h3>
        <div className="stat-grid">
          <div className="stat"><b>{stats.last30.email}</b><span>email</span></div>
          <div className="stat"><b>{stats.last30.chat}</b><span>chat</span></div>
          <div className="stat"><b>{stats.last30.call}</b><span>calls</span></div>
        </div>
        {stats.firstContact && <p className="sub">First contact {formatDateTime(stats.firstContact)}</p>}
      </section>
      <section className="ctx-section">
        <h3>Open conversations ({open.length})</h3>
        <ul className="ctx-list">
          {open.slice(0, 8).map((t) => (
            <li key={t.id}>
              <span className="chip">{t.status}</span>
              <span dir="auto">{t.subject}</span>
            </li>
          ))}
        </ul>
      </section>
    </aside>
  );
}
