/**
 * The human side of a team-log message: a subject line and a text/plain body that a person can
 * read in any mail client. The JSON part is the truth; this is only a description of it.
 */
import type { TeamAction } from '../domain';
import type { PresenceEnvelope, TeamEventEnvelope } from './event-schema';

const list = (xs: string[], max = 5) => (xs.length <= max ? xs.join(', ') : `${xs.slice(0, max).join(', ')} and ${xs.length - max} more`);
const convs = (ids: string[]) => (ids.length === 1 ? `conversation ${ids[0]}` : `${ids.length} conversations (${list(ids)})`);

export function describeAction(a: TeamAction): string {
  switch (a.type) {
    case 'thread.status':
      return a.status === 'snoozed' && a.snoozeUntil
        ? `snoozed ${convs(a.threadIds)} until ${new Date(a.snoozeUntil).toISOString()}`
        : `set ${convs(a.threadIds)} to ${a.status}`;
    case 'thread.assign':
      return a.assignee ? `assigned ${convs(a.threadIds)} to ${a.assignee}` : `unassigned ${convs(a.threadIds)}`;
    case 'thread.priority':
      return `set the priority of ${convs(a.threadIds)} to ${a.priority}`;
    case 'thread.tags':
      return `changed tags of ${convs(a.threadIds)}${a.add.length ? `: added ${list(a.add)}` : ''}${a.remove.length ? `${a.add.length ? ';' : ':'} removed ${list(a.remove)}` : ''}`;
    case 'customer.tags':
      return `changed tags of customer ${a.customerId}${a.add.length ? `: added ${list(a.add)}` : ''}${a.remove.length ? `${a.add.length ? ';' : ':'} removed ${list(a.remove)}` : ''}`;
    case 'note.write':
      return `wrote handoff note ${a.note.noteId} (version ${a.note.version}) for customer ${a.note.customerId}`;
    case 'note.ack':
      return `acknowledged handoff note ${a.noteId}`;
    case 'customer.merge':
      return `merged customer "${a.merge.fromName}" into "${a.merge.intoName}"`;
    case 'customer.split':
      return `split "${a.newCustomer.name}" off customer "${a.merge.fromName}"`;
    case 'merge.undo':
      return `undid merge ${a.mergeId}`;
    case 'call.note':
      return a.text.trim() ? `wrote a note on call ${a.interactionId}` : `removed the note on call ${a.interactionId}`;
    case 'thread.calledBack':
      return `called back the missed call of ${convs(a.threadIds)}`;
  }
}

function noteBody(a: TeamAction): string[] {
  if (a.type === 'call.note') return a.text.trim() ? ['', `Call note: ${a.text}`] : [];
  if (a.type !== 'note.write') return [];
  const n = a.note;
  return [
    '',
    `Summary: ${n.summary}`,
    ...(n.tried ? [`Tried: ${n.tried}`] : []),
    ...(n.promised ? [`Promised: ${n.promised}`] : []),
    ...(n.nextStep ? [`Next step: ${n.nextStep}`] : []),
    ...(n.forWhom ? [`For: ${n.forWhom}`] : []),
  ];
}

export function describeEvent(e: TeamEventEnvelope): { subject: string; text: string } {
  const what = describeAction(e.payload);
  const subject = `[Switchboard] ${e.author} ${what}`.slice(0, 200);
  const text = [
    `${e.author} ${what}.`,
    ...noteBody(e.payload),
    '',
    `When: ${new Date(e.ts).toISOString()} (team clock ${e.hlc})`,
    `Event: ${e.type} ${e.id}`,
    '',
    'This message is one entry of the Switchboard team log. Consoles read the attached',
    'switchboard-event.json; please do not edit or move it.',
    '',
  ].join('\r\n');
  return { subject, text };
}

export function describePresence(p: PresenceEnvelope): { subject: string; text: string } {
  const what = p.state === 'replying' ? `is replying to conversation ${p.threadId}` : `stopped replying to conversation ${p.threadId}`;
  return {
    subject: `[Switchboard presence] ${p.author} ${what}`.slice(0, 200),
    text: `${p.author} ${what}.\r\nExpires: ${new Date(p.expiresAt).toISOString()}\r\n\r\nShort-lived presence note of the Switchboard team log; consoles delete it when it expires.\r\n`,
  };
}
