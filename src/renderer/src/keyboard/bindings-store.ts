/**
 * Key bindings the agent changed in Keyboard settings, kept in localStorage (per console). The
 * effective bindings are the defaults from actions.ts with these overrides on top.
 */
import { create } from 'zustand';
import { ACTIONS, defaultBindings, type Bindings } from './actions';

const STORAGE_KEY = 'switchboard.keyBindings.v1';

function load(): Bindings {
  try {
    const raw = JSON.parse(globalThis.localStorage?.getItem(STORAGE_KEY) ?? '{}') as unknown;
    if (!raw || typeof raw !== 'object') return {};
    const known = new Set(ACTIONS.map((a) => a.id));
    const out: Bindings = {};
    for (const [id, keys] of Object.entries(raw as Record<string, unknown>)) {
      if (known.has(id) && Array.isArray(keys) && keys.every((k) => typeof k === 'string')) out[id] = keys as string[];
    }
    return out;
  } catch {
    return {};
  }
}

/** Defaults with overrides applied; a key taken by an override is removed from its default owner. */
export function effectiveBindings(overrides: Bindings): Bindings {
  const out = defaultBindings();
  const taken = new Set(Object.values(overrides).flat());
  for (const id of Object.keys(out)) {
    out[id] = overrides[id] ?? out[id]!.filter((k) => !taken.has(k));
  }
  return out;
}

/**
 * Which action's key would stop `key` from working, or be stopped by it: a sequence and one of its
 * own first keys cannot both be bound ("g" alone would swallow every "g …" sequence).
 */
export function prefixClash(bindings: Bindings, key: string, except?: string): { action: string; key: string } | undefined {
  for (const [id, keys] of Object.entries(bindings)) {
    if (id === except) continue;
    const k = keys.find((k) => k.startsWith(`${key} `) || key.startsWith(`${k} `));
    if (k) return { action: id, key: k };
  }
  return undefined;
}

/** Which action already uses `key` (other than `except`). */
export function ownerOf(bindings: Bindings, key: string, except?: string): string | undefined {
  return Object.entries(bindings).find(([id, keys]) => id !== except && keys.includes(key))?.[0];
}

interface BindingsState {
  overrides: Bindings;
  bindings: Bindings;
  /** Bind `key` as the only key of `actionId`; returns the action it was taken from, if any. */
  rebind(actionId: string, key: string): string | undefined;
  reset(actionId: string): void;
  resetAll(): void;
}

function save(overrides: Bindings) {
  globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(overrides));
}

export const useBindings = create<BindingsState>((set, get) => {
  const overrides = load();
  return {
    overrides,
    bindings: effectiveBindings(overrides),
    rebind(actionId, key) {
      const previousOwner = ownerOf(get().bindings, key, actionId);
      const overrides = { ...get().overrides, [actionId]: [key] };
      if (previousOwner && overrides[previousOwner]) overrides[previousOwner] = overrides[previousOwner]!.filter((k) => k !== key);
      save(overrides);
      set({ overrides, bindings: effectiveBindings(overrides) });
      return previousOwner;
    },
    reset(actionId) {
      const overrides = { ...get().overrides };
      delete overrides[actionId];
      save(overrides);
      set({ overrides, bindings: effectiveBindings(overrides) });
    },
    resetAll() {
      save({});
      set({ overrides: {}, bindings: effectiveBindings({}) });
    },
  };
});
