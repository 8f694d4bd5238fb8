/**
 * Keyboard settings: every action with its keys. ↑/↓ choose, Enter records a new key (the next
 * key pressed, with modifiers, or two keys in a row for a sequence like "g i"; keys are read by
 * physical position on non-Latin layouts), Backspace restores the default, Shift+Backspace all
 * defaults. A key taken from another action is reported; a key that would clash with a sequence
 * ("g" alone while "g i" exists) is refused.
 */
import { useEffect, useRef, useState } from 'react';
import { ACTIONS } from '../../keyboard/actions';
import { prefixClash, useBindings } from '../../keyboard/bindings-store';
import { describeBinding, eventToChord } from '../../keyboard/chord';

export function KeyboardSettings({ onClose }: { onClose(): void }) {
  const { bindings, overrides, rebind, reset, resetAll } = useBindings();
  const [index, setIndex] = useState(0);
  const [recording, setRecording] = useState<string>();
  const [message, setMessage] = useState<string>();

  // The first key of a recording, waiting a moment for a second one (a sequence).
  const first = useRef<{ chord: string; timer: number } | undefined>(undefined);

  useEffect(() => {
    const labelOf = (id: string) => ACTIONS.find((a) => a.id === id)?.label;
    const commit = (actionId: string, key: string) => {
      first.current = undefined;
      setRecording(undefined);
      const clash = prefixClash(useBindings.getState().bindings, key, actionId);
      if (clash) {
        setMessage(`${describeBinding(key)} was not bound: it clashes with ${describeBinding(clash.key)} ("${labelOf(clash.action)}"). Choose another key, or change that one first.`);
        return;
      }
      const from = rebind(actionId, key);
      setMessage(from ? `${describeBinding(key)} now does "${labelOf(actionId)}" (taken from "${labelOf(from)}").` : `${describeBinding(key)} now does "${labelOf(actionId)}".`);
    };
    const handler = (e: KeyboardEvent) => {
      if (['Shift', 'Control', 'Meta', 'Alt'].includes(e.key) || e.isComposing) return;
      e.preventDefault();
      e.stopPropagation();
      if (recording) {
        if (e.key === 'Escape') {
          window.clearTimeout(first.current?.timer);
          first.current = undefined;
          setRecording(undefined);
          setMessage('Unchanged.');
          return;
        }
        const chord = eventToChord(e);
        const pending = first.current;
        if (pending) {
          window.clearTimeout(pending.timer);
          commit(recording, `${pending.chord} ${chord}`);
          return;
        }
        const id = recording;
        first.current = { chord, timer: window.setTimeout(() => commit(id, chord), 900) };
        setMessage(`${describeBinding(chord)}… (press a second key now for a sequence)`);
        return;
      }
      const action = ACTIONS[index];
      if (e.key === 'Backspace' && e.shiftKey) {
        resetAll();
        setMessage('All keys are back to their defaults.');
      } else if (e.key === 'Escape') onClose();
      else if (e.key === 'ArrowDown' || e.key === 'j') setIndex((i) => Math.min(ACTIONS.length - 1, i + 1));
      else if (e.key === 'ArrowUp' || e.key === 'k') setIndex((i) => Math.max(0, i - 1));
      else if (e.key === 'Home') setIndex(0);
      else if (e.key === 'End') setIndex(ACTIONS.length - 1);
      else if (e.key === 'Enter' && action) {
        setRecording(action.id);
        setMessage(`Press the new key for "${action.label}" (Esc cancels).`);
      } else if ((e.key === 'Backspace' || e.key === 'Delete') && action) {
        reset(action.id);
        setMessage(`"${action.label}" is back to its default keys.`);
      }
    };
    // Capture phase: while this panel is open it owns the keyboard.
    window.addEventListener('keydown', handler, true);
    return () => window.removeEventListener('keydown', handler, true);
  }, [index, recording, rebind, reset, resetAll, onClose]);

  useEffect(() => () => window.clearTimeout(first.current?.timer), []);

  useEffect(() => {
    document.querySelector(`[data-binding-row="${ACTIONS[index]?.id}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [index]);

  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label="Keyboard settings" onClick={onClose}>
      <div className="dialog keyboard-settings" onClick={(e) => e.stopPropagation()}>
        <header>
          Keyboard
          <span className="spacer" />
          <button type="button" className="wbtn small ghost" onClick={() => (resetAll(), setMessage('All keys are back to their defaults.'))}>
            Reset all
          </button>
          <kbd>Esc</kbd>
        </header>
        <p className="sub settings-help">
          <kbd>↑</kbd>/<kbd>↓</kbd> choose · <kbd>Enter</kbd> record a new key (two keys in a row make a sequence) · <kbd>Backspace</kbd> default · <kbd>Shift</kbd>+<kbd>Backspace</kbd> all defaults. Shortcuts follow key positions, so they work on any keyboard layout.
        </p>
        <div className="settings-msg" role="status" aria-live="polite">
          {message}
        </div>
        <ul className="binding-list" role="listbox" aria-label="Actions">
          {ACTIONS.map((a, i) => (
            <li
              key={a.id}
              role="option"
              aria-selected={i === index}
              data-binding-row={a.id}
              data-recording={recording === a.id}
              onClick={() => {
                setIndex(i);
                setRecording(a.id);
                setMessage(`Press the new key for "${a.label}" (Esc cancels).`);
              }}
            >
              <span>
                {a.label}
                <span className="sub"> · {a.group}</span>
              </span>
              <span className="binding-keys" data-keys={(bindings[a.id] ?? []).join(',')}>
                {recording === a.id ? (
                  <span className="recording">press a key…</span>
                ) : (bindings[a.id] ?? []).length ? (
                  (bindings[a.id] ?? []).map((k) => <kbd key={k}>{describeBinding(k)}</kbd>)
                ) : (
                  <span className="sub">no key</span>
                )}
                {overrides[a.id] ? <span className="sub"> (changed)</span> : null}
              </span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
