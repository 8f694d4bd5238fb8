/** Snooze, assign, tag and priority pickers; each applies through team-actions to the target conversations. */
import { useLiveQuery } from 'dexie-react-hooks';
import type { Priority } from '../../../../shared/domain';
import { db } from '../../db/instance';
import { knownTags, knownTeammates } from '../../db/repos/customers';
import { threadsByIds } from '../../db/repos/queues';
import { formatDateTime } from '../../lib/format';
import { useStatus } from '../../stores/status-store';
import { useUi } from '../../stores/ui-store';
import { Picker, type PickerOption } from './Picker';
import { commit, setPriority } from './run-work-action';
import { parseSnooze, snoozeChoices } from './snooze';
import type { DialogRequest } from './triage-store';

const plural = (n: number) => `${n} conversation${n === 1 ? '' : 's'}`;

async function done(ok: Promise<boolean>, close: () => void) {
  if (await ok) {
    close();
    if (useUi.getState().selection.length) useUi.getState().setSelection([]);
  }
}

export function SnoozeDialog({ req, onClose }: { req: DialogRequest; onClose(): void }) {
  const now = Date.now();
  const options: PickerOption[] = snoozeChoices(now).map((c) => ({ id: String(c.until), label: c.label, hint: formatDateTime(c.until) }));
  return (
    <Picker
      title="Snooze until"
      subtitle={plural(req.threadIds.length)}
      placeholder="Pick, or type 2h, 45m, 3d, 14:30, tomorrow 9:00…"
      options={options}
      fromQuery={(q) => {
        const until = parseSnooze(q, Date.now());
        return until ? [{ id: String(until), label: `Until ${formatDateTime(until)}`, hint: q }] : [];
      }}
      onChoose={(o) =>
        void done(
          commit({ type: 'thread.status', threadIds: req.threadIds, status: 'snoozed', snoozeUntil: Number(o.id) }, `Snoozed ${plural(req.threadIds.length)} until ${formatDateTime(Number(o.id))}`),
          onClose,
        )
      }
      onClose={onClose}
    />
  );
}

export function AssignDialog({ req, onClose }: { req: DialogRequest; onClose(): void }) {
  const me = useStatus((s) => s.agentName);
  const team = useLiveQuery(() => knownTeammates(db(), me), [me]) ?? [me];
  const options: PickerOption[] = [
    ...team.map((name) => ({ id: `@${name}`, label: name === me ? `${name} (me)` : name })),
    { id: '-', label: 'Unassign', hint: 'back to Unassigned' },
  ];
  return (
    <Picker
      title="Assign to"
      subtitle={plural(req.threadIds.length)}
      placeholder="Teammate name…"
      options={options}
      fromQuery={(q) => (team.some((t) => t.toLowerCase() === q.replace(/^@/, '').toLowerCase()) ? [] : [{ id: `@${q.replace(/^@/, '')}`, label: `Assign to ${q.replace(/^@/, '')}`, hint: 'new teammate' }])}
      onChoose={(o) => {
        const assignee = o.id === '-' ? null : o.id.slice(1);
        void done(commit({ type: 'thread.assign', threadIds: req.threadIds, assignee }, assignee ? `Assigned ${plural(req.threadIds.length)} to ${assignee}` : `Unassigned ${plural(req.threadIds.length)}`), onClose);
      }}
      onClose={onClose}
    />
  );
}

export function TagDialog({ req, onClose }: { req: DialogRequest; onClose(): void }) {
  const data = useLiveQuery(async () => ({ tags: await knownTags(db()), rows: await threadsByIds(db(), req.threadIds) }), [req.threadIds]);
  const tags = data?.tags ?? [];
  const rows = data?.rows ?? [];
  const everyHas = (tag: string) => rows.length > 0 && rows.every((r) => r.tags.some((t) => t.toLowerCase() === tag.toLowerCase()));
  const options: PickerOption[] = tags.map((t) => ({ id: t, label: `#${t}`, checked: everyHas(t) }));
  return (
    <Picker
      title="Tag"
      subtitle={`${plural(req.threadIds.length)} · Enter toggles`}
      placeholder="Tag name…"
      options={options}
      fromQuery={(q) => {
        const name = q.replace(/^#/, '').trim();
        return name && !tags.some((t) => t.toLowerCase() === name.toLowerCase()) ? [{ id: name, label: `Create #${name}`, checked: false }] : [];
      }}
      onChoose={(o) => {
        const remove = o.checked === true;
        void done(
          commit(
            { type: 'thread.tags', threadIds: req.threadIds, add: remove ? [] : [o.id], remove: remove ? [o.id] : [] },
            `${remove ? 'Removed' : 'Added'} #${o.id} ${remove ? 'from' : 'on'} ${plural(req.threadIds.length)}`,
          ),
          onClose,
        );
      }}
      onClose={onClose}
    />
  );
}

const PRIORITIES: { id: Priority; label: string; hint: string }[] = [
  { id: 'urgent', label: 'Urgent', hint: 'customer blocked, act now' },
  { id: 'high', label: 'High', hint: 'today' },
  { id: 'normal', label: 'Normal', hint: 'default' },
  { id: 'low', label: 'Low', hint: 'when there is time' },
];

export function PriorityDialog({ req, onClose }: { req: DialogRequest; onClose(): void }) {
  return (
    <Picker
      title="Priority"
      subtitle={plural(req.threadIds.length)}
      options={PRIORITIES}
      onChoose={(o) => void done(setPriority(req.threadIds, o.id as Priority), onClose)}
      onClose={onClose}
    />
  );
}
