import { useVirtualizer } from '@tanstack/react-virtual';
import { useLiveQuery } from 'dexie-react-hooks';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { Interaction, Thread } from '../../../../shared/domain';
import { ChannelIcon } from '../../components/ChannelIcon';
import { db } from '../../db/instance';
import { threadItems, type CustomerView } from '../../db/repos/customers';
import { isPinned } from '../../db/repos/notes';
import { formatDateTime, formatTime, initials } from '../../lib/format';
import { useStatus } from '../../stores/status-store';
import { isTyping, TYPING_STALE_MS, useTyping } from '../../stores/typing-store';
import { useUi } from '../../stores/ui-store';
import { CallItem } from '../calls/CallItem';
import { EmailItem } from '../email/EmailItem';
import { NoteCard } from '../handoff/NoteCard';
import { useSearchHit } from '../search/use-focus-item';
import { useTriage } from '../triage/triage-store';
import { buildTimeline, handlers, type TimelineEntry } from './timeline-model';

const CHANNEL_NAME = { email: 'email', chat: 'chat', call: 'phone', note: 'note' } as const;

export const TimelinePane = memo(function TimelinePane({ view }: { view: CustomerView | undefined }) {
  const openThreadId = useUi((s) => s.openThreadId);
  const pane = useUi((s) => s.pane);
  const me = useStatus((s) => s.agentName);
  const focus = useTriage((s) => s.timelineFocus);
  const expanded = useTriage((s) => s.expanded);
  const entries = useMemo(() => (view ? buildTimeline(view) : []), [view]);
  const pinned = useMemo(() => view?.notes.filter(isPinned) ?? [], [view]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 58,
    overscan: 4,
    getItemKey: (i) => entries[i]!.key,
  });

  useEffect(() => {
    useTriage.getState().setTimeline(entries.map((e) => e.key));
  }, [entries]);

  const focusIndex = focus ? entries.findIndex((e) => e.key === focus) : -1;
  useEffect(() => {
    if (focusIndex >= 0) virtualizer.scrollToIndex(focusIndex, { align: 'auto' });
  }, [focusIndex, virtualizer]);

  if (!view) {
    return (
      <main className="timeline" aria-label="Customer timeline">
        <div className="empty">
          <h2>No conversation open</h2>
          <p>
            Move through the queue with <kbd>j</kbd> and <kbd>k</kbd>, open with <kbd>Enter</kbd>. Press <kbd>?</kbd> for every key.
          </p>
        </div>
      </main>
    );
  }
  const { customer, threads } = view;
  const channels = [...new Set(threads.map((t) => CHANNEL_NAME[t.channel]))];
  const open = threads.filter((t) => t.status !== 'closed').length;
  return (
    <main
      className="timeline"
      aria-label={`Timeline of ${customer.name}`}
      aria-busy={view.provisional ? true : undefined}
      data-focused={pane === 'timeline'}
      data-customer={customer.id}
      data-entries={view.provisional ? undefined : entries.length}
    >
      <header className="customer-head">
        <span className="avatar" aria-hidden>
          {initials(customer.name)}
        </span>
        <div className="customer-title">
          <h1 dir="auto">{customer.name}</h1>
          <div className="meta">
            {view.provisional ? 'Loading…' : `${threads.length} conversation${threads.length === 1 ? '' : 's'} · ${open} open · ${channels.join(', ')}`}
            <TypingNote jids={view.identities.filter((i) => i.kind === 'jid').map((i) => i.value)} />
          </div>
        </div>
        <span className="spacer" />
        <div className="head-keys" aria-hidden>
          <kbd>h</kbd> note <kbd>m</kbd> merge <kbd>r</kbd> reply
        </div>
      </header>
      {view.requestedId && <div className="banner">This customer was merged into {customer.name}; showing the merged profile.</div>}
      {pinned.length > 0 && (
        <section className="pinned" aria-label="Pinned handoff notes">
          {pinned.map((n) => (
            <NoteCard key={n.noteId} note={n} pinned me={me} />
          ))}
        </section>
      )}
      <div className="timeline-scroll" data-testid="timeline" ref={scroller}>
        <div className="timeline-inner" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((v) => {
            const e = entries[v.index]!;
            return (
              <div key={v.key} data-index={v.index} ref={virtualizer.measureElement} className="timeline-slot" style={{ transform: `translateY(${v.start}px)` }}>
                <Entry
                  entry={e}
                  focused={e.key === focus && pane === 'timeline'}
                  active={e.kind === 'thread' && e.thread.id === openThreadId}
                  // While the view is provisional the card shows its head and snippet; the messages
                  // (HTML frames, attachments) render once the customer is read, so they do not hold it up.
                  expanded={e.kind === 'thread' && !!expanded[e.thread.id] && !view.provisional}
                />
              </div>
            );
          })}
        </div>
      </div>
    </main>
  );
});

function Entry({ entry, focused, active, expanded }: { entry: TimelineEntry; focused: boolean; active: boolean; expanded: boolean }) {
  if (entry.kind === 'thread') return <ThreadCard thread={entry.thread} focused={focused} active={active} expanded={expanded} />;
  if (entry.kind === 'note') {
    return (
      <div className="timeline-event" data-focused={focused} data-entry={entry.key}>
        <NoteCard note={entry.note} />
      </div>
    );
  }
  const m = entry.merge;
  const text = entry.undo
    ? `${m.undoneBy ?? 'Someone'} undid the ${m.kind} of ${m.fromName} and ${m.intoName}`
    : m.kind === 'merge'
      ? `${m.author} merged ${m.fromName} into ${m.intoName} (${m.identityKeys.length} identit${m.identityKeys.length === 1 ? 'y' : 'ies'}, ${m.threadIds.length} conversation${m.threadIds.length === 1 ? '' : 's'})`
      : `${m.author} split ${m.intoName} off ${m.fromName} (${m.identityKeys.map((k) => k.slice(k.indexOf(':') + 1)).join(', ')})`;
  return (
    <div className="timeline-event merge-event" data-focused={focused} data-entry={entry.key} data-merge={m.id} data-kind={entry.undo ? 'undo' : m.kind}>
      <span className="merge-icon" aria-hidden>
        {entry.undo ? '↺' : m.kind === 'merge' ? '⇲' : '⇱'}
      </span>
      <span className="merge-text">
        {text}
        {m.reason && !entry.undo ? <span className="sub"> · {m.reason}</span> : null}
      </span>
      <span className="time">{formatDateTime(entry.ts)}</span>
      {!entry.undo && !m.undoneAt && (
        <span className="sub">
          <kbd>Shift</kbd>+<kbd>U</kbd> undo
        </span>
      )}
    </div>
  );
}

function ThreadCard(props: { thread: Thread; focused: boolean; active: boolean; expanded: boolean }) {
  const { thread: t, focused, active, expanded } = props;
  const items = useLiveQuery(() => threadItems(db(), t.id), [t.id, t.lastTs, t.count]);
  const by = items ? handlers(items) : [];
  const last = items?.[items.length - 1];
  const toggle = () => {
    useTriage.getState().toggleExpanded(t.id);
    useTriage.getState().focusTimeline(`thread:${t.id}`);
  };
  return (
    <article className="thread" data-active={active} data-focused={focused} data-entry={`thread:${t.id}`} data-thread={t.id} data-channel={t.channel} data-status={t.status} aria-expanded={expanded}>
      <button type="button" className="thread-head" onClick={toggle} aria-expanded={expanded}>
        <ChannelIcon channel={t.channel} />
        {last && (
          <span className={`dir-arrow ${last.direction}`} title={last.direction === 'inbound' ? 'Customer wrote last' : 'We answered last'} aria-label={last.direction}>
            {last.direction === 'inbound' ? '↙' : '↗'}
          </span>
        )}
        <span className="title" dir="auto">
          {t.subject}
        </span>
        {t.priority !== 'normal' && <span className={`chip ${t.priority}`}>{t.priority}</span>}
        {t.tags.map((tag) => (
          <span key={tag} className="chip tag">
            #{tag}
          </span>
        ))}
        <span className={`chip status-${t.status}`}>{t.status === 'snoozed' && t.snoozeUntil ? `snoozed · ${formatDateTime(t.snoozeUntil)}` : t.status}</span>
        {t.assignee && <span className="chip assignee">@{t.assignee}</span>}
        <span className="when">
          {by.length ? <span className="handled">{by.join(', ')} · </span> : null}
          {t.count > 1 ? `${t.count} · ` : ''}
          {formatDateTime(t.lastTs)}
        </span>
      </button>
      {!expanded && t.snippet && (
        <div className="thread-snippet" dir="auto">
          {t.snippet}
        </div>
      )}
      {expanded && (
        <div className="thread-body">
          {(items ?? []).map((i) => (
            <TimelineItem key={i.id} item={i} />
          ))}
        </div>
      )}
    </article>
  );
}

export function TimelineItem({ item: i }: { item: Interaction }) {
  // Email and call items are rendered by their features (sanitised HTML, quotes, attachments; call notes).
  if (i.channel === 'email') return <EmailItem item={i} />;
  if (i.channel === 'call' && i.call) return <CallItem item={i} />;
  return <PlainItem item={i} />;
}

/** A chat message, or a note / call without call data, as plain text. */
function PlainItem({ item: i }: { item: Interaction }) {
  const hit = useSearchHit(i.id);
  if (i.channel === 'chat') {
    return (
      <div className={`bubble-row ${i.direction}`} data-item={i.id} data-channel="chat" data-ts={i.ts} data-search-hit={hit}>
        <div className="bubble" dir="auto">
          <span className="by">
            {i.fromLabel} · {formatTime(i.ts)}
          </span>
          {i.text}
        </div>
      </div>
    );
  }
  return (
    <div className="item" data-item={i.id} data-channel={i.channel} data-ts={i.ts} data-search-hit={hit}>
      <div className="item-head">
        <span className="from" dir="auto">
          {i.fromLabel}
        </span>
        <span className={`dir ${i.direction}`}>{i.direction === 'outbound' ? 'sent' : 'received'}</span>
        {i.to?.length ? <span className="to">to {i.to.map((a) => a.address).join(', ')}</span> : null}
        <span className="time">{formatDateTime(i.ts)}</span>
      </div>
      <div className="item-body" dir="auto">
        {i.text}
      </div>
      {i.attachments?.length ? (
        <div className="chips attachments">
          {i.attachments.map((a) => (
            <span key={a.partId} className="chip">
              {a.filename} · {Math.max(1, Math.round(a.size / 1024))} KB
            </span>
          ))}
        </div>
      ) : null}
      {i.warnings?.map((w) => (
        <div key={w} className="item-warn">
          ⚠ {w}
        </div>
      ))}
    </div>
  );
}

/** "typing…" while the customer types in chat; it clears itself when the state goes stale. */
function TypingNote({ jids }: { jids: string[] }) {
  const peers = useTyping((s) => s.peers);
  const [now, setNow] = useState(() => Date.now());
  const typing = isTyping(peers, jids, now);
  useEffect(() => {
    setNow(Date.now());
  }, [peers]);
  useEffect(() => {
    if (!typing) return;
    const t = window.setTimeout(() => setNow(Date.now()), TYPING_STALE_MS);
    return () => window.clearTimeout(t);
  }, [typing, now]);
  if (!typing) return null;
  return (
    <span className="typing" role="status" data-typing>
      {' '}
      · typing in chat…
    </span>
  );
}
