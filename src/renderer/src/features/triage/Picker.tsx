/**
 * A keyboard picker: type to filter, ↑/↓ to move, Enter to choose, digits 1–9 choose directly
 * while the filter is empty, Esc to cancel. Used for snooze, assign, tag and priority.
 */
import { FilterInput } from '../../components/FilterInput';
import { useMemo, useState, type ReactNode } from 'react';

export interface PickerOption {
  id: string;
  label: string;
  hint?: string;
  /** Shown as checked (e.g. a tag every selected conversation already has). */
  checked?: boolean;
}

export function Picker(props: {
  title: string;
  subtitle?: string;
  options: PickerOption[];
  placeholder?: string;
  /** Extra options computed from what was typed (e.g. "Create tag x", "Snooze until ..."). */
  fromQuery?(query: string): PickerOption[];
  onChoose(option: PickerOption): void;
  onClose(): void;
  footer?: ReactNode;
}) {
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    const base = props.options.filter((o) => !q || o.label.toLowerCase().includes(q) || o.id.toLowerCase().includes(q));
    return [...(q && props.fromQuery ? props.fromQuery(query.trim()) : []), ...base];
  }, [query, props]);
  const choose = (i: number) => {
    const o = matches[i];
    if (o) props.onChoose(o);
  };
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label={props.title} onClick={props.onClose}>
      <div className="dialog picker" onClick={(e) => e.stopPropagation()}>
        <header>
          {props.title}
          {props.subtitle ? <span className="sub">&nbsp;· {props.subtitle}</span> : null}
          <span className="spacer" />
          <kbd>Esc</kbd>
        </header>
        <FilterInput
          label={props.title}
          placeholder={props.placeholder ?? 'Type to filter…'}
          query={query}
          onQuery={setQuery}
          count={matches.length}
          index={index}
          setIndex={setIndex}
          onChoose={choose}
          // 1-9 pick directly while nothing is typed.
          onKey={(e) => {
            if (query || !/^[1-9]$/.test(e.key) || e.ctrlKey || e.metaKey || e.altKey) return false;
            choose(Number(e.key) - 1);
            return true;
          }}
        />
        <ul className="palette-list" role="listbox" aria-label={`${props.title} options`}>
          {matches.map((o, i) => (
            <li key={`${o.id}:${i}`} role="option" aria-selected={i === index} aria-checked={o.checked} data-option={o.id} onClick={() => choose(i)}>
              <span>
                {!query && i < 9 ? <kbd className="num">{i + 1}</kbd> : null}
                {o.checked !== undefined ? <span className="tick">{o.checked ? '✓' : ''}</span> : null}
                {o.label}
              </span>
              {o.hint ? <span className="sub">{o.hint}</span> : null}
            </li>
          ))}
          {matches.length === 0 && <li className="sub">No match</li>}
        </ul>
        {props.footer ? <div className="picker-foot">{props.footer}</div> : null}
      </div>
    </div>
  );
}
