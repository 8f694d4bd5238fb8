import { useLiveQuery } from 'dexie-react-hooks';
import { memo, useMemo, useState } from 'react';
import { db } from '../../db/instance';
import { contactStats, interactionsSince, latestInteractions, type CustomerView } from '../../db/repos/customers';
import { isPinned } from '../../db/repos/notes';
import { ageLabel, formatDateTime } from '../../lib/format';
import { useStatus } from '../../stores/status-store';
import { useUi } from '../../stores/ui-store';
import { mergeCustomers } from '../../team/identity-ops';
import { NoteCard } from '../handoff/NoteCard';
import { defaultRegion, dismissSuggestion, loadDismissed, suggestMerges } from '../identity/suggestions';
import { useTriage } from '../triage/triage-store';
import { guessLanguage, guessTimeZone, languageName, localTime } from './profile-guess';

const KIND_LABEL = { email: 'Email', phone: 'Phone', jid: 'Chat', name: 'Name' } as const;
const DAY = 86_400_000;

export const ContextPane = memo(function ContextPane({ view, now }: { view: CustomerView | undefined; now: number }) {
  const customerId = view?.customer.id;
  const me = useStatus((s) => s.agentName);
  const [dismissTick, setDismissTick] = useState(0);
  // Only the last 30 days of interactions are read for the stats; the latest 200 for suggestions.
  const recent = useLiveQuery(() => (customerId ? interactionsSince(db(), customerId, now - 30 * DAY) : undefined), [customerId, Math.floor(now / 3_600_000)]);
  const latest = useLiveQuery(() => (customerId ? latestInteractions(db(), customerId, 200) : undefined), [customerId, view?.threads.length]);
  const suggestions = useLiveQuery(
    async () => (view && latest ? suggestMerges(db(), view.customer, view.identities, latest, { defaultRegion: defaultRegion(), dismissed: loadDismissed() }) : []),
    [view, latest, dismissTick],
  );
  const stats = useMemo(() => (view && recent ? contactStats(recent, now, view.customer.createdAt) : undefined), [view, recent, now]);
  const language = useMemo(() => view?.customer.language ?? (latest ? guessLanguage(latest) : undefined), [view, latest]);
  const zone = useMemo(() => (view?.customer.timeZone ? { zone: view.customer.timeZone, from: '' } : view ? guessTimeZone(view.identities) : undefined), [view]);

  if (!view) return <aside className="context" aria-label="Customer context" />;
  const { customer } = view;
  const openThreads = view.threads.filter((t) => t.status !== 'closed');
  const tags = [...new Set([...customer.tags, ...view.threads.flatMap((t) => t.tags)])];
  const lastNote = view.notes[0];
  const time = zone ? localTime(zone.zone, now) : undefined;
  const history = view.merges.slice(0, 4);

  return (
    <aside className="context" aria-label="Customer context" data-customer={customer.id}>
      <section className="ctx-section" aria-label="Profile">
        <h3>Profile</h3>
        <ul className="ctx-list identities">
          {view.identities.map((i) => (
            <li key={i.key} data-identity={i.key}>
              <span className="chip">{KIND_LABEL[i.kind]}</span>
              <span dir="auto" className="ident">
                {i.value}
              </span>
            </li>
          ))}
        </ul>
        <dl className="profile-facts">
          <div>
            <dt>Language</dt>
            <dd data-field="language">
              {language ? languageName(language) : '—'}
              {language && !customer.language ? <span className="sub"> (from messages)</span> : null}
            </dd>
          </div>
          <div>
            <dt>Local time</dt>
            <dd data-field="local-time" title={zone?.zone}>
              {time ?? '—'}
              {time && zone?.from ? <span className="sub"> ({zone.zone.split('/').pop()!.replace(/_/g, ' ')})</span> : null}
            </dd>
          </div>
          {tags.length > 0 && (
            <div>
              <dt>Tags</dt>
              <dd className="chips-wrap">
                {tags.map((t) => (
                  <span key={t} className="chip tag">
                    #{t}
                  </span>
                ))}
              </dd>
            </div>
          )}
        </dl>
      </section>

      {suggestions && suggestions.length > 0 && (
        <section className="ctx-section suggestions" aria-label="Possible duplicates">
          <h3>Same person?</h3>
          {suggestions.slice(0, 3).map((s) => (
            <div key={s.customer.id} className="suggestion" data-suggestion={s.customer.id}>
              <div>
                <b dir="auto">{s.customer.name}</b>
                <div className="sub">{s.reason}</div>
              </div>
              <div className="suggestion-actions">
                <button
                  type="button"
                  className="wbtn small"
                  onClick={() =>
                    void mergeCustomers(db(), s.customer.id, customer.id, { author: me }, s.reason)
                      .then(() => useUi.getState().notify(`Merged ${s.customer.name} into ${customer.name}. Shift+U undoes it.`))
                      .catch((e: unknown) => useUi.getState().notify(e instanceof Error ? e.message : String(e), 'error'))
                  }
                >
                  Merge
                </button>
                <button type="button" className="wbtn small ghost" onClick={() => {
                    dismissSuggestion(customer.id, s.customer.id);
                    setDismissTick((t) => t + 1);
                  }}>
                  Not the same
                </button>
              </div>
            </div>
          ))}
          <p className="sub">
            <kbd>m</kbd> merge · suggestions are never applied on their own
          </p>
        </section>
      )}

      {lastNote && (
        <section className="ctx-section" aria-label="Last handoff note">
          <h3>Last handoff note{isPinned(lastNote) ? ' · waiting' : ''}</h3>
          <NoteCard note={lastNote} compact me={me} />
        </section>
      )}

      <section className="ctx-section" aria-label="Open conversations">
        <h3>Open conversations ({openThreads.length})</h3>
        <ul className="ctx-list">
          {openThreads.slice(0, 8).map((t) => (
            <li key={t.id}>
              <button
                type="button"
                className="link-row"
                onClick={() => {
                  useUi.getState().open(t.id, t.customerId);
                  useTriage.getState().toggleExpanded(t.id, true);
                  useTriage.getState().focusTimeline(`thread:${t.id}`);
                }}
              >
                <span className={`chip status-${t.status}`}>{t.status}</span>
                <span dir="auto" className="ellipsis">
                  {t.subject}
                </span>
                <span className="sub">{t.awaitingReply ? ageLabel(t.lastInboundTs, now) : ''}</span>
              </button>
            </li>
          ))}
          {openThreads.length === 0 && <li className="sub">Nothing open.</li>}
        </ul>
      </section>

      <section className="ctx-section" aria-label="Contact statistics">
        <h3>Contacts in the last 30 days</h3>
        <div className="stat-grid">
          <div className="stat" data-stat="email">
            <b>{stats?.last30.email ?? '·'}</b>
            <span>email</span>
          </div>
          <div className="stat" data-stat="chat">
            <b>{stats?.last30.chat ?? '·'}</b>
            <span>chat</span>
          </div>
          <div className="stat" data-stat="call">
            <b>{stats?.last30.call ?? '·'}</b>
            <span>calls</span>
          </div>
        </div>
        {stats?.firstContact && <p className="sub">First contact {formatDateTime(stats.firstContact)}</p>}
      </section>

      {history.length > 0 && (
        <section className="ctx-section" aria-label="Merge history">
          <h3>Merge history</h3>
          <ul className="ctx-list">
            {history.map((m) => (
              <li key={m.id} className={m.undoneAt ? 'undone' : ''}>
                <span className="chip">{m.kind}</span>
                <span className="ellipsis">
                  {m.fromName} {m.kind === 'merge' ? '→' : '⇢'} {m.intoName}
                </span>
                <span className="sub">{m.undoneAt ? 'undone' : m.author}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </aside>
  );
});
