/**
 * Write (h) or edit (alt+h) a structured handoff note, from the keyboard: Tab between fields,
 * "@" suggests teammates (↑/↓, Enter or Tab to insert), Ctrl/Cmd+Enter saves, Esc cancels.
 * Saving an edit appends a new version; the note is pinned until a teammate acknowledges it.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { db } from '../../db/instance';
import { knownTeammates } from '../../db/repos/customers';
import { noteVersions } from '../../db/repos/notes';
import { useStatus } from '../../stores/status-store';
import { useUi } from '../../stores/ui-store';
import { writeHandoffNote, type NoteDraft } from '../../team/handoff-notes';
import type { DialogRequest } from '../triage/triage-store';
import { mentionAtCaret } from './mentions';
import { getCustomer, getThread } from '../../db/repos/rows';

type Field = 'summary' | 'tried' | 'promised' | 'nextStep' | 'forWhom';

const FIELDS: { id: Field; label: string; placeholder: string; rows: number }[] = [
  { id: 'summary', label: 'Summary', placeholder: 'What is this about, in one or two lines', rows: 2 },
  { id: 'tried', label: 'What was tried', placeholder: 'Checks done, answers given, what did not work', rows: 3 },
  { id: 'promised', label: 'What the customer was promised', placeholder: 'e.g. a call back by Friday, a refund', rows: 2 },
  { id: 'nextStep', label: 'Next step', placeholder: 'What the next agent should do first', rows: 2 },
];

export function HandoffDialog({ req, onClose }: { req: DialogRequest; onClose(): void }) {
  const me = useStatus((s) => s.agentName);
  const team = useLiveQuery(() => knownTeammates(db(), me), [me]) ?? [];
  const [draft, setDraft] = useState<Record<Field, string>>({ summary: '', tried: '', promised: '', nextStep: '', forWhom: '' });
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [mention, setMention] = useState<{ field: Field; start: number; query: string; index: number }>();
  const refs = useRef<Partial<Record<Field, HTMLTextAreaElement | HTMLInputElement | null>>>({});
  const thread = useLiveQuery(() => (req.threadId ? getThread(db(), req.threadId) : undefined), [req.threadId]);
  const customer = useLiveQuery(() => (req.customerId ? getCustomer(db(), req.customerId) : undefined), [req.customerId]);

  useEffect(() => {
    if (!req.noteId) return;
    void noteVersions(db(), req.noteId).then((versions) => {
      const last = versions[versions.length - 1];
      if (last) setDraft({ summary: last.summary, tried: last.tried, promised: last.promised, nextStep: last.nextStep, forWhom: last.forWhom ?? '' });
    });
  }, [req.noteId]);

  const candidates = mention ? team.filter((t) => t.toLowerCase().startsWith(mention.query.toLowerCase()) && t !== mention.query).slice(0, 5) : [];

  const update = (field: Field, value: string, caret: number | null) => {
    setDraft((d) => ({ ...d, [field]: value }));
    const at = field === 'forWhom' ? { start: -1, query: value.replace(/^@/, '') } : caret !== null ? mentionAtCaret(value, caret) : undefined;
    setMention(at && (field === 'forWhom' || at.start >= 0) ? { field, start: at.start, query: at.query, index: 0 } : undefined);
  };

  const insert = (name: string) => {
    if (!mention) return;
    const { field, start } = mention;
    if (field === 'forWhom') {
      setDraft((d) => ({ ...d, forWhom: name }));
    } else {
      const value = draft[field];
      const end = start + 1 + mention.query.length;
      const next = `${value.slice(0, start)}@${name} ${value.slice(end)}`;
      setDraft((d) => ({ ...d, [field]: next }));
      requestAnimationFrame(() => {
        const el = refs.current[field];
        if (el) el.selectionStart = el.selectionEnd = start + name.length + 2;
      });
    }
    setMention(undefined);
  };

  const save = async () => {
    if (!req.customerId) return;
    if (!draft.summary.trim()) {
      setError('A handoff note needs a summary.');
      refs.current.summary?.focus();
      return;
    }
    setSaving(true);
    try {
      const payload: NoteDraft = { customerId: req.customerId, threadId: req.threadId, ...draft };
      const note = await writeHandoffNote(db(), payload, { author: me }, req.noteId);
      useUi.getState().notify(note.version > 1 ? `Handoff note updated (version ${note.version})` : 'Handoff note pinned for the next agent');
      onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setSaving(false);
    }
  };

  const onKey = (field: Field) => (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void save();
      return;
    }
    if (mention?.field === field && candidates.length) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        setMention({ ...mention, index: (mention.index + (e.key === 'ArrowDown' ? 1 : candidates.length - 1)) % candidates.length });
      } else if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        insert(candidates[mention.index] ?? candidates[0]!);
      }
    }
  };

  const suggestions = (field: Field) =>
    mention?.field === field && candidates.length ? (
      <ul className="mention-list" role="listbox" aria-label="Teammates">
        {candidates.map((c, i) => (
          <li key={c} role="option" aria-selected={i === mention.index} onMouseDown={(e) => (e.preventDefault(), insert(c))}>
            @{c}
          </li>
        ))}
      </ul>
    ) : null;

  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label="Handoff note" onClick={onClose}>
      <div className="dialog handoff-dialog" onClick={(e) => e.stopPropagation()}>
        <header>
          {req.noteId ? 'Edit handoff note' : 'Handoff note'}
          <span className="sub">
            &nbsp;· {customer?.name ?? ''}
            {thread ? ` · ${thread.subject}` : ''}
          </span>
          <span className="spacer" />
          <kbd>Esc</kbd>
        </header>
        <form
          className="handoff-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          {FIELDS.map((f, n) => (
            <label key={f.id} className="field">
              <span>{f.label}</span>
              <textarea
                ref={(el) => {
                  refs.current[f.id] = el;
                }}
                autoFocus={n === 0}
                name={f.id}
                rows={f.rows}
                dir="auto"
                placeholder={f.placeholder}
                value={draft[f.id]}
                onChange={(e) => update(f.id, e.target.value, e.target.selectionStart)}
                onKeyDown={onKey(f.id)}
              />
              {suggestions(f.id)}
            </label>
          ))}
          <label className="field">
            <span>For whom</span>
            <input
              ref={(el) => {
                refs.current.forWhom = el;
              }}
              name="forWhom"
              placeholder="@teammate, or leave empty for whoever is next"
              value={draft.forWhom}
              onChange={(e) => update('forWhom', e.target.value, e.target.selectionStart)}
              onKeyDown={onKey('forWhom')}
              autoComplete="off"
            />
            {suggestions('forWhom')}
          </label>
          {error && (
            <div className="form-error" role="alert">
              {error}
            </div>
          )}
          <div className="form-actions">
            <span className="sub">
              <kbd>Ctrl</kbd>+<kbd>Enter</kbd> pin note · type <kbd>@</kbd> to mention
            </span>
            <span className="spacer" />
            <button type="button" className="wbtn ghost" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="wbtn primary" disabled={saving}>
              {req.noteId ? 'Save new version' : 'Pin note'}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
