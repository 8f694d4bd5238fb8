import { FilterInput } from '../../components/FilterInput';
import { useMemo, useState } from 'react';
import { ACTIONS, type Bindings } from '../../keyboard/actions';
import { describeBinding } from '../../keyboard/chord';

export function CommandPalette({ bindings, onRun, onClose }: { bindings: Bindings; onRun(id: string): void; onClose(): void }) {
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    return ACTIONS.filter((a) => a.id !== 'palette' && (!q || a.label.toLowerCase().includes(q) || a.group.toLowerCase().includes(q)));
  }, [query]);
  const choose = (i: number) => {
    const a = matches[i];
    if (!a) return;
    onClose();
    onRun(a.id);
  };
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label="Command palette" onClick={onClose}>
      <div className="dialog" onClick={(e) => e.stopPropagation()}>
        <FilterInput label="Command" placeholder="Type a command…" query={query} onQuery={setQuery} count={matches.length} index={index} setIndex={setIndex} onChoose={choose} />
        <ul className="palette-list" role="listbox">
          {matches.map((a, i) => (
            <li key={a.id} role="option" aria-selected={i === index} data-action={a.id} onClick={() => choose(i)}>
              <span>{a.label}</span>
              <span>{(bindings[a.id] ?? []).slice(0, 1).map((k) => <kbd key={k}>{describeBinding(k)}</kbd>)}</span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
