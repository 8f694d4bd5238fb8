import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { Thread } from '../../../../shared/domain';
import { ChannelIcon } from '../../components/ChannelIcon';
import { QUEUES } from '../../db/repos/queues';
import { ageClass, ageLabel } from '../../lib/format';
import { useUi } from '../../stores/ui-store';

const ROW_HEIGHT = 74;

export function QueuePane({ threads, now }: { threads: Thread[] | undefined; now: number }) {
  const queue = useUi((s) => s.queue);
  const cursor = useUi((s) => s.cursor);
  const openThreadId = useUi((s) => s.openThreadId);
  const selection = useUi((s) => s.selection);
  const setCursor = useUi((s) => s.setCursor);
  const open = useUi((s) => s.open);
  const scroller = useRef<HTMLDivElement>(null);
  const list = threads ?? [];
  const virtualizer = useVirtualizer({
    count: list.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });

  useEffect(() => {
    if (list.length) virtualizer.scrollToIndex(Math.min(cursor, list.length - 1), { align: 'auto' });
  }, [cursor, list.length, virtualizer]);

  const label = QUEUES.find((q) => q.id === queue)?.label ?? queue;
  return (
    <section className="queue" aria-label={`${label} queue`}>
      <div className="pane-head">
        <h2>{label}</h2>
        <span className="sub">{threads ? `${list.length.toLocaleString()} conversations` : 'Loading…'}</span>
        <span className="spacer" />
        <span className="sub">waiting longest first</span>
      </div>
      <div className="queue-list" ref={scroller} role="listbox" aria-label={label} aria-activedescendant={list[cursor] ? `row-${list[cursor]!.id}` : undefined} tabIndex={0}>
        {threads && list.length === 0 && (
          <div className="empty">
            <h2>Nothing here</h2>
            <p>This queue is empty. Switch queues with <kbd>g</kbd> then a letter, or press <kbd>?</kbd>.</p>
          </div>
        )}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const t = list[v.index]!;
            const waitingFrom = t.awaitingReply || t.missedCall ? t.lastInboundTs : t.lastTs;
            return (
              <div
                key={t.id}
                id={`row-${t.id}`}
                role="option"
                aria-selected={v.index === cursor}
                data-thread={t.id}
                data-channel={t.channel}
                className={`row${selection.includes(t.id) ? ' checked' : ''}${openThreadId === t.id ? ' opened' : ''}`}
                style={{ top: v.start, height: ROW_HEIGHT }}
                onClick={() => setCursor(v.index)}
                onDoubleClick={() => open(t.id, t.customerId)}
              >
                <span className="icon">
                  <ChannelIcon channel={t.channel} />
                </span>
                <span className="who">
                  {t.customerName}
                  {t.priority !== 'normal' && <span className={`chips`}><span className={`chip ${t.priority}`}>{t.priority}</span></span>}
                </span>
                <span className={`age ${t.awaitingReply || t.missedCall ? ageClass(waitingFrom, now) : ''}`} title="Waiting time">
                  {ageLabel(waitingFrom, now)}
                </span>
                <span className="subject">{t.subject}</span>
                <span className="snippet">{t.snippet}</span>
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
