import { useVirtualizer } from '@tanstack/react-virtual';
import { useLiveQuery } from 'dexie-react-hooks';
import { memo, useLayoutEffect, useMemo, useRef } from 'react';
import type { Thread } from '../../../../shared/domain';
import { ChannelIcon } from '../../components/ChannelIcon';
import { db } from '../../db/instance';
import { QUEUES, queueFirstPage, threadsByIds, type QueueId } from '../../db/repos/queues';
import { ageClass, ageLabel, formatDateTime } from '../../lib/format';
import { useUi } from '../../stores/ui-store';
import { useTriage } from '../triage/triage-store';
import { queueRows, rememberRows } from './row-cache';

const ROW_HEIGHT = 74;
/** Rows are read in pages around what is on screen; moving the cursor inside a page reads nothing. */
const PAGE = 50;
const NONE: string[] = [];

/** Row objects of the pages covering [first, last] (and of pages already read: see row-cache.ts). */
function useRows(ids: string[], first: number, last: number) {
  const p0 = Math.floor(Math.max(0, first) / PAGE);
  const p1 = Math.floor(Math.max(0, last) / PAGE);
  const rows = useLiveQuery(() => threadsByIds(db(), ids.slice(p0 * PAGE, (p1 + 1) * PAGE)), [ids, p0, p1]);
  rememberRows(rows);
  return queueRows();
}

/**
 * While the id list is being read (start, queue switch): the ids of the queue's first page, read
 * on its own (its rows go to the row cache). App uses them for the list and for the actions.
 */
export function useQueueFirstPage(reading: boolean, queue: QueueId, me: string): string[] | undefined {
  const key = queue === 'mine' ? `mine\u0000${me}` : queue;
  const page = useLiveQuery(async () => (reading ? { for: key, rows: await queueFirstPage(db(), queue, me, Date.now(), PAGE) } : undefined), [reading, key]);
  const rows = reading && page?.for === key ? page.rows : undefined;
  rememberRows(rows);
  return useMemo(() => rows?.map((t) => t.id), [rows]);
}

/** `ids`: the queue's ids, or its first page while `complete` is false (the whole list is being read). */
export const QueuePane = memo(function QueuePane({ ids, complete, now }: { ids: string[] | undefined; complete: boolean; now: number }) {
  const queue = useUi((s) => s.queue);
  const allIds = complete ? ids : undefined;
  const cursor = useUi((s) => s.cursor);
  const pane = useUi((s) => s.pane);
  const openThreadId = useUi((s) => s.openThreadId);
  const selection = useUi((s) => s.selection);
  const scroller = useRef<HTMLDivElement>(null);
  const list = ids ?? [];
  const virtualizer = useVirtualizer({
    count: list.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey: (i) => list[i] ?? i,
  });
  const items = virtualizer.getVirtualItems();
  // (The first page brought its rows along: nothing more to read until the id list is in.)
  const rows = useRows(allIds ?? NONE, items[0]?.index ?? cursor, items[items.length - 1]?.index ?? cursor);
  const selected = new Set(selection);

  // Keep the highlighted row in view, before paint: the frame that shows the new highlight also
  // shows it scrolled into view. Rows have one fixed height, so this is arithmetic on scrollTop
  // (the virtualiser's scrollToIndex reconciles over the following animation frames instead).
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || !list.length) return;
    const top = Math.min(cursor, list.length - 1) * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
  }, [cursor, list.length]);

  const def = QUEUES.find((q) => q.id === queue);
  const label = def?.label ?? queue;
  return (
    <section className="queue" aria-label={`${label} queue`} data-focused={pane === 'queue'}>
      <div className="pane-head">
        <h2>{label}</h2>
        <span className="sub" data-testid="queue-count">
          {allIds ? `${list.length.toLocaleString()} conversation${list.length === 1 ? '' : 's'}` : 'Loading…'}
        </span>
        <span className="spacer" />
        <span className="sub">{def?.order}</span>
      </div>
      {selection.length > 0 && (
        <div className="bulk-bar" role="status" data-testid="bulk-bar">
          <b>{selection.length} selected</b>
          <span>
            <kbd>e</kbd> close · <kbd>s</kbd> snooze · <kbd>a</kbd> assign · <kbd>t</kbd> tag · <kbd>p</kbd> priority · <kbd>Esc</kbd> clear
          </span>
        </div>
      )}
      <div
        className="queue-list"
        ref={scroller}
        role="listbox"
        aria-label={label}
        aria-multiselectable="true"
        aria-activedescendant={list[cursor] ? `row-${list[cursor]}` : undefined}
        tabIndex={0}
      >
        {ids && list.length === 0 && (
          <div className="empty">
            <h2>{queue === 'mine' ? 'Nothing assigned to you' : queue === 'snoozed' ? 'Nothing snoozed' : 'All clear'}</h2>
            <p>
              This queue is empty. Switch queues with <kbd>g</kbd> then a letter, or press <kbd>?</kbd>.
            </p>
          </div>
        )}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((v) => {
            const id = list[v.index]!;
            const t = rows.get(id);
            return (
              <Row
                key={id}
                id={id}
                thread={t}
                top={v.start}
                index={v.index}
                current={v.index === cursor}
                checked={selected.has(id)}
                opened={openThreadId === id}
                now={now}
                queue={queue}
              />
            );
          })}
        </div>
      </div>
    </section>
  );
});

const Row = memo(function Row(props: {
  id: string;
  thread: Thread | undefined;
  top: number;
  index: number;
  current: boolean;
  checked: boolean;
  opened: boolean;
  now: number;
  queue: string;
}) {
  const { id, thread: t, top, index, current, checked, opened, now, queue } = props;
  if (!t) {
    return <div id={`row-${id}`} role="option" aria-selected={current} className="row placeholder" style={{ top, height: ROW_HEIGHT }} data-thread={id} />;
  }
  const waiting = t.awaitingReply || t.missedCall;
  const waitingFrom = waiting ? t.lastInboundTs : t.lastTs;
  return (
    <div
      id={`row-${t.id}`}
      role="option"
      aria-selected={current}
      aria-checked={checked}
      data-thread={t.id}
      data-channel={t.channel}
      data-status={t.status}
      data-priority={t.priority}
      data-assignee={t.assignee ?? ''}
      data-tags={t.tags.join(',')}
      data-waiting-since={t.lastInboundTs}
      className={`row${checked ? ' checked' : ''}${opened ? ' opened' : ''}`}
      style={{ top, height: ROW_HEIGHT }}
      onClick={(e) => {
        const ui = useUi.getState();
        ui.setCursor(index);
        if (e.shiftKey || e.metaKey || e.ctrlKey) {
          ui.setSelection(checked ? ui.selection.filter((s) => s !== t.id) : [...ui.selection, t.id]);
          useTriage.getState().setAnchor(index);
        }
      }}
      onDoubleClick={() => {
        useUi.getState().open(t.id, t.customerId);
        useTriage.getState().toggleExpanded(t.id, true);
        useTriage.getState().focusTimeline(`thread:${t.id}`);
      }}
    >
      <span className="icon">
        {checked ? <span className="check" aria-hidden>✓</span> : <ChannelIcon channel={t.channel} />}
      </span>
      <span className="who">
        <span className="name" dir="auto">
          {t.customerName}
        </span>
        {t.priority !== 'normal' && <span className={`chip ${t.priority}`}>{t.priority}</span>}
        {t.assignee && <span className="chip assignee">@{t.assignee}</span>}
      </span>
      {queue === 'snoozed' && t.snoozeUntil ? (
        <span className="age" title="Comes back">
          ⏰ {formatDateTime(t.snoozeUntil)}
        </span>
      ) : (
        <span className={`age ${waiting && t.status === 'open' ? ageClass(waitingFrom, now) : ''}`} title={waiting ? 'Waiting for us since' : 'Last activity'}>
          {ageLabel(waitingFrom, now)}
        </span>
      )}
      <span className={`subject${t.missedCall ? ' missed' : ''}`} dir="auto">
        {t.subject}
      </span>
      <span className="snippet" dir="auto">
        {t.tags.map((tag) => (
          <span key={tag} className="tag-inline">
            #{tag}{' '}
          </span>
        ))}
        {t.snippet}
      </span>
    </div>
  );
});
