/**
 * Submit wiring for a dialog or settings form: the form's own submit (Enter in a field, the submit
 * button) and Ctrl/Cmd+Enter from anywhere inside it, text areas included, all call `save`.
 */
import type { FormEvent, KeyboardEvent } from 'react';

export function formSubmitHandlers(save: () => Promise<void> | void) {
  return {
    onSubmit(e: FormEvent<HTMLFormElement>) {
      e.preventDefault();
      void save();
    },
    onKeyDown(e: KeyboardEvent<HTMLFormElement>) {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        e.stopPropagation();
        void save();
      }
    },
  };
}
