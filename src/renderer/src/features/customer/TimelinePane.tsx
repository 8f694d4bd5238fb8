import { useEffect, useMemo, useState } from 'react';
import type { Interaction, Thread } from '../../../../shared/domain';
import { ChannelIcon } from '../../components/ChannelIcon';
import type { CustomerView } from '../../db/repos/customers';
import { formatDateTime, formatTime, initials } from '../../lib/format';
import { formatDuration } from '../../ingest/text';
import { useUi } from '../../stores/ui-store';

export function TimelinePane({ view }: { view: CustomerView | undefined }) {
  const openThreadId = useUi((s) => s.openThreadId);
  const pane = useUi((s) => s.pane);
  const [expanded, setExpanded] = useState<Record<string, boolean>>({});
  useEffect(() => {
    if (openThreadId) setExpanded((e) => ({ ...e, [openThreadId]: true }));
  }, [openThreadId]);

  const byThread = useMemo(() => {
    const map = new Map<string, Interaction[]>();
    for (const i of view?.interactions ?? []) {
      const list = map.get(i.threadId) ?? [];
      list.push(i);
      map.set(i.threadId, list);
    }
    for (const list of map.values()) list.sort((a, b) => a.ts - b.ts);
    return map;
  }, [view]);

  if (!view) {
    return (
      <main className="timeline" aria-label="Customer timeline">
        <div className="empty">
          <h2>No conversation open</h2>
          <p>
            Move through the queue with <kbd>j</kbd> and <kbd>k</kbd>, open with <kbd>Enter</kbd>.
          </p>
        </div>
      </main>
    );
  }
  const { customer, threads } = view;
  const channels = new Set(threads.map((t) => t.channel));
  return (
    <main className="timeline" aria-label={`Timeline of ${customer.name}`} data-focused={pane === 'timeline'}>
      <header className="customer-head">
        <span className="avatar" aria-hidden>
          {initials(customer.name)}
        </span>
        <div>
          <h1 dir="auto">{customer.name}</h1>
          <div className="meta">
            {threads.length} conversations · {[...channels].join(', ')}
          </div>
        </div>
      </header>
      <div className="timeline-scroll" data-testid="timeline">
        {threads.map((t) => (
          <ThreadCard
            key={t.id}
            thread={t}
            items={byThread.get(t.id) ?? []}
            active={t.id === openThreadId}
            expanded={expanded[t.id] ?? false}
            onToggle={() => setExpanded((e) => ({ ...e, [t.id]: !e[t.id] }))}
          />
        ))}
      </div>
    </main>
  );
}

function ThreadCard(props: { thread: Thread; items: Interaction[]; active: boolean; expanded: boolean; onToggle(): void }) {
  const { thread: t, items, active, expanded } = props;
  return (
    <article className="thread" data-active={active} data-thread={t.id} data-channel={t.channel} aria-expanded={expanded}>
      <button type="button" className="thread-head" onClick={props.onToggle} aria-expanded={expanded}>
        <ChannelIcon channel={t.channel} />
        <span className="title" dir="auto">
          {t.subject}
        </span>
        <span className="chip">{t.status}</span>
        {t.assignee && <span className="chip">@{t.assignee}</span>}
        <span className="when">
          {t.count > 1 ? `${t.count} · ` : ''}
          {formatDateTime(t.lastTs)}
        </span>
      </button>
      {expanded && (
        <div className="thread-body">
          {items.map((i) => (
            <TimelineItem key={i.id} item={i} />
          ))}
        </div>
      )}
    </article>
  );
}

export function TimelineItem({ item: i }: { item: Interaction }) {
  if (i.channel === 'chat') {
    return (
      <div className={`bubble-row ${i.direction}`} data-item={i.id} data-channel="chat" data-ts={i.ts}>
        <div className="bubble" dir="auto">
          <span className="by">
            {i.fromLabel} · {formatTime(i.ts)}
          </span>
          {i.text}
        </div>
      </div>
    );
  }
  if (i.channel === 'call' && i.call) {
    return (
      <div className="item" data-item={i.id} data-channel="call" data-ts={i.ts}>
        <div className="item-head">
          <span className="from">{i.direction === 'inbound' ? 'Incoming call' : 'Outgoing call'}</span>
          <span className={`outcome-${i.call.outcome}`}>{i.call.outcome}</span>
          <span className="time">{formatDateTime(i.ts)}</span>
        </div>
        <div className="call-card">
          <span>
            Number <b>{i.call.customerNumber}</b>
          </span>
          <span>
            Duration <b>{formatDuration(i.call.billSec || i.call.durationSec)}</b>
          </span>
          {i.agent && (
            <span>
              Agent <b>{i.agent}</b>
            </span>
          )}
          {i.call.recordingUrl && (
            <span>
              Recording <b title={i.call.recordingUrl}>{new URL(i.call.recordingUrl).pathname.split('/').pop()}</b>
            </span>
          )}
        </div>
        {i.text && (
          <div className="item-body" dir="auto">
            {i.text}
          </div>
        )}
      </div>
    );
  }
  return (
    <div className="item" data-item={i.id} data-channel={i.channel} data-ts={i.ts}>
      <div className="item-head">
        <span className="from" dir="auto">
          {i.fromLabel}
        </span>
        <span className={`dir ${i.direction}`}>{i.direction === 'outbound' ? 'sent' : 'received'}</span>
        {i.to?.length ? <span>to {i.to.map((a) => a.address).join(', ')}</span> : null}
        <span className="time">{formatDateTime(i.ts)}</span>
      </div>
      <div className="item-body" dir="auto">
        {i.text}
      </div>
      {i.attachments?.length ? (
        <div className="chips" style={{ marginLeft: 0, marginTop: 6 }}>
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
