/** The customer timeline as one list (pure): conversations, handoff notes, merges and splits, newest first. */
import type { HandoffNote, MergeRecord, Thread } from '../../../../shared/domain';
import type { CustomerView } from '../../db/repos/customers';
import { isPinned } from '../../db/repos/notes';

export type TimelineEntry =
  | { key: string; kind: 'thread'; ts: number; thread: Thread }
  | { key: string; kind: 'note'; ts: number; note: HandoffNote }
  | { key: string; kind: 'merge'; ts: number; merge: MergeRecord; undo: boolean };

export function buildTimeline(view: Pick<CustomerView, 'threads' | 'notes' | 'merges'>): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  for (const thread of view.threads) out.push({ key: `thread:${thread.id}`, kind: 'thread', ts: thread.lastTs, thread });
  // Pinned notes sit above the timeline until acknowledged; then they take their place in it.
  for (const note of view.notes) if (!isPinned(note)) out.push({ key: `note:${note.noteId}`, kind: 'note', ts: note.createdAt, note });
  for (const merge of view.merges) {
    out.push({ key: `merge:${merge.id}`, kind: 'merge', ts: merge.ts, merge, undo: false });
    if (merge.undoneAt) out.push({ key: `unmerge:${merge.id}`, kind: 'merge', ts: merge.undoneAt, merge, undo: true });
  }
  return out.sort((a, b) => b.ts - a.ts || a.key.localeCompare(b.key));
}

/** Team members who handled a thread (outbound authors), most recent first. */
export function handlers(items: { direction: string; channel: string; agent?: string }[]): string[] {
  const out: string[] = [];
  for (let i = items.length - 1; i >= 0; i--) {
    const it = items[i]!;
    // Outbound messages name their author; a call names the agent who took or made it.
    if (it.agent && (it.direction !== 'inbound' || it.channel === 'call') && !out.includes(it.agent)) out.push(it.agent);
  }
  return out;
}
