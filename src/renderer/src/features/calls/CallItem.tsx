/**
 * A call on the timeline: direction, outcome, duration, agent, the recording (opened in the
 * system player through shell:open-external), the agent's notes (editable) and, for a missed call
 * still waiting, "Mark called back".
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { Interaction } from '../../../../shared/domain';
import { call } from '../../api';
import { db } from '../../db/instance';
import { MANUAL_SOURCE, markCalledBack, saveCallNote } from '../../db/repos/calls';
import { formatDuration } from '../../ingest/text';
import { formatDateTime } from '../../lib/format';
import { useStatus } from '../../stores/status-store';
import { useUi } from '../../stores/ui-store';
import { useSearchHit } from '../search/use-focus-item';
import { getCallNote, getThread } from '../../db/repos/rows';

const OUTCOME_LABEL = { answered: 'Answered', missed: 'Missed', busy: 'Busy', failed: 'Failed', voicemail: 'Voicemail' } as const;

function recordingName(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.split('/').pop() || url);
  } catch {
    return url;
  }
}

export function CallItem({ item: i }: { item: Interaction }) {
  const note = useLiveQuery(() => getCallNote(db(), i.id), [i.id]);
  const thread = useLiveQuery(() => getThread(db(), i.threadId), [i.threadId]);
  const me = useStatus((s) => s.agentName);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState('');
  const hit = useSearchHit(i.id);
  if (!i.call) return null;
  const c = i.call;
  const inbound = i.direction === 'inbound';
  const waiting = thread?.missedCall === true && c.outcome !== 'answered';

  const startEdit = () => {
    setDraft(note?.text ?? '');
    setEditing(true);
  };
  const save = async () => {
    try {
      await saveCallNote(db(), i.id, draft, me);
      setEditing(false);
    } catch (e) {
      // The draft stays in the editor: nothing the agent typed is lost.
      useUi.getState().notify(`The call note was not saved: ${e instanceof Error ? e.message : String(e)}`, 'error');
    }
  };

  return (
    <div className="item call-item" data-item={i.id} data-channel="call" data-ts={i.ts} data-outcome={c.outcome} data-search-hit={hit}>
      <div className="item-head">
        <span className="from">
          <span className={`call-dir ${inbound ? 'in' : 'out'}`} aria-hidden>
            {inbound ? '↙' : '↗'}
          </span>{' '}
          {inbound ? 'Incoming call' : i.direction === 'internal' ? 'Internal call' : 'Outgoing call'}
        </span>
        <span className={`chip outcome outcome-${c.outcome}`}>{OUTCOME_LABEL[c.outcome]}</span>
        {waiting && <span className="chip outcome-missed">waiting for a call back</span>}
        {i.sourceId === MANUAL_SOURCE && <span className="chip">logged by hand</span>}
        {i.sourceId === 'demo' && <span className="chip demo-chip">demo</span>}
        <span className="time">{formatDateTime(i.ts)}</span>
      </div>
      <div className="call-card">
        <span>
          Number <b className="mono">{c.customerNumber}</b>
        </span>
        <span>
          Duration <b>{c.outcome === 'answered' ? formatDuration(c.billSec || c.durationSec) : `rang ${formatDuration(c.durationSec)}`}</b>
        </span>
        <span>
          Agent <b>{i.agent ?? '—'}</b>
        </span>
        {c.recordingUrl && (
          <button
            type="button"
            className="linkish"
            title={`Open ${c.recordingUrl}`}
            data-testid="recording"
            onClick={() => void call('shell:open-external', { url: c.recordingUrl! }).catch((e: unknown) => useUi.getState().notify(e instanceof Error ? e.message : String(e), 'error'))}
          >
            ▶ Recording <span className="mono small">{recordingName(c.recordingUrl)}</span>
          </button>
        )}
      </div>
      {i.text && (
        <div className="item-body pbx-note" dir="auto">
          <span className="muted small">From the phone system: </span>
          {i.text}
        </div>
      )}
      {editing ? (
        <div className="call-note-edit">
          <textarea
            autoFocus
            dir="auto"
            aria-label="Call notes"
            rows={3}
            value={draft}
            placeholder="What was said, what you promised…"
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                e.stopPropagation();
                void save();
              } else if (e.key === 'Escape') {
                e.stopPropagation();
                setEditing(false);
              }
            }}
          />
          <div className="banner-actions">
            <button type="button" className="btn small primary" onClick={() => void save()} data-testid="save-call-note">
              Save note <kbd>Ctrl+Enter</kbd>
            </button>
            <button type="button" className="btn small ghost" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : note ? (
        <div className="call-note" data-testid="call-note">
          <div className="item-body" dir="auto">
            {note.text}
          </div>
          <div className="muted small">
            {note.author} · {formatDateTime(note.updatedAt)} ·{' '}
            <button type="button" className="linkish" onClick={startEdit}>
              Edit note
            </button>
          </div>
        </div>
      ) : null}
      <div className="item-actions">
        {!editing && !note && (
          <button type="button" className="btn small ghost" onClick={startEdit} data-testid="add-call-note">
            Add note
          </button>
        )}
        {waiting && (
          <button
            type="button"
            className="btn small"
            data-testid="called-back"
            onClick={() => void markCalledBack(db(), i.threadId, me).then(() => useUi.getState().notify('Marked as called back.'))}
          >
            Mark called back
          </button>
        )}
      </div>
    </div>
  );
}
