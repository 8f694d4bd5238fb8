/**
 * The composer, docked over the bottom of the timeline. It reacts to the ui-store flag
 * `composer: {mode, threadId}` (set by r / shift+r / f / c), picks the channel and account from the
 * thread, keeps an autosaved draft in Dexie, and on Ctrl+Enter writes the message to the outbox
 * (Message-ID fixed there) before anything touches the network.
 */
import { useEffect, useRef, useState } from 'react';
import type { OutgoingChat, OutgoingEmail } from '../../../../shared/domain';
import { outgoingChatSchema, outgoingEmailSchema } from '../../../../shared/ipc/schemas';
import { appServices } from '../../app-services';
import type { Draft, OutboxRow } from '../../db/agent-tables';
import { db } from '../../db/instance';
import { outboxTable } from '../../db/repos/outbox';
import { formatDateTime } from '../../lib/format';
import { enqueue } from '../../outbox/enqueue';
import { useUi, type ComposerRequest } from '../../stores/ui-store';
import { useSources } from '../settings/sources-store';
import { availableChannels, formatAddressList, imapAccounts, initialDraft, parseAddressList, type Channel, type ComposeContext } from './compose-model';
import { PendingStrip } from '../outbox/PendingStrip';
import { replyCollision } from '../../team/team-sync-collision';
import { replyingOn, teamSync } from '../../team/team-sync-store';
import { TeamPresenceStrip } from '../../team/team-sync-presence';
import { formatSize, PaperclipIcon } from '../email/Attachments';
import { customerIdentities, deleteDraft, getDraft, getThread, saveDraft } from '../../db/repos/rows';
import { threadItems } from '../../db/repos/customers';

const MODE_LABEL = { reply: 'Reply', 'reply-all': 'Reply all', forward: 'Forward', new: 'New message' } as const;

export function ComposerDock() {
  const req = useUi((s) => s.composer);
  const threadId = useUi((s) => s.openThreadId);
  return (
    <div className="composer-dock" data-open={!!req}>
      {threadId && <TeamPresenceStrip threadId={threadId} />}
      {threadId && <PendingStrip threadId={threadId} />}
      {req && <Composer key={req.at} req={req} />}
    </div>
  );
}

async function loadContext(req: ComposerRequest, openThreadId: string | undefined, openCustomerId: string | undefined) {
  const sources = useSources.getState().loaded ? useSources.getState().list : await useSources.getState().refresh();
  const threadId = req.mode === 'new' ? undefined : (req.threadId ?? openThreadId);
  const thread = threadId ? await getThread(db(), threadId) : undefined;
  const items = thread ? await threadItems(db(), thread.id) : [];
  const customerId = thread?.customerId ?? openCustomerId;
  const identities = customerId ? await customerIdentities(db(), customerId) : [];
  const ctx: ComposeContext = { mode: req.mode, thread, items, customerId, identities, sources, now: Date.now(), formatDate: formatDateTime };
  return ctx;
}

function fromOutbox(item: OutboxRow | undefined): Draft | undefined {
  if (!item) return undefined;
  const base = { id: `outbox:${item.id}`, mode: 'new' as const, threadId: item.threadId, customerId: item.customerId, sourceId: item.sourceId, outboxId: item.id, updatedAt: Date.now(), bcc: [] };
  if (item.kind === 'chat') {
    const p = item.payload as OutgoingChat;
    return { ...base, channel: 'chat', to: [{ address: p.to }], cc: [], subject: '', body: p.body, references: [] };
  }
  const p = item.payload as OutgoingEmail;
  return { ...base, channel: 'email', to: p.to, cc: p.cc, bcc: p.bcc, subject: p.subject, body: p.text, inReplyTo: p.inReplyTo, references: p.references, ...(p.attachments?.length ? { attachments: p.attachments } : {}) };
}

function Composer({ req }: { req: ComposerRequest }) {
  const [ctx, setCtx] = useState<ComposeContext | undefined>();
  const [draft, setDraft] = useState<Draft | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [text, setText] = useState({ to: '', cc: '', bcc: '' });
  const [showCc, setShowCc] = useState(false);
  const [savedAt, setSavedAt] = useState<number | undefined>();
  const [sending, setSending] = useState(false);
  const sources = useSources((s) => s.list);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const toRef = useRef<HTMLInputElement>(null);
  // What the agent types while the draft is still being prepared is kept and goes at the top.
  const [early, setEarly] = useState('');
  const earlyRef = useRef('');
  // Team sync: the customer's last message the agent saw when the reply opened (traffic cop), and
  // whether the agent already confirmed "send anyway".
  const seenInbound = useRef<number | undefined>(undefined);
  const collisionConfirmed = useRef(false);

  // Build (or restore) the draft once.
  useEffect(() => {
    let alive = true;
    void (async () => {
      const { openThreadId, openCustomerId } = useUi.getState();
      const c = await loadContext(req, openThreadId, openCustomerId);
      let d: Draft | undefined;
      if (req.outboxId) d = fromOutbox(await outboxTable(db()).get(req.outboxId));
      if (!d) {
        const init = initialDraft(c);
        if (!init.ok) {
          if (alive) {
            setCtx(c);
            setProblem(init.reason);
          }
          return;
        }
        d = (await getDraft(db(), init.draft.id)) ?? init.draft;
      }
      if (!alive) return;
      seenInbound.current ??= c.thread?.lastInboundTs;
      setCtx(c);
      setDraft(earlyRef.current ? { ...d, body: `${earlyRef.current}${d.body}` } : d);
      setText({ to: formatAddressList(d.to), cc: formatAddressList(d.cc), bcc: formatAddressList(d.bcc) });
      setShowCc(d.cc.length > 0 || d.bcc.length > 0);
    })();
    return () => {
      alive = false;
    };
  }, [req]);

  // Focus: the body for replies (cursor at the top, above the quote), "To" for forwards and new mail.
  const ready = !!draft;
  useEffect(() => {
    if (!ready) return;
    const d = draft!;
    if ((d.mode === 'forward' || d.mode === 'new') && d.channel === 'email' && !d.to.length && !earlyRef.current) toRef.current?.focus();
    else {
      bodyRef.current?.focus();
      bodyRef.current?.setSelectionRange(earlyRef.current.length, earlyRef.current.length);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready]);

  // Autosave (debounced) so a crash or a closed window keeps the text.
  useEffect(() => {
    if (!draft) return;
    const t = window.setTimeout(() => {
      void saveDraft(db(), { ...draft, updatedAt: Date.now() }).then(() => setSavedAt(Date.now()));
    }, 350);
    return () => window.clearTimeout(t);
  }, [draft]);

  // Team sync: tell the team "replying" while this reply is open (renewed; expires on its own).
  const replyThread = draft?.threadId;
  useEffect(() => {
    if (!replyThread) return;
    const announce = (state: 'replying' | 'idle') => void teamSync()?.announce(replyThread, state).catch(() => {});
    announce('replying');
    const t = window.setInterval(() => announce('replying'), 60_000);
    return () => {
      window.clearInterval(t);
      announce('idle');
    };
  }, [replyThread]);

  const close = () => useUi.getState().closeComposer();
  const update = (patch: Partial<Draft>) => setDraft((d) => (d ? { ...d, ...patch } : d));

  const switchChannel = (to: Channel) => {
    if (!ctx || !draft || draft.channel === to) return;
    const init = initialDraft(ctx, to);
    if (!init.ok) return setProblem(init.reason);
    const typed = draft.body.split(/\n-- \n|\n\nOn .* wrote:\n/)[0]!.trim();
    const next = { ...init.draft, id: draft.id, body: to === 'chat' ? typed : `${typed}${init.draft.body}` };
    setProblem(undefined);
    setDraft(next);
    setText({ to: formatAddressList(next.to), cc: formatAddressList(next.cc), bcc: formatAddressList(next.bcc) });
  };

  const discard = async () => {
    if (draft) await deleteDraft(db(), draft.id);
    close();
  };

  const send = async () => {
    if (!draft || sending) return;
    setProblem(undefined);
    let out: Parameters<typeof enqueue>[1];
    if (draft.channel === 'email') {
      const to = parseAddressList(text.to);
      const cc = parseAddressList(text.cc);
      const bcc = parseAddressList(text.bcc);
      const invalid = [...to.invalid, ...cc.invalid, ...bcc.invalid];
      if (invalid.length) return setProblem(`Not an email address: ${invalid.join(', ')}`);
      if (!to.list.length) return setProblem('Add at least one recipient.');
      const account = imapAccounts(sources).find((a) => a.id === draft.sourceId);
      if (!account) return setProblem('The account this message was written from is gone. Pick another in From.');
      const payload: OutgoingEmail = {
        from: account.displayName ? { name: account.displayName, address: account.email } : { address: account.email },
        to: to.list,
        cc: cc.list,
        bcc: bcc.list,
        subject: draft.subject,
        text: draft.body,
        inReplyTo: draft.inReplyTo,
        references: draft.references,
        ...(draft.attachments?.length ? { attachments: draft.attachments } : {}),
      };
      const check = outgoingEmailSchema.safeParse(payload);
      if (!check.success) return setProblem(check.error.issues[0]?.message ?? 'This message cannot be sent.');
      out = { kind: 'email', payload };
    } else {
      const payload: OutgoingChat = { to: draft.to[0]?.address ?? '', body: draft.body.trim() };
      const check = outgoingChatSchema.safeParse(payload);
      if (!check.success) return setProblem(payload.body ? 'This customer has no valid chat address.' : 'Write a message first.');
      out = { kind: 'chat', payload };
    }
    if (draft.threadId && seenInbound.current !== undefined && !collisionConfirmed.current) {
      const c = await replyCollision(db(), draft.threadId, seenInbound.current, replyingOn(draft.threadId));
      if (c.newer.length) {
        collisionConfirmed.current = true;
        return setProblem(`${c.warning} Read it first, or press Ctrl+Enter again to send anyway.`);
      }
    }
    setSending(true);
    try {
      const item = await enqueue(db(), out, { sourceId: draft.sourceId, threadId: draft.threadId, customerId: draft.customerId, now: Date.now(), draftId: draft.id, outboxId: draft.outboxId });
      close();
      useUi.getState().notify(draft.channel === 'email' ? `Sending “${draft.subject || '(no subject)'}”…` : 'Sending chat message…');
      void appServices()?.outbox.kick(item.sourceId);
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
      setSending(false);
    }
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      e.stopPropagation();
      void send();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close(); // the draft stays saved
    }
  };

  if (!draft) {
    return (
      <section className="composer" aria-label={MODE_LABEL[req.mode]} data-mode={req.mode} data-preparing onKeyDown={onKeyDown}>
        <header className="composer-head">
          <b>{MODE_LABEL[req.mode]}</b>
          <span className="spacer" />
          <button type="button" className="btn small ghost" onClick={close}>
            <kbd>Esc</kbd>
          </button>
        </header>
        {problem ? (
          <div className="form-banner error" role="alert">
            {problem}
          </div>
        ) : (
          <textarea
            autoFocus
            className="composer-body"
            dir="auto"
            aria-label="Message"
            rows={9}
            value={early}
            placeholder="Preparing the reply…"
            onChange={(e) => {
              earlyRef.current = e.target.value;
              setEarly(e.target.value);
            }}
          />
        )}
      </section>
    );
  }

  const channels = ctx ? availableChannels(ctx) : [draft.channel];
  const accounts = imapAccounts(sources);
  return (
    <section className="composer" aria-label={`${MODE_LABEL[draft.mode]} by ${draft.channel}`} data-channel={draft.channel} data-mode={draft.mode} onKeyDown={onKeyDown}>
      <header className="composer-head">
        <b>{draft.outboxId ? 'Edit queued message' : MODE_LABEL[draft.mode]}</b>
        <span className="seg" role="group" aria-label="Channel">
          {(['email', 'chat'] as const).map((c) => (
            <button key={c} type="button" aria-pressed={draft.channel === c} disabled={!channels.includes(c) || !!draft.outboxId} onClick={() => switchChannel(c)} data-channel-switch={c}>
              {c === 'email' ? 'Email' : 'Chat'}
            </button>
          ))}
        </span>
        {draft.channel === 'email' && (
          <label className="from-pick">
            From{' '}
            <select value={draft.sourceId} onChange={(e) => update({ sourceId: e.target.value })} aria-label="From account" disabled={!!draft.outboxId}>
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.displayName ? `${a.displayName} <${a.email}>` : a.email}
                </option>
              ))}
            </select>
          </label>
        )}
        <span className="spacer" />
        <span className="muted small" aria-live="polite">
          {savedAt ? 'Draft saved' : ''}
        </span>
        <button type="button" className="btn small ghost" onClick={close} title="Close; the draft is kept">
          <kbd>Esc</kbd>
        </button>
      </header>
      {draft.channel === 'email' ? (
        <div className="composer-fields">
          <label>
            <span>To</span>
            <input ref={toRef} value={text.to} onChange={(e) => setText((t) => ({ ...t, to: e.target.value }))} onBlur={() => update({ to: parseAddressList(text.to).list })} aria-label="To" spellCheck={false} />
            {!showCc && (
              <button type="button" className="linkish small" onClick={() => setShowCc(true)}>
                Cc/Bcc
              </button>
            )}
          </label>
          {showCc && (
            <>
              <label>
                <span>Cc</span>
                <input value={text.cc} onChange={(e) => setText((t) => ({ ...t, cc: e.target.value }))} onBlur={() => update({ cc: parseAddressList(text.cc).list })} aria-label="Cc" spellCheck={false} />
              </label>
              <label>
                <span>Bcc</span>
                <input value={text.bcc} onChange={(e) => setText((t) => ({ ...t, bcc: e.target.value }))} onBlur={() => update({ bcc: parseAddressList(text.bcc).list })} aria-label="Bcc" spellCheck={false} />
              </label>
            </>
          )}
          <label>
            <span>Subject</span>
            <input value={draft.subject} dir="auto" onChange={(e) => update({ subject: e.target.value })} aria-label="Subject" />
          </label>
        </div>
      ) : (
        <div className="composer-fields">
          <label>
            <span>To</span>
            <input value={draft.to[0]?.address ?? ''} readOnly aria-label="Chat to" />
          </label>
        </div>
      )}
      <textarea
        ref={bodyRef}
        className="composer-body"
        dir="auto"
        aria-label="Message"
        value={draft.body}
        rows={draft.channel === 'chat' ? 3 : 9}
        onChange={(e) => update({ body: e.target.value })}
        placeholder={draft.channel === 'chat' ? 'Write a chat message…' : ''}
      />
      {draft.channel === 'email' && draft.attachments?.length ? (
        <ul className="composer-attachments" aria-label="Attachments forwarded">
          {draft.attachments.map((a) => (
            <li key={`${a.folder}:${a.uid}:${a.partId}`} data-testid="forward-attachment">
              <PaperclipIcon />
              <span dir="auto">{a.filename}</span> <span className="muted small">{formatSize(a.size)}</span>
              <button
                type="button"
                className="linkish small"
                aria-label={`Do not forward ${a.filename}`}
                onClick={() => update({ attachments: draft.attachments!.filter((x) => x !== a) })}
              >
                remove
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {problem && (
        <div className="form-banner error" role="alert">
          {problem}
        </div>
      )}
      <footer className="composer-foot">
        <button type="button" className="btn primary" onClick={() => void send()} disabled={sending} data-testid="send">
          Send <kbd>Ctrl+Enter</kbd>
        </button>
        <button type="button" className="btn ghost" onClick={() => void discard()}>
          Discard draft
        </button>
        <span className="spacer" />
        {draft.inReplyTo && (
          <span className="muted small mono" title={`In-Reply-To ${draft.inReplyTo}\nReferences ${draft.references.join(' ')}`}>
            in reply to {draft.inReplyTo.slice(0, 40)}
          </span>
        )}
      </footer>
    </section>
  );
}
