import { FilterInput } from '../../components/FilterInput';
import { useMemo, useState } from 'react';
import { ACTIONS, type Bindings } from '../../keyboard/actions';
import { describeBinding } from '../../keyboard/chord';

export function CommandPalette({ bindings, onRun, onClose }: { bindings: Bindings; onRun(id: string): void; onClose(): void }) {
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    // Every action, the palette itself included, so the list is the whole keyboard map.
    return ACTIONS.filter((a) => !q || a.label.toLowerCase().includes(q) || a.group.toLowerCase().includes(q));
  }, [query]);
  const choose = (i: number) => {
    const a = matches[i];
    if (!a) return;
    onClose();
    if (a.id !== 'palette') onRun(a.id);
  };
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label="Command palette" onClick={onClose}>
      <div className="dialog" onClick={(e) => e.stopPropagation()}>
        <FilterInput label="Command" placeholder="Type a command…" query={query} onQuery={setQuery} count={matches.length} index={index} setIndex={setIndex} onChoose={choose} />
        <ul className="palette-list" role="listbox">
          {matches.map((a, i) => (
            <li key={a.id} role="option" aria-selected={i === index} data-action={a.id} onClick={() => choose(i)}>
              <span>{a.label}</span>
              <span className="palette-keys">{(bindings[a.id] ?? []).map((k) => <kbd key={k}>{describeBinding(k)}</kbd>)}</span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
