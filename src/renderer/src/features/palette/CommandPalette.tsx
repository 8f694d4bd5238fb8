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
        <input
          autoFocus
          className="palette-input"
          placeholder="Type a command…"
          aria-label="Command"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setIndex(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') setIndex((i) => Math.min(matches.length - 1, i + 1));
            else if (e.key === 'ArrowUp') setIndex((i) => Math.max(0, i - 1));
            else if (e.key === 'Enter') choose(index);
            else return;
            e.preventDefault();
          }}
        />
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
