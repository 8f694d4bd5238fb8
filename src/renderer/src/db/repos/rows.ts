/**
 * Single-row and small reads the views need (a customer, a thread, a call note, a draft, counts),
 * so feature code never touches a table itself: every access path to the database is in
 * `db/repos/` (an eslint rule keeps it that way for `features/`).
 */
import type { Customer, Identity, Thread } from '../../../../shared/domain';
import type { CallNote, Draft } from '../agent-tables';
import type { ProblemRow, SwitchboardDb } from '../schema';

export const getCustomer = (db: SwitchboardDb, id: string): Promise<Customer | undefined> => db.customers.get(id);
export const getThread = (db: SwitchboardDb, id: string): Promise<Thread | undefined> => db.threads.get(id);
export const customerIdentities = (db: SwitchboardDb, customerId: string): Promise<Identity[]> => db.identities.where('customerId').equals(customerId).toArray();
export const getCallNote = (db: SwitchboardDb, interactionId: string): Promise<CallNote | undefined> => db.callNotes.get(interactionId);
export const getDraft = (db: SwitchboardDb, id: string): Promise<Draft | undefined> => db.drafts.get(id);
export const saveDraft = (db: SwitchboardDb, draft: Draft): Promise<string> => db.drafts.put(draft);
export const deleteDraft = (db: SwitchboardDb, id: string): Promise<void> => db.drafts.delete(id);
/** Outbox items still to go (queued, sending, failed): the status bar's count. */
export const pendingOutboxCount = (db: SwitchboardDb): Promise<number> => db.outbox.where('status').anyOf('queued', 'sending', 'failed').count();
export const problemCount = (db: SwitchboardDb): Promise<number> => db.problems.count();
/** The import log, newest first. */
export const latestProblems = (db: SwitchboardDb, limit = 500): Promise<ProblemRow[]> => db.problems.orderBy('seq').reverse().limit(limit).toArray();
