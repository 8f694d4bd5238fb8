/** One global key handler: chords and sequences resolved through the bindings to action ids. */
import { useEffect, useRef } from 'react';
import { ACTIONS, resolveSequence, type Bindings } from './actions';
import { eventToChord } from './chord';

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT';
}

/**
 * Enter and Space on a focused button, link or disclosure are the element's own activation (the
 * keyboard's click): they must reach it, not run the app's Enter/Space actions.
 */
function isActivation(target: EventTarget | null, chord: string): boolean {
  if (chord !== 'Enter' && chord !== 'space') return false;
  const el = target as HTMLElement | null;
  if (!el || typeof el.closest !== 'function') return false;
  return !!el.closest('button, a[href], summary, [role="button"], [role="link"], [role="menuitem"], [role="checkbox"], [role="switch"]');
}

export function useKeyboard(bindings: Bindings, run: (actionId: string) => void, onPrefix?: (prefix?: string) => void) {
  const seq = useRef<string[]>([]);
  const timer = useRef<number | undefined>(undefined);
  const latest = useRef({ bindings, run, onPrefix });
  latest.current = { bindings, run, onPrefix };

  useEffect(() => {
    const inInputs = new Set(ACTIONS.filter((a) => a.inInputs).map((a) => a.id));
    const handler = (e: KeyboardEvent) => {
      if (e.isComposing || ['Shift', 'Control', 'Meta', 'Alt'].includes(e.key)) return;
      const chord = eventToChord(e);
      if (isActivation(e.target, chord) && !seq.current.length) return;
      const typing = isTyping(e.target);
      const next = [...seq.current, chord];
      const { bindings: b, run: exec, onPrefix: prefixCb } = latest.current;
      let hit = resolveSequence(next, b);
      if (hit === undefined && seq.current.length) hit = resolveSequence([chord], b);
      window.clearTimeout(timer.current);
      if (hit === 'prefix' && !typing) {
        seq.current = next;
        prefixCb?.(next.join(' '));
        e.preventDefault();
        timer.current = window.setTimeout(() => {
          seq.current = [];
          prefixCb?.(undefined);
        }, 1500);
        return;
      }
      seq.current = [];
      prefixCb?.(undefined);
      if (!hit || hit === 'prefix') return;
      if (typing && !inInputs.has(hit)) return;
      e.preventDefault();
      exec(hit);
    };
    window.addEventListener('keydown', handler);
    return () => {
      window.removeEventListener('keydown', handler);
      window.clearTimeout(timer.current);
    };
  }, []);
}
