/** UI state of the work surface: the open dialog, the range-select anchor, timeline focus. */
import { create } from 'zustand';

export type DialogKind = 'snooze' | 'assign' | 'tag' | 'priority' | 'handoff' | 'merge' | 'split' | 'keyboard';

export interface DialogRequest {
  kind: DialogKind;
  /** Conversations a triage dialog applies to. */
  threadIds: string[];
  customerId?: string;
  threadId?: string;
  /** Handoff: the note an edit appends a version to. */
  noteId?: string;
}

interface TriageState {
  dialog?: DialogRequest;
  /** Queue index of the last single selection (x), for shift+x range selection. */
  anchor?: number;
  /** Timeline entries in display order ("thread:<id>", "note:<id>", "merge:<id>"). */
  timelineKeys: string[];
  /** The focused timeline entry. */
  timelineFocus?: string;
  expanded: Record<string, boolean>;
  openDialog(d: DialogRequest): void;
  closeDialog(): void;
  setAnchor(anchor?: number): void;
  setTimeline(keys: string[]): void;
  focusTimeline(key?: string): void;
  toggleExpanded(threadId: string, value?: boolean): void;
}

export const useTriage = create<TriageState>((set) => ({
  timelineKeys: [],
  expanded: {},
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: undefined }),
  setAnchor: (anchor) => set({ anchor }),
  setTimeline: (timelineKeys) => set({ timelineKeys }),
  focusTimeline: (timelineFocus) => set({ timelineFocus }),
  toggleExpanded: (threadId, value) => set((s) => ({ expanded: { ...s.expanded, [threadId]: value ?? !s.expanded[threadId] } })),
}));
