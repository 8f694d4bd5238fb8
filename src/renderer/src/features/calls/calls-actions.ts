/** Keyboard actions of the call UI (called from the App's action switch). */
import { db } from '../../db/instance';
import { markCalledBack } from '../../db/repos/calls';
import { useStatus } from '../../stores/status-store';
import { useUi } from '../../stores/ui-store';

export const CallsActions = {
  async calledBack(threadId: string | undefined): Promise<void> {
    const notify = useUi.getState().notify;
    if (!threadId) return notify('Open a missed call first.', 'error');
    const done = await markCalledBack(db(), threadId, useStatus.getState().agentName);
    notify(done ? 'Marked as called back.' : 'This conversation has no missed call waiting.', done ? 'info' : 'error');
  },
};
