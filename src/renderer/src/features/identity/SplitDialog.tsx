/**
 * Split (shift+m): choose identities (Space toggles, ↑/↓ moves) that belong to someone else; they
 * and their conversations move to a new customer. Enter splits, Esc cancels; Shift+U undoes.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { db } from '../../db/instance';
import { useStatus } from '../../stores/status-store';
import { useUi } from '../../stores/ui-store';
import { splitCustomer } from '../../team/identity-ops';
import type { DialogRequest } from '../triage/triage-store';
import { customerIdentities, getCustomer } from '../../db/repos/rows';

const KIND_LABEL = { email: 'Email', phone: 'Phone', jid: 'Chat', name: 'Name' } as const;

export function SplitDialog({ req, onClose }: { req: DialogRequest; onClose(): void }) {
  const me = useStatus((s) => s.agentName);
  const customerId = req.customerId!;
  const data = useLiveQuery(
    async () => ({ customer: await getCustomer(db(), customerId), identities: await customerIdentities(db(), customerId) }),
    [customerId],
  );
  const [picked, setPicked] = useState<string[]>([]);
  const [index, setIndex] = useState(0);
  const [name, setName] = useState('');
  const [error, setError] = useState<string>();
  const identities = data?.identities ?? [];

  const toggle = (key: string) => setPicked((p) => (p.includes(key) ? p.filter((k) => k !== key) : [...p, key]));
  const split = async () => {
    try {
      const { customer } = await splitCustomer(db(), customerId, picked, { author: me }, name);
      useUi.getState().notify(`Split ${customer.name} off ${data?.customer?.name ?? ''}. Shift+U undoes it.`);
      onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label="Split customer" onClick={onClose}>
      <div
        className="dialog picker"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if ((e.target as HTMLElement).tagName === 'INPUT' && e.key !== 'Enter') return;
          if (e.key === 'ArrowDown' || e.key === 'j') setIndex((i) => Math.min(identities.length - 1, i + 1));
          else if (e.key === 'ArrowUp' || e.key === 'k') setIndex((i) => Math.max(0, i - 1));
          else if (e.key === ' ' || e.key === 'x') {
            const current = identities[index];
            if (current) toggle(current.key);
          }
          else if (e.key === 'Enter') void split();
          else return;
          e.preventDefault();
          e.stopPropagation();
        }}
      >
        <header>
          Split identities off {data?.customer?.name ?? '…'}
          <span className="spacer" />
          <kbd>Esc</kbd>
        </header>
        <ul className="palette-list" role="listbox" aria-label="Identities" aria-multiselectable="true" tabIndex={0} autoFocus ref={(el) => el?.focus()}>
          {identities.map((i, n) => (
            <li key={i.key} role="option" aria-selected={n === index} aria-checked={picked.includes(i.key)} data-identity={i.key} onClick={() => (setIndex(n), toggle(i.key))}>
              <span>
                <span className="tick">{picked.includes(i.key) ? '✓' : ''}</span>
                <span className="chip">{KIND_LABEL[i.kind]}</span> <span dir="auto">{i.value}</span>
              </span>
              {i.label ? <span className="sub">{i.label}</span> : null}
            </li>
          ))}
        </ul>
        <label className="field inline">
          <span>New customer name</span>
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Optional: taken from the identity" />
        </label>
        {error && (
          <div className="form-error" role="alert">
            {error}
          </div>
        )}
        <div className="picker-foot sub">
          <kbd>Space</kbd> choose · <kbd>Enter</kbd> split {picked.length ? `${picked.length} identit${picked.length === 1 ? 'y' : 'ies'}` : ''} · conversations with only those identities move with them
        </div>
      </div>
    </div>
  );
}
