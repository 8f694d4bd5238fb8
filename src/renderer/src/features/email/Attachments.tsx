/**
 * A message's attachments. Nothing is downloaded until the agent opens one; then it comes through
 * 'mail:attachment' and is kept in Dexie so it opens again offline.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { Interaction } from '../../../../shared/domain';
import { call } from '../../api';
import { db } from '../../db/instance';
import { cacheAttachment, cachedAttachment, cachedPartIds } from '../../db/repos/mail-prefs';
import { useUi } from '../../stores/ui-store';

/** The attachment icon (an inline SVG: Linux desktops often have no emoji font). */
export function PaperclipIcon() {
  return (
    <svg className="att-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden>
      <path fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" d="M10.5 4.5 5.6 9.4a1.4 1.4 0 0 0 2 2l5.2-5.2a2.8 2.8 0 0 0-4-4L3.5 7.5a4.2 4.2 0 0 0 6 6l4-4" />
    </svg>
  );
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function base64ToBlob(b64: string, type: string): Blob {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type: type || 'application/octet-stream' });
}

function save(filename: string, blob: Blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename || 'attachment';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function Attachments({ item }: { item: Interaction }) {
  const list = (item.attachments ?? []).filter((a) => !a.inline || !a.contentId);
  const cached = useLiveQuery(() => cachedPartIds(db(), item.id), [item.id]);
  const [busy, setBusy] = useState<string | undefined>();
  if (!list.length) return null;
  const canFetch = item.folder !== undefined && item.uid !== undefined && item.sourceId !== 'demo';

  const open = async (partId: string) => {
    setBusy(partId);
    try {
      let row = await cachedAttachment(db(), item.id, partId);
      if (!row) {
        if (!canFetch) throw new Error('This attachment is not stored on a mail server (demo data).');
        const data = await call('mail:attachment', { sourceId: item.sourceId, folder: item.folder!, uid: item.uid!, partId });
        row = await cacheAttachment(db(), { interactionId: item.id, partId, filename: data.filename, contentType: data.contentType, base64: data.base64, cachedAt: Date.now() });
      }
      save(row.filename, base64ToBlob(row.base64, row.contentType));
    } catch (e) {
      useUi.getState().notify(`Attachment: ${e instanceof Error ? e.message : String(e)}`, 'error');
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <ul className="attachments" aria-label="Attachments">
      {list.map((a) => (
        <li key={a.partId}>
          <button
            type="button"
            className="attachment"
            data-part={a.partId}
            onClick={() => void open(a.partId)}
            disabled={busy === a.partId || (!canFetch && !cached?.has(a.partId))}
            title={canFetch || cached?.has(a.partId) ? `Save ${a.filename}` : 'Not available: demo data has no server copy'}
          >
            <PaperclipIcon />
            <span className="att-name" dir="auto">
              {a.filename || 'unnamed'}
            </span>
            <span className="att-meta">
              {formatSize(a.size)} · {a.contentType.split('/').pop()}
              {cached?.has(a.partId) ? ' · offline' : ''}
            </span>
            {busy === a.partId && <span className="att-meta">downloading…</span>}
          </button>
        </li>
      ))}
    </ul>
  );
}
