/**
 * The outbox: what is waiting or failed (edit, cancel, retry from the keyboard) and what went out
 * recently. j/k or arrows move, r retries, e edits, Delete/x cancels, Esc closes.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState } from 'react';
import { appServices } from '../../app-services';
import type { OutboxRow } from '../../db/agent-tables';
import { db } from '../../db/instance';
import { cancelItem, listOutbox, retryItem } from '../../db/repos/outbox';
import { formatDateTime } from '../../lib/format';
import { useUi } from '../../stores/ui-store';
import { useSources } from '../settings/sources-store';
import { itemTitle, itemTo, statusLabel } from './outbox-view';

export function OutboxPanel({ onClose }: { onClose(): void }) {
  const data = useLiveQuery(() => listOutbox(db()), []);
  const list = useSources((s) => s.list);
  const labels = useMemo(() => Object.fromEntries(list.map((x) => [x.config.id, x.config.label])), [list]);
  const [index, setIndex] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const listRef = useRef<HTMLDivElement>(null);
  const rows: OutboxRow[] = [...(data?.pending ?? []), ...(data?.history ?? [])];
  const current = rows[Math.min(index, rows.length - 1)];

  useEffect(() => {
    listRef.current?.focus();
    const t = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(t);
  }, []);
  useEffect(() => {
    listRef.current?.querySelector(`[data-index="${index}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [index]);

  const retry = (i: OutboxRow) =>
    void retryItem(db(), i.id).then((ok) => {
      if (ok) void appServices()?.outbox.kick(i.sourceId);
    });
  const cancel = (i: OutboxRow) => void cancelItem(db(), i.id).then((ok) => !ok && useUi.getState().notify('Only queued or failed messages can be cancelled.', 'error'));
  const edit = (i: OutboxRow) => {
    if (i.status !== 'queued' && i.status !== 'failed') return useUi.getState().notify('Only queued or failed messages can be edited.', 'error');
    onClose();
    useUi.getState().openComposer({ mode: 'new', threadId: i.threadId, outboxId: i.id });
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const k = e.key;
    const act = (fn: () => void) => {
      e.preventDefault();
      e.stopPropagation();
      fn();
    };
    if (k === 'j' || k === 'ArrowDown') act(() => setIndex((i) => Math.min(rows.length - 1, i + 1)));
    else if (k === 'k' || k === 'ArrowUp') act(() => setIndex((i) => Math.max(0, i - 1)));
    else if (k === 'r' && current) act(() => retry(current));
    else if (k === 'e' && current) act(() => edit(current));
    else if ((k === 'Delete' || k === 'x') && current) act(() => cancel(current));
    else if (k === 'Escape') act(onClose);
  };

  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label="Outbox" onClick={onClose}>
      <div className="dialog outbox" onClick={(e) => e.stopPropagation()}>
        <header>
          Outbox
          <span className="spacer" />
          <span className="muted small">
            <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>r</kbd> retry · <kbd>e</kbd> edit · <kbd>Del</kbd> cancel · <kbd>Esc</kbd> close
          </span>
        </header>
        <div className="outbox-list" ref={listRef} tabIndex={0} role="listbox" aria-label="Outgoing messages" onKeyDown={onKeyDown} aria-activedescendant={current ? `ob-${current.id}` : undefined}>
          {rows.length === 0 && <p className="muted pad">Nothing waiting. Messages you send appear here until the server confirms them.</p>}
          {data && data.pending.length > 0 && <div className="side-title">Waiting or needing attention</div>}
          {rows.map((i, n) => (
            <div key={i.id}>
              {data && n === data.pending.length && data.history.length > 0 && <div className="side-title">Recently sent</div>}
              <div
                id={`ob-${i.id}`}
                role="option"
                aria-selected={current?.id === i.id}
                className="outbox-row"
                data-index={n}
                data-outbox-item={i.id}
                data-status={i.status}
                onClick={() => setIndex(n)}
              >
                <span className={`chip ob-${i.status}`}>{statusLabel(i, now)}</span>
                <span className="grow">
                  <span className="title" dir="auto">
                    {i.kind === 'email' ? 'Email' : 'Chat'} · {itemTitle(i)}
                  </span>
                  <span className="sub">
                    to {itemTo(i)} · via {labels[i.sourceId] ?? i.sourceId} · {formatDateTime(i.createdAt)}
                    {i.attempts > 1 ? ` · ${i.attempts} tries` : ''}
                  </span>
                  {i.lastError && i.status !== 'sent' && (
                    <span className="sub err" dir="auto">
                      {i.lastError}
                    </span>
                  )}
                  <span className="sub mono">{i.messageId}</span>
                </span>
                {(i.status === 'queued' || i.status === 'failed') && (
                  <span className="row-actions">
                    <button type="button" className="btn small" onClick={() => retry(i)} data-testid="outbox-retry">
                      Retry
                    </button>
                    <button type="button" className="btn small ghost" onClick={() => edit(i)}>
                      Edit
                    </button>
                    <button type="button" className="btn small ghost" onClick={() => cancel(i)}>
                      Cancel
                    </button>
                  </span>
                )}
              </div>
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
