/**
 * The keyboard actions of the work surface (queue, timeline, triage, customer, compose requests).
 * App's `run(actionId)` hands every action here first; returns false for ones it does not know.
 * Reads state from the stores at call time, so moving the cursor never touches Dexie.
 */
import type { Priority, TeamAction } from '../../../../shared/domain';
import { db } from '../../db/instance';
import { customerNotes, isPinned } from '../../db/repos/notes';
import type { QueueId } from '../../db/repos/queues';
import { useStatus } from '../../stores/status-store';
import { useUi } from '../../stores/ui-store';
import { peekQueueRow } from '../queue/row-cache';
import { acknowledgeNote } from '../../team/handoff-notes';
import { lastUndoable, undoMerge } from '../../team/identity-ops';
import { commitTeamAction } from '../../team/team-actions';
import { useTriage, type DialogKind } from './triage-store';
import { getThread } from '../../db/repos/rows';

export interface WorkContext {
  /** Thread ids of the current queue, in order. */
  ids: string[];
}

const me = () => useStatus.getState().agentName;
const notify = (text: string, kind: 'info' | 'error' = 'info') => useUi.getState().notify(text, kind);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Open the conversation at a queue index (the queue has read its row already; else reads one row). */
async function openAt(ctx: WorkContext, index: number) {
  const id = ctx.ids[index];
  if (!id) return;
  const t = peekQueueRow(id) ?? (await getThread(db(), id));
  if (!t) return;
  useUi.getState().open(t.id, t.customerId);
  const tr = useTriage.getState();
  tr.toggleExpanded(t.id, true);
  tr.focusTimeline(`thread:${t.id}`);
}

/** What a triage action applies to: the selection, else the focused conversation. */
export function targetThreads(ctx: WorkContext): string[] {
  const ui = useUi.getState();
  if (ui.selection.length) return ui.selection;
  if (ui.pane === 'timeline' && ui.openCustomerId) {
    const focus = useTriage.getState().timelineFocus;
    if (focus?.startsWith('thread:')) return [focus.slice(7)];
    return ui.openThreadId ? [ui.openThreadId] : [];
  }
  const id = ctx.ids[ui.cursor];
  return id ? [id] : [];
}

/** The customer the agent is looking at: the open one in the timeline, else the one of the highlighted row. */
async function currentCustomer(ctx: WorkContext): Promise<string | undefined> {
  const ui = useUi.getState();
  if (ui.pane === 'timeline' && ui.openCustomerId) return ui.openCustomerId;
  const id = ctx.ids[ui.cursor];
  return (id ? (await getThread(db(), id))?.customerId : undefined) ?? ui.openCustomerId;
}

export async function commit(action: TeamAction, done: string): Promise<boolean> {
  try {
    await commitTeamAction(db(), action, { author: me() });
    notify(done);
    return true;
  } catch (e) {
    notify(e instanceof Error ? e.message : String(e), 'error');
    return false;
  }
}

async function triage(ctx: WorkContext, build: (ids: string[]) => TeamAction, verb: string) {
  const ids = targetThreads(ctx);
  if (!ids.length) return notify('No conversation selected', 'error');
  const bulk = useUi.getState().selection.length > 0;
  if (await commit(build(ids), `${verb} ${plural(ids.length, 'conversation')}`)) {
    if (bulk) useUi.getState().setSelection([]);
  }
}

function dialog(ctx: WorkContext, kind: DialogKind) {
  const threadIds = targetThreads(ctx);
  if (!threadIds.length) return notify('No conversation selected', 'error');
  useTriage.getState().openDialog({ kind, threadIds });
}

export function setPriority(ids: string[], priority: Priority) {
  return commit({ type: 'thread.priority', threadIds: ids, priority }, `Priority ${priority} on ${plural(ids.length, 'conversation')}`);
}

export async function runWorkAction(id: string, ctx: WorkContext): Promise<boolean> {
  const ui = useUi.getState();
  const tr = useTriage.getState();
  // While a dialog is open only Back and the palette reach the app; the dialog has the keys.
  if (tr.dialog && id !== 'back' && id !== 'palette') return true;
  if (id.startsWith('queue:')) {
    ui.setQueue(id.slice(6) as QueueId);
    tr.setAnchor(undefined);
    return true;
  }
  switch (id) {
    case 'next':
    case 'prev': {
      ui.move(id === 'next' ? 1 : -1, ctx.ids.length);
      // With a conversation open, moving opens the next one (triage without going back).
      if (ui.pane === 'timeline') await openAt(ctx, useUi.getState().cursor);
      return true;
    }
    case 'first':
      ui.setCursor(0);
      return true;
    case 'last':
      ui.setCursor(Math.max(0, ctx.ids.length - 1));
      return true;
    case 'open':
      await openAt(ctx, ui.cursor);
      return true;
    case 'back':
      if (tr.dialog) tr.closeDialog();
      else if (ui.overlay !== 'none') ui.setOverlay('none');
      else if (ui.composer) ui.closeComposer(); // the draft stays saved
      else if (ui.selection.length) ui.setSelection([]);
      else ui.back();
      return true;
    case 'timeline:next':
    case 'timeline:prev': {
      const keys = tr.timelineKeys;
      if (!keys.length) return true;
      const at = tr.timelineFocus ? keys.indexOf(tr.timelineFocus) : -1;
      const next = Math.max(0, Math.min(keys.length - 1, at + (id === 'timeline:next' ? 1 : -1)));
      tr.focusTimeline(keys[next]);
      if (ui.pane !== 'timeline') ui.setPane('timeline');
      return true;
    }
    case 'timeline:toggle': {
      const focus = tr.timelineFocus;
      if (focus?.startsWith('thread:')) tr.toggleExpanded(focus.slice(7));
      return true;
    }
    case 'close':
      await triage(ctx, (threadIds) => ({ type: 'thread.status', threadIds, status: 'closed' }), 'Closed');
      return true;
    case 'reopen':
      await triage(ctx, (threadIds) => ({ type: 'thread.status', threadIds, status: 'open' }), 'Reopened');
      return true;
    case 'pending':
      // Out of the open queues until the customer writes again (ingest reopens it then).
      await triage(ctx, (threadIds) => ({ type: 'thread.status', threadIds, status: 'pending' }), 'Pending until the customer replies:');
      return true;
    case 'assign-me':
      await triage(ctx, (threadIds) => ({ type: 'thread.assign', threadIds, assignee: me() }), `Assigned to ${me()}:`);
      return true;
    case 'snooze':
    case 'assign':
    case 'tag':
    case 'priority':
      dialog(ctx, id);
      return true;
    case 'select': {
      const tid = ctx.ids[ui.cursor];
      if (!tid) return true;
      const on = ui.selection.includes(tid);
      ui.setSelection(on ? ui.selection.filter((s) => s !== tid) : [...ui.selection, tid]);
      tr.setAnchor(ui.cursor);
      return true;
    }
    case 'select-range': {
      const from = tr.anchor ?? ui.cursor;
      const [a, b] = from <= ui.cursor ? [from, ui.cursor] : [ui.cursor, from];
      const range = ctx.ids.slice(a, b + 1);
      ui.setSelection([...new Set([...ui.selection, ...range])]);
      tr.setAnchor(ui.cursor);
      return true;
    }
    case 'select-all':
      ui.setSelection(ui.selection.length === ctx.ids.length ? [] : [...ctx.ids]);
      return true;
    case 'handoff': {
      const customerId = await currentCustomer(ctx);
      if (!customerId) return notify('Open a customer first', 'error'), true;
      const [threadId] = targetThreads(ctx);
      tr.openDialog({ kind: 'handoff', threadIds: [], customerId, threadId });
      return true;
    }
    case 'handoff-edit':
    case 'handoff-ack': {
      const customerId = await currentCustomer(ctx);
      if (!customerId) return notify('Open a customer first', 'error'), true;
      const notes = await customerNotes(db(), customerId);
      // A note is pinned for the NEXT agent: its author cannot acknowledge it away.
      const note = id === 'handoff-ack' ? notes.find((n) => isPinned(n) && n.author !== me()) : notes[0];
      if (!note && id === 'handoff-ack' && notes.some(isPinned)) return notify('Your own handoff note stays pinned until a teammate acknowledges it', 'error'), true;
      if (!note) return notify(id === 'handoff-ack' ? 'No handoff note waiting to be acknowledged' : 'This customer has no handoff note', 'error'), true;
      if (id === 'handoff-edit') {
        tr.openDialog({ kind: 'handoff', threadIds: [], customerId, threadId: note.threadId, noteId: note.noteId });
        return true;
      }
      try {
        await acknowledgeNote(db(), note.noteId, { author: me() });
        notify(`Acknowledged ${note.author}'s handoff note`);
      } catch (e) {
        notify(e instanceof Error ? e.message : String(e), 'error');
      }
      return true;
    }
    case 'merge':
    case 'split': {
      const customerId = await currentCustomer(ctx);
      if (!customerId) return notify('Open a customer first', 'error'), true;
      tr.openDialog({ kind: id, threadIds: [], customerId });
      return true;
    }
    case 'undo-merge': {
      const customerId = await currentCustomer(ctx);
      if (!customerId) return notify('Open a customer first', 'error'), true;
      const last = await lastUndoable(db(), customerId);
      if (!last) return notify('Nothing to undo for this customer', 'error'), true;
      try {
        await undoMerge(db(), last.id, { author: me() });
        notify(`Undid the ${last.kind} of ${last.fromName} and ${last.intoName}`);
        // After undoing a merge the open customer is still the surviving one; after undoing a
        // split shown from the new customer, go back to the original.
        if (last.kind === 'split' && ui.openCustomerId === last.into) ui.open(ui.openThreadId ?? '', last.from);
      } catch (e) {
        notify(e instanceof Error ? e.message : String(e), 'error');
      }
      return true;
    }
    case 'reply':
    case 'reply-all':
    case 'forward': {
      const [threadId] = targetThreads(ctx);
      if (!threadId) return notify('Open a conversation to reply to', 'error'), true;
      ui.openComposer({ mode: id, threadId });
      return true;
    }
    case 'compose':
      ui.openComposer({ mode: 'new' });
      return true;
    case 'keyboard-settings':
      tr.openDialog({ kind: 'keyboard', threadIds: [] });
      return true;
  }
  return false;
}
