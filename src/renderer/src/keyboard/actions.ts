/**
 * Every action the agent can take, with its default keys. The command palette and the cheat
 * sheet are generated from this list, so a key cannot exist without being documented.
 */
export interface ActionDef {
  id: string;
  label: string;
  group: 'Navigate' | 'Queues' | 'Triage' | 'Customer' | 'Conversation' | 'Compose' | 'App';
  /** Default bindings: a chord ("shift+e") or a sequence ("g i"). */
  keys: string[];
  /** Whether the action may fire while focus is in a text field. */
  inInputs?: boolean;
}

export const ACTIONS: ActionDef[] = [
  { id: 'next', label: 'Next conversation', group: 'Navigate', keys: ['j', 'ArrowDown'] },
  { id: 'prev', label: 'Previous conversation', group: 'Navigate', keys: ['k', 'ArrowUp'] },
  { id: 'open', label: 'Open conversation', group: 'Navigate', keys: ['Enter', 'o'] },
  { id: 'back', label: 'Back / close', group: 'Navigate', keys: ['Escape'], inInputs: true },
  { id: 'first', label: 'First in queue', group: 'Navigate', keys: ['Home'] },
  { id: 'last', label: 'Last in queue', group: 'Navigate', keys: ['End'] },
  { id: 'timeline:next', label: 'Next item on the timeline', group: 'Navigate', keys: [']'] },
  { id: 'timeline:prev', label: 'Previous item on the timeline', group: 'Navigate', keys: ['['] },
  { id: 'timeline:toggle', label: 'Expand / collapse timeline item', group: 'Navigate', keys: ['space'] },
  { id: 'queue:open', label: 'Go to All open', group: 'Queues', keys: ['g i'] },
  { id: 'queue:mine', label: 'Go to My open', group: 'Queues', keys: ['g m'] },
  { id: 'queue:unassigned', label: 'Go to Unassigned', group: 'Queues', keys: ['g u'] },
  { id: 'queue:snoozed', label: 'Go to Snoozed', group: 'Queues', keys: ['g s'] },
  { id: 'queue:missed', label: 'Go to Missed calls', group: 'Queues', keys: ['g c'] },
  { id: 'queue:closed', label: 'Go to Closed recently', group: 'Queues', keys: ['g x'] },
  { id: 'close', label: 'Close conversation', group: 'Triage', keys: ['e'] },
  { id: 'reopen', label: 'Reopen conversation', group: 'Triage', keys: ['shift+e'] },
  { id: 'pending', label: 'Mark pending (waiting on the customer)', group: 'Triage', keys: ['w'] },
  { id: 'snooze', label: 'Snooze…', group: 'Triage', keys: ['s'] },
  { id: 'assign', label: 'Assign…', group: 'Triage', keys: ['a'] },
  { id: 'assign-me', label: 'Assign to me', group: 'Triage', keys: ['shift+a'] },
  { id: 'tag', label: 'Tag…', group: 'Triage', keys: ['t'] },
  { id: 'priority', label: 'Set priority…', group: 'Triage', keys: ['p'] },
  { id: 'select', label: 'Select / unselect conversation', group: 'Triage', keys: ['x'] },
  { id: 'select-range', label: 'Select range to here', group: 'Triage', keys: ['shift+x'] },
  { id: 'select-all', label: 'Select all in queue', group: 'Triage', keys: ['mod+a'] },
  { id: 'handoff', label: 'Write handoff note', group: 'Customer', keys: ['h'] },
  { id: 'handoff-ack', label: 'Acknowledge handoff note', group: 'Customer', keys: ['shift+h'] },
  { id: 'handoff-edit', label: 'Edit last handoff note', group: 'Customer', keys: ['alt+h'] },
  { id: 'merge', label: 'Merge with another customer…', group: 'Customer', keys: ['m'] },
  { id: 'split', label: 'Split identities off…', group: 'Customer', keys: ['shift+m'] },
  { id: 'undo-merge', label: 'Undo last merge or split', group: 'Customer', keys: ['shift+u'] },
  { id: 'reply', label: 'Reply', group: 'Compose', keys: ['r'] },
  { id: 'reply-all', label: 'Reply all', group: 'Compose', keys: ['shift+r'] },
  { id: 'forward', label: 'Forward', group: 'Compose', keys: ['f'] },
  { id: 'compose', label: 'New message', group: 'Compose', keys: ['c'] },
  { id: 'outbox', label: 'Outbox (queued, failed and sent messages)', group: 'Compose', keys: ['g o'] },
  { id: 'log-call', label: 'Log a call by hand', group: 'Conversation', keys: ['l'] },
  { id: 'called-back', label: 'Mark missed call as called back', group: 'Conversation', keys: ['b'] },
  { id: 'search', label: 'Search everything (messages, calls, notes, customers)', group: 'App', keys: ['/'] },
  { id: 'palette', label: 'Command palette', group: 'App', keys: ['mod+k'], inInputs: true },
  { id: 'cheatsheet', label: 'Keyboard shortcuts', group: 'App', keys: ['?'] },
  { id: 'settings', label: 'Settings: accounts, import log', group: 'App', keys: ['g ,', 'mod+,'], inInputs: true },
  { id: 'keyboard-settings', label: 'Keyboard settings (rebind keys)', group: 'App', keys: ['g k'] },
];

export type Bindings = Record<string, string[]>;

export function defaultBindings(actions: ActionDef[] = ACTIONS): Bindings {
  return Object.fromEntries(actions.map((a) => [a.id, a.keys]));
}

/** Map a typed sequence to an action id; 'prefix' when it could still become one. */
export function resolveSequence(seq: string[], bindings: Bindings): string | 'prefix' | undefined {
  const typed = seq.join(' ');
  let prefix = false;
  for (const [id, keys] of Object.entries(bindings)) {
    for (const k of keys) {
      if (k === typed) return id;
      if (k.startsWith(`${typed} `)) prefix = true;
    }
  }
  return prefix ? 'prefix' : undefined;
}
