/** Renders the open work dialog (triage pickers, handoff note, merge, split, keyboard settings). */
import { HandoffDialog } from '../handoff/HandoffDialog';
import { MergeDialog } from '../identity/MergeDialog';
import { SplitDialog } from '../identity/SplitDialog';
import { KeyboardSettings } from '../palette/KeyboardSettings';
import { AssignDialog, PriorityDialog, SnoozeDialog, TagDialog } from './TriageDialogs';
import { useTriage } from './triage-store';

export function DialogHost() {
  const req = useTriage((s) => s.dialog);
  const close = useTriage((s) => s.closeDialog);
  if (!req) return null;
  switch (req.kind) {
    case 'snooze':
      return <SnoozeDialog req={req} onClose={close} />;
    case 'assign':
      return <AssignDialog req={req} onClose={close} />;
    case 'tag':
      return <TagDialog req={req} onClose={close} />;
    case 'priority':
      return <PriorityDialog req={req} onClose={close} />;
    case 'handoff':
      return <HandoffDialog req={req} onClose={close} />;
    case 'merge':
      return <MergeDialog req={req} onClose={close} />;
    case 'split':
      return <SplitDialog req={req} onClose={close} />;
    case 'keyboard':
      return <KeyboardSettings onClose={close} />;
  }
}
