/**
 * Handoff notes: written and acknowledged only through team-actions. A note is never edited in
 * place: an edit appends version n+1 with the same noteId (and pins the note again).
 */
import type { HandoffNote, TeamEvent } from '../../../shared/domain';
import type { SwitchboardDb } from '../db/schema';
import { parseMentions } from '../features/handoff/mentions';
import { commitTeamAction, newId, teamTables, type TeamContext } from './team-actions';

export interface NoteDraft {
  customerId: string;
  threadId?: string;
  summary: string;
  tried: string;
  promised: string;
  nextStep: string;
  forWhom?: string;
}

/** Write a new note, or (with `noteId`) append the next version of an existing one. */
export async function writeHandoffNote(db: SwitchboardDb, draft: NoteDraft, ctx: TeamContext, noteId?: string): Promise<HandoffNote> {
  return db.transaction('rw', teamTables(db), async () => {
    let version = 1;
    let id = noteId;
    if (id) {
      const versions = await db.handoffNotes.where('noteId').equals(id).toArray();
      if (!versions.length) throw new Error('That note no longer exists');
      version = Math.max(...versions.map((v) => v.version)) + 1;
    } else {
      id = (ctx.newId ?? newId)();
    }
    const forWhom = draft.forWhom?.trim().replace(/^@/, '') || undefined;
    const note: HandoffNote = {
      id: `${id}:v${version}`,
      noteId: id,
      version,
      customerId: draft.customerId,
      threadId: draft.threadId,
      author: ctx.author,
      createdAt: (ctx.now ?? Date.now)(),
      summary: draft.summary.trim(),
      tried: draft.tried.trim(),
      promised: draft.promised.trim(),
      nextStep: draft.nextStep.trim(),
      forWhom,
      mentions: parseMentions(draft.summary, draft.tried, draft.promised, draft.nextStep, forWhom ? `@${forWhom}` : ''),
    };
    await commitTeamAction(db, { type: 'note.write', note }, ctx);
    return note;
  });
}

export async function acknowledgeNote(db: SwitchboardDb, noteId: string, ctx: TeamContext): Promise<TeamEvent> {
  return commitTeamAction(db, { type: 'note.ack', noteId, by: ctx.author, at: (ctx.now ?? Date.now)() }, ctx);
}
