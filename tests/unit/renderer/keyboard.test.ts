import { describe, expect, it } from 'vitest';
import { ACTIONS, defaultBindings, resolveSequence } from '../../../src/renderer/src/keyboard/actions';
import { eventToChord, type KeyLike } from '../../../src/renderer/src/keyboard/chord';

const key = (k: string, code: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  code,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe('chords', () => {
  it('reads Latin keys, shifted letters, punctuation and modifiers', () => {
    expect(eventToChord(key('j', 'KeyJ'))).toBe('j');
    expect(eventToChord(key('E', 'KeyE', { shiftKey: true }))).toBe('shift+e');
    expect(eventToChord(key('?', 'Slash', { shiftKey: true }))).toBe('?');
    expect(eventToChord(key('k', 'KeyK', { ctrlKey: true }))).toBe('mod+k');
    expect(eventToChord(key('k', 'KeyK', { metaKey: true }))).toBe('mod+k');
    expect(eventToChord(key('Enter', 'Enter'))).toBe('Enter');
    expect(eventToChord(key('Escape', 'Escape'))).toBe('Escape');
  });

  it('falls back to the physical key on non-Latin layouts', () => {
    expect(eventToChord(key('о', 'KeyJ'))).toBe('j'); // Russian ЙЦУКЕН: J key prints "о"
    expect(eventToChord(key('л', 'KeyK'))).toBe('k');
    expect(eventToChord(key('У', 'KeyE', { shiftKey: true }))).toBe('shift+e');
    expect(eventToChord(key('ن', 'KeyK'))).toBe('k'); // Arabic
    expect(eventToChord(key('ק', 'KeyE'))).toBe('e'); // Hebrew
    expect(eventToChord(key('л', 'KeyK', { ctrlKey: true }))).toBe('mod+k');
    expect(eventToChord(key(',', 'Slash', { shiftKey: true }))).toBe(','); // Russian "," on the slash key stays itself
  });
});

describe('bindings', () => {
  const b = defaultBindings();
  it('resolves chords and sequences, and reports prefixes', () => {
    expect(resolveSequence(['j'], b)).toBe('next');
    expect(resolveSequence(['g'], b)).toBe('prefix');
    expect(resolveSequence(['g', 'i'], b)).toBe('queue:open');
    expect(resolveSequence(['g', 'c'], b)).toBe('queue:missed');
    expect(resolveSequence(['mod+k'], b)).toBe('palette');
    expect(resolveSequence(['z'], b)).toBeUndefined();
  });

  it('has no binding claimed by two actions', () => {
    const seen = new Map<string, string>();
    for (const a of ACTIONS) {
      for (const k of a.keys) {
        expect(seen.get(k), `${k} bound to ${seen.get(k)} and ${a.id}`).toBeUndefined();
        seen.set(k, a.id);
      }
    }
  });
});
