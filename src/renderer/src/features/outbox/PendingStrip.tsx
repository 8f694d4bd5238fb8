/** Messages of the open conversation that the server has not confirmed yet, with what to do about them. */
import { useLiveQuery } from 'dexie-react-hooks';
import { appServices } from '../../app-services';
import { db } from '../../db/instance';
import { cancelItem, pendingForThread, retryItem } from '../../db/repos/outbox';
import { useUi } from '../../stores/ui-store';
import { itemTitle, statusLabel } from './outbox-view';

export function PendingStrip({ threadId }: { threadId: string }) {
  const items = useLiveQuery(() => pendingForThread(db(), threadId), [threadId]);
  if (!items?.length) return null;
  const now = Date.now();
  return (
    <ul className="pending-strip" aria-label="Not yet sent">
      {items.map((i) => (
        <li key={i.id} data-outbox-item={i.id} data-status={i.status}>
          <span className={`chip ob-${i.status}`}>{statusLabel(i, now)}</span>
          <span className="grow" dir="auto">
            {i.kind === 'email' ? 'Email' : 'Chat'}: {itemTitle(i)}
          </span>
          {i.lastError && (
            <span className="muted small err" title={i.lastError}>
              {i.lastError.slice(0, 90)}
            </span>
          )}
          {i.status !== 'sending' && (
            <>
              <button type="button" className="btn small" onClick={() => void retryItem(db(), i.id).then(() => appServices()?.outbox.kick(i.sourceId))}>
                Retry now
              </button>
              <button type="button" className="btn small ghost" onClick={() => useUi.getState().openComposer({ mode: 'new', threadId: i.threadId, outboxId: i.id })}>
                Edit
              </button>
              <button type="button" className="btn small ghost" onClick={() => void cancelItem(db(), i.id)}>
                Cancel
              </button>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
