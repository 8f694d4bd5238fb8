/**
 * Keyboard events to chord strings ("j", "shift+e", "mod+k", "?"). On non-Latin layouts the
 * printed character is not Latin, so the physical key code decides ("KeyJ" -> "j"): shortcuts
 * keep working on Cyrillic, Greek, Arabic, Hebrew... keyboards.
 */
export interface KeyLike {
  key: string;
  code: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

const CODE_KEYS: Record<string, string> = {
  Slash: '/',
  Period: '.',
  Comma: ',',
  Semicolon: ';',
  Quote: "'",
  BracketLeft: '[',
  BracketRight: ']',
  Backslash: '\\',
  Minus: '-',
  Equal: '=',
  Backquote: '`',
  Space: 'space',
};

function baseKey(e: KeyLike): string {
  const k = e.key;
  if (k.length === 1) {
    if (/^[a-z0-9]$/i.test(k)) return k.toLowerCase();
    if (/^[\x21-\x7e]$/.test(k)) return k; // Latin punctuation as printed (so "?" is "?")
    if (k === ' ') return 'space';
    // Non-Latin character: fall back to the physical key.
    if (e.code.startsWith('Key')) return e.code.slice(3).toLowerCase();
    if (e.code.startsWith('Digit')) return e.code.slice(5);
    if (e.code === 'Slash' && e.shiftKey) return '?';
    return CODE_KEYS[e.code] ?? k;
  }
  return k; // Enter, Escape, ArrowDown...
}

export function eventToChord(e: KeyLike): string {
  const key = baseKey(e);
  const parts: string[] = [];
  if (e.ctrlKey || e.metaKey) parts.push('mod');
  if (e.altKey) parts.push('alt');
  // Shift is part of the chord for letters and named keys; for punctuation it is already in the character.
  if (e.shiftKey && (/^[a-z0-9]$/.test(key) || key.length > 1)) parts.push('shift');
  parts.push(key);
  return parts.join('+');
}

/** Human form of a binding for menus and the cheat sheet. */
export function describeBinding(binding: string, mac = false): string {
  return binding
    .split(' ')
    .map((chord) =>
      chord
        .split('+')
        .map((p) => (p === 'mod' ? (mac ? '⌘' : 'Ctrl') : p === 'shift' ? 'Shift' : p === 'alt' ? (mac ? '⌥' : 'Alt') : p.length === 1 ? p.toUpperCase() === p ? p : p : p))
        .join('+'),
    )
    .join(' then ');
}
