/**
 * JWZ threading (https://www.jwz.org/doc/threading.html) over Message-ID / In-Reply-To /
 * References. Pure and deterministic: the thread id of a message is the Message-ID of its thread's
 * root (the root may be a message we never saw, known only from References). The input is put in a
 * canonical order first, so any permutation of the same messages gives the same threads (JWZ's
 * "first link wins" rule is otherwise order-dependent); a property test checks this.
 *
 * Subject grouping (JWZ step 5) is off unless the caller passes `subjectGroupKey`: two threads with
 * the same normalised subject are joined only when that function returns the same non-empty key
 * for both roots (e.g. the customer id), so "Invoice" from two different customers stays apart.
 */

export interface ThreadInput {
  /** Caller's unique key for this message (e.g. the record's sourceKey). */
  id: string;
  messageId: string;
  inReplyTo?: string;
  references?: string[];
  subject?: string;
  /** Epoch ms. */
  date: number;
}

export interface ThreadOptions<T extends ThreadInput> {
  /** Return the same non-empty key for messages whose threads may be joined by subject. */
  subjectGroupKey?: (message: T) => string | undefined;
}

interface Container<T> {
  id: string;
  messages: T[];
  parent?: Container<T>;
  children: Container<T>[];
}

/** "<a@b>" form; '' for nothing usable. */
export function normalizeMessageId(raw: string | undefined): string {
  if (!raw) return '';
  const trimmed = raw.trim();
  const m = /<([^<>\s]+)>/.exec(trimmed);
  const core = m ? m[1]! : trimmed.replace(/^<|>$/g, '').replace(/\s+/g, '');
  return core ? `<${core}>` : '';
}

const REPLY_PREFIX = /^\s*((re|fw|fwd|aw|wg|sv|vs|antw|rif|tr|odp|r|enc|ref|\u56de\u590d|\u8f6c\u53d1)(\[\d+\]|\(\d+\))?\s*[:\uff1a]\s*|\[[^\]]{1,40}\]\s*)/i;

/** Subject without reply/forward prefixes and list tags, whitespace collapsed, lower case. */
export function normalizeSubject(subject: string | undefined): string {
  let s = (subject ?? '').trim();
  for (let i = 0; i < 20; i++) {
    const next = s.replace(REPLY_PREFIX, '');
    if (next === s) break;
    s = next;
  }
  return s.replace(/\s+/g, ' ').trim().toLowerCase();
}

function compareInput(a: ThreadInput, b: ThreadInput): number {
  if (a.date !== b.date) return a.date - b.date;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function isAncestor<T>(maybeAncestor: Container<T>, node: Container<T>): boolean {
  for (let p: Container<T> | undefined = node; p; p = p.parent) if (p === maybeAncestor) return true;
  return false;
}

function unlink<T>(child: Container<T>) {
  const p = child.parent;
  if (!p) return;
  p.children = p.children.filter((c) => c !== child);
  child.parent = undefined;
}

function link<T>(parent: Container<T>, child: Container<T>) {
  unlink(child);
  child.parent = parent;
  parent.children.push(child);
}

/** Message-bearing containers directly below `c`, looking through empty ones (JWZ pruning). */
function effectiveChildren<T>(c: Container<T>): Container<T>[] {
  const out: Container<T>[] = [];
  for (const k of c.children) {
    if (k.messages.length) out.push(k);
    else out.push(...effectiveChildren(k));
  }
  return out;
}

function collect<T>(c: Container<T>, into: T[]) {
  into.push(...c.messages);
  for (const k of c.children) collect(k, into);
}

/** Returns a map from each input's `id` to its thread id. */
export function threadMessages<T extends ThreadInput>(messages: readonly T[], options: ThreadOptions<T> = {}): Map<string, string> {
  const sorted = [...messages].sort(compareInput);
  const table = new Map<string, Container<T>>();
  const get = (id: string) => {
    let c = table.get(id);
    if (!c) table.set(id, (c = { id, messages: [], children: [] }));
    return c;
  };

  for (const msg of sorted) {
    // A message without a usable Message-ID is its own container, keyed by the caller's id.
    const own = normalizeMessageId(msg.messageId) || `<${msg.id}@no-message-id.invalid>`;
    const container = get(own);
    container.messages.push(msg);

    const refs = (msg.references ?? []).map(normalizeMessageId).filter(Boolean);
    const irt = normalizeMessageId(msg.inReplyTo);
    if (irt && refs[refs.length - 1] !== irt) refs.push(irt);

    // Link the References chain: each one the parent of the next, unless already linked or a loop.
    let prev: Container<T> | undefined;
    for (const ref of refs) {
      const c = get(ref);
      if (prev && c !== prev && !c.parent && !isAncestor(c, prev)) link(prev, c);
      prev = c;
    }
    // The message's parent is the last reference (this overrides an earlier guess), loops refused.
    if (prev && prev !== container && !isAncestor(container, prev)) link(prev, container);
    else if (!prev && container.parent && container.messages.length === 1) {
      // A message that says it has no parent is a root, even if someone's References guessed one.
      // (Only for the first copy of a Message-ID; duplicates keep the first verdict.)
      unlink(container);
    }
  }

  // Roots and their thread ids (after JWZ pruning of empty roots with a single message child).
  interface Root {
    threadId: string;
    members: T[];
    first: T;
  }
  const roots: Root[] = [];
  const rootContainers = [...table.values()].filter((c) => !c.parent).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const c of rootContainers) {
    const members: T[] = [];
    collect(c, members);
    if (!members.length) continue;
    members.sort(compareInput);
    let head = c;
    if (!head.messages.length) {
      const ec = effectiveChildren(head);
      if (ec.length === 1) head = ec[0]!;
    }
    roots.push({ threadId: head.id, members, first: head.messages.length ? [...head.messages].sort(compareInput)[0]! : members[0]! });
  }

  // Optional subject grouping, only between roots the caller puts in the same group.
  const keyFn = options.subjectGroupKey;
  const threadOf = new Map<Root, string>(roots.map((r) => [r, r.threadId]));
  if (keyFn) {
    const groups = new Map<string, Root[]>();
    for (const r of roots) {
      const subject = normalizeSubject(r.first.subject);
      const key = keyFn(r.first);
      if (!subject || !key) continue;
      const k = JSON.stringify([key, subject]);
      const list = groups.get(k);
      if (list) list.push(r);
      else groups.set(k, [r]);
    }
    for (const list of groups.values()) {
      if (list.length < 2) continue;
      const winner = [...list].sort((a, b) => compareInput(a.members[0]!, b.members[0]!) || (a.threadId < b.threadId ? -1 : 1))[0]!;
      for (const r of list) threadOf.set(r, winner.threadId);
    }
  }

  const out = new Map<string, string>();
  for (const r of roots) for (const m of r.members) out.set(m.id, threadOf.get(r)!);
  return out;
}
