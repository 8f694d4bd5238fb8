import type { Dispatch, KeyboardEvent, SetStateAction } from 'react';

/**
 * The filter box of a pick-one list (command palette, pickers, merge search): typing filters and
 * moves the choice back to the first match; Up/Down move it, Enter takes it. `onKey` may handle
 * other keys (return true when it did).
 */
export function FilterInput(props: {
  label: string;
  placeholder: string;
  query: string;
  onQuery(query: string): void;
  count: number;
  index: number;
  setIndex: Dispatch<SetStateAction<number>>;
  onChoose(index: number): void;
  onKey?(e: KeyboardEvent<HTMLInputElement>): boolean;
}) {
  const { count, index, setIndex } = props;
  return (
    <input
      autoFocus
      className="palette-input"
      placeholder={props.placeholder}
      aria-label={props.label}
      value={props.query}
      onChange={(e) => {
        props.onQuery(e.target.value);
        setIndex(0);
      }}
      onKeyDown={(e) => {
        if (e.key === 'ArrowDown') setIndex((i) => Math.min(count - 1, i + 1));
        else if (e.key === 'ArrowUp') setIndex((i) => Math.max(0, i - 1));
        else if (e.key === 'Enter') props.onChoose(index);
        else if (!props.onKey?.(e)) return;
        e.preventDefault();
      }}
    />
  );
}
