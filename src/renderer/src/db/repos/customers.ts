/** Customer reads for the customer view. */
import type { Customer, Identity, Interaction, Thread } from '../../../../shared/domain';
import type { SwitchboardDb } from '../schema';

export interface CustomerView {
  customer: Customer;
  identities: Identity[];
  threads: Thread[];
  interactions: Interaction[];
}

export async function loadCustomerView(db: SwitchboardDb, customerId: string): Promise<CustomerView | undefined> {
  const customer = await db.customers.get(customerId);
  if (!customer) return undefined;
  const [identities, threads, interactions] = await Promise.all([
    db.identities.where('customerId').equals(customerId).toArray(),
    db.threads.where('[customerId+lastTs]').between([customerId, -Infinity], [customerId, Infinity]).reverse().toArray(),
    db.interactions.where('[customerId+ts]').between([customerId, -Infinity], [customerId, Infinity]).toArray(),
  ]);
  return { customer, identities, threads, interactions };
}

export interface ContactStats {
  firstContact?: number;
  last30: Record<'email' | 'chat' | 'call', number>;
}

export function contactStats(interactions: Interaction[], now: number): ContactStats {
  const since = now - 30 * 86_400_000;
  const last30 = { email: 0, chat: 0, call: 0 };
  let firstContact: number | undefined;
  for (const i of interactions) {
    if (i.channel === 'note') continue;
    if (firstContact === undefined || i.ts < firstContact) firstContact = i.ts;
    if (i.ts >= since && i.direction === 'inbound') last30[i.channel]++;
  }
  return { firstContact, last30 };
}
