import type { HandoffNote } from '../../../../shared/domain';
import { formatDateTime } from '../../lib/format';
import { mentionParts } from './mentions';

function Rich({ text }: { text: string }) {
  return (
    <>
      {mentionParts(text).map((p, i) =>
        p.mention ? (
          <span key={i} className="mention">
            {p.text}
          </span>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  );
}

/** A structured handoff note: pinned (with how to acknowledge) or as a timeline entry. */
export function NoteCard({ note, pinned, me, compact }: { note: HandoffNote; pinned?: boolean; me?: string; compact?: boolean }) {
  const rows: [string, string][] = [
    ['Tried', note.tried],
    ['Promised', note.promised],
    ['Next step', note.nextStep],
  ];
  const forMe = !!me && note.forWhom?.toLowerCase() === me.toLowerCase();
  return (
    <div className={`note-card${pinned ? ' is-pinned' : ''}`} data-note={note.noteId} data-version={note.version} data-pinned={pinned ? 'true' : 'false'}>
      <div className="note-head">
        <span className="note-badge">{pinned ? 'Handoff note' : 'Handoff'}</span>
        <span className="note-by">
          {note.author}
          {note.forWhom ? (
            <>
              {' '}→ <b className={forMe ? 'mention me' : 'mention'}>@{note.forWhom}</b>
            </>
          ) : null}
        </span>
        <span className="time">
          {formatDateTime(note.createdAt)}
          {note.version > 1 ? ` · v${note.version}` : ''}
        </span>
      </div>
      <div className="note-summary" dir="auto">
        <Rich text={note.summary} />
      </div>
      {!compact && (
        <dl className="note-fields">
          {rows
            .filter(([, v]) => v)
            .map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd dir="auto">
                  <Rich text={v} />
                </dd>
              </div>
            ))}
        </dl>
      )}
      {pinned ? (
        <div className="note-foot">
          <kbd>Shift</kbd>+<kbd>H</kbd> acknowledge · <kbd>Alt</kbd>+<kbd>H</kbd> edit
        </div>
      ) : note.acknowledgedBy ? (
        <div className="note-foot">
          Acknowledged by {note.acknowledgedBy}
          {note.acknowledgedAt ? ` · ${formatDateTime(note.acknowledgedAt)}` : ''}
        </div>
      ) : null}
    </div>
  );
}
