/**
 * Merge (m): pick the customer that is the same person as the open one; suggestions first, then
 * search by name, email, chat address or phone. The picked customer is folded into the open one;
 * Shift+U (or the timeline entry) undoes it.
 */
import { FilterInput } from '../../components/FilterInput';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { db } from '../../db/instance';
import { findCustomers, latestInteractions } from '../../db/repos/customers';
import { useStatus } from '../../stores/status-store';
import { useUi } from '../../stores/ui-store';
import { mergeCustomers } from '../../team/identity-ops';
import type { DialogRequest } from '../triage/triage-store';
import { defaultRegion, loadDismissed, suggestMerges } from './suggestions';
import { customerIdentities, getCustomer } from '../../db/repos/rows';

export function MergeDialog({ req, onClose }: { req: DialogRequest; onClose(): void }) {
  const me = useStatus((s) => s.agentName);
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const [error, setError] = useState<string>();
  const customerId = req.customerId!;
  const base = useLiveQuery(async () => {
    const customer = await getCustomer(db(), customerId);
    if (!customer) return undefined;
    const identities = await customerIdentities(db(), customerId);
    const recent = await latestInteractions(db(), customerId, 200);
    const suggestions = await suggestMerges(db(), customer, identities, recent, { defaultRegion: defaultRegion(), dismissed: loadDismissed() });
    return { customer, suggestions };
  }, [customerId]);
  const found = useLiveQuery(() => findCustomers(db(), query), [query]) ?? [];
  const suggestions = base?.suggestions ?? [];
  const options = [
    ...(query ? [] : suggestions.map((s) => ({ customer: s.customer, reason: s.reason }))),
    ...found.filter((c) => c.id !== customerId).map((c) => ({ customer: c, reason: suggestions.find((s) => s.customer.id === c.id)?.reason })),
  ];

  const choose = async (i: number) => {
    const o = options[i];
    if (!o || !base) return;
    try {
      await mergeCustomers(db(), o.customer.id, customerId, { author: me }, o.reason);
      useUi.getState().notify(`Merged ${o.customer.name} into ${base.customer.name}. Shift+U undoes it.`);
      onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label="Merge customers" onClick={onClose}>
      <div className="dialog picker" onClick={(e) => e.stopPropagation()}>
        <header>
          Merge into {base?.customer.name ?? '…'}
          <span className="spacer" />
          <kbd>Esc</kbd>
        </header>
        <FilterInput
          label="Find customer"
          placeholder="Search a customer by name, email, chat address or phone…"
          query={query}
          onQuery={(q) => {
            setQuery(q);
            setError(undefined);
          }}
          count={options.length}
          index={index}
          setIndex={setIndex}
          onChoose={(i) => void choose(i)}
        />
        <ul className="palette-list" role="listbox" aria-label="Customers">
          {!query && suggestions.length > 0 && <li className="list-title">Suggested: same person?</li>}
          {options.map((o, i) => (
            <li key={o.customer.id} role="option" aria-selected={i === index} data-customer={o.customer.id} onClick={() => void choose(i)}>
              <span>
                <b dir="auto">{o.customer.name}</b>
                {o.reason ? <span className="sub"> · {o.reason}</span> : null}
              </span>
            </li>
          ))}
          {options.length === 0 && (
            <li className="sub" data-empty={base ? 'true' : 'loading'}>
              {query ? 'No customer matches' : base ? 'No suggestion: search for the customer to merge' : 'Looking for the same person…'}
            </li>
          )}
        </ul>
        {error && (
          <div className="form-error" role="alert">
            {error}
          </div>
        )}
        <div className="picker-foot sub">The chosen customer's identities and conversations move here. Nothing is merged without you; Shift+U undoes.</div>
      </div>
    </div>
  );
}
