/**
 * One email on the timeline: header, body (sanitised HTML in a sandboxed frame, or plain text with
 * the signature and trailing quote collapsed), remote-content bar, real link targets, attachments
 * and a warning badge when the message was malformed.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import type { Interaction } from '../../../../shared/domain';
import { splitQuoted } from '../../../../shared/mail/quote';
import { call } from '../../api';
import { db } from '../../db/instance';
import { allowRemote, isRemoteAllowed } from '../../db/repos/mail-prefs';
import { formatDateTime } from '../../lib/format';
import { useUi } from '../../stores/ui-store';
import { useSearchHit } from '../search/use-focus-item';
import { Attachments } from './Attachments';
import { HtmlFrame } from './HtmlFrame';
import { linkMismatch } from './link-check';
import { prepareEmailHtml } from './prepare-html';

const addr = (a: { name?: string; address: string }) => (a.name ? `${a.name} <${a.address}>` : a.address);

export function EmailItem({ item: i }: { item: Interaction }) {
  const [view, setView] = useState<'html' | 'text'>(i.html ? 'html' : 'text');
  const [showQuoted, setShowQuoted] = useState(false);
  const [showSig, setShowSig] = useState(false);
  const [showWarnings, setShowWarnings] = useState(false);
  const hit = useSearchHit(i.id);
  return (
    <div className="item email-item" data-item={i.id} data-channel="email" data-ts={i.ts} data-direction={i.direction} data-search-hit={hit}>
      <div className="item-head">
        <span className="from" dir="auto" title={i.from ? addr(i.from) : undefined}>
          {i.fromLabel}
        </span>
        <span className={`dir ${i.direction}`}>{i.direction === 'outbound' ? 'sent' : 'received'}</span>
        {i.sourceId === 'demo' && <span className="chip demo-chip">demo</span>}
        {i.warnings?.length ? (
          <button type="button" className="chip warn-chip" data-testid="parse-warning" aria-expanded={showWarnings} onClick={() => setShowWarnings((v) => !v)} title={i.warnings.join('\n')}>
            ⚠ malformed message
          </button>
        ) : null}
        <span className="time">{formatDateTime(i.ts)}</span>
      </div>
      <div className="mail-meta">
        {i.to?.length ? <span dir="auto">to {i.to.map(addr).join(', ')}</span> : null}
        {i.cc?.length ? <span dir="auto">cc {i.cc.map(addr).join(', ')}</span> : null}
        {i.html && (
          <span className="view-switch">
            <button type="button" className="linkish" aria-pressed={view === 'html'} onClick={() => setView('html')}>
              Formatted
            </button>
            <button type="button" className="linkish" aria-pressed={view === 'text'} onClick={() => setView('text')}>
              Plain text
            </button>
          </span>
        )}
      </div>
      {showWarnings && i.warnings?.length ? (
        <ul className="item-warn" data-testid="parse-warnings">
          {i.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
      {view === 'html' && i.html ? (
        <HtmlBody item={i} showQuoted={showQuoted} setShowQuoted={setShowQuoted} />
      ) : (
        <TextBody text={i.text} showQuoted={showQuoted} setShowQuoted={setShowQuoted} showSig={showSig} setShowSig={setShowSig} />
      )}
      <Attachments item={i} />
    </div>
  );
}

function TextBody(props: { text: string; showQuoted: boolean; setShowQuoted(v: boolean): void; showSig: boolean; setShowSig(v: boolean): void }) {
  const parts = useMemo(() => splitQuoted(props.text), [props.text]);
  return (
    <div className="mail-text">
      <div className="item-body" dir="auto" data-part="body">
        {parts.body || (parts.quoted ? '' : props.text)}
      </div>
      {parts.signature && (
        <div className="collapsible">
          <button type="button" className="linkish" aria-expanded={props.showSig} onClick={() => props.setShowSig(!props.showSig)} data-testid="toggle-signature">
            {props.showSig ? 'Hide signature' : '– signature'}
          </button>
          {props.showSig && (
            <div className="item-body sig" dir="auto" data-part="signature">
              {parts.signature}
            </div>
          )}
        </div>
      )}
      {parts.quoted && (
        <div className="collapsible">
          <button type="button" className="linkish quote-toggle" aria-expanded={props.showQuoted} onClick={() => props.setShowQuoted(!props.showQuoted)} data-testid="toggle-quoted">
            {props.showQuoted ? 'Hide quoted text' : '··· show quoted text'}
          </button>
          {props.showQuoted && (
            <div className="item-body quoted" dir="auto" data-part="quoted">
              {parts.quoted}
            </div>
          )}
        </div>
      )}
    </div>
  );
}

function HtmlBody({ item: i, showQuoted, setShowQuoted }: { item: Interaction; showQuoted: boolean; setShowQuoted(v: boolean): void }) {
  const prepared = useMemo(() => prepareEmailHtml(i.html ?? ''), [i.html]);
  const sender = i.from?.address;
  const senderAllowed = useLiveQuery(() => isRemoteAllowed(db(), sender), [sender]);
  const [loadNow, setLoadNow] = useState(false);
  const [images, setImages] = useState<Record<string, string>>({});
  const [failed, setFailed] = useState<string[]>([]);
  const [loading, setLoading] = useState(false);
  const [hover, setHover] = useState<{ href: string; text?: string } | undefined>();
  const [pending, setPending] = useState<{ href: string; text: string } | undefined>();
  const wantRemote = loadNow || senderAllowed === true;

  useEffect(() => {
    if (!wantRemote || !prepared.remoteImages.length) return;
    let cancelled = false;
    setLoading(true);
    void (async () => {
      const got: Record<string, string> = {};
      const bad: string[] = [];
      // A few at a time: main fetches them; the page itself never touches the network.
      const queue = [...prepared.remoteImages];
      const worker = async () => {
        for (let url = queue.shift(); url; url = queue.shift()) {
          try {
            got[url] = (await call('mail:remote-image', { url })).dataUrl;
          } catch (e) {
            bad.push(`${url}: ${e instanceof Error ? e.message : String(e)}`);
          }
          if (!cancelled) setImages({ ...got });
        }
      };
      await Promise.all([worker(), worker(), worker()]);
      if (!cancelled) {
        setFailed(bad);
        setLoading(false);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [wantRemote, prepared]);

  const hasQuote = /blockquote|gmail_quote|divRplyFwdMsg|appendonsend|moz-cite-prefix|yahoo_quoted/.test(prepared.html);
  // Signatures fold with the quotes (Gmail, Thunderbird, Outlook mark them).
  const hasSignature = /gmail_signature|moz-signature|id="signature"|class="signature"/i.test(prepared.html);
  return (
    <div className="mail-html">
      {prepared.remoteCount > 0 && !wantRemote && (
        <div className="remote-bar" role="note" data-testid="remote-bar">
          <span>
            Remote content blocked ({prepared.remoteCount}) — it could tell the sender you read this.
          </span>
          {prepared.remoteImages.length > 0 && (
            <>
              <button type="button" className="btn small" onClick={() => setLoadNow(true)} data-testid="load-remote">
                Load for this message
              </button>
              {sender && (
                <button type="button" className="btn small ghost" onClick={() => void allowRemote(db(), sender)} data-testid="allow-sender">
                  Always for {sender}
                </button>
              )}
            </>
          )}
        </div>
      )}
      {wantRemote && (loading || failed.length > 0) && (
        <div className="remote-bar" role="status">
          {loading ? 'Loading images through Switchboard…' : `${failed.length} image(s) could not be loaded.`}
          {failed.length > 0 && <span className="muted" title={failed.join('\n')}> (hover for details)</span>}
        </div>
      )}
      <HtmlFrame
        html={prepared.html}
        css={prepared.css}
        images={images}
        showQuoted={showQuoted}
        title={`Message from ${i.fromLabel}`}
        onHoverLink={(href, text) => setHover(href ? { href, text } : undefined)}
        onLink={(href, text) => setPending({ href, text })}
      />
      {(hasQuote || hasSignature) && (
        <button type="button" className="linkish quote-toggle" aria-expanded={showQuoted} onClick={() => setShowQuoted(!showQuoted)}>
          {showQuoted ? `Hide ${hasQuote ? 'quoted text' : 'signature'}` : `··· show ${hasQuote && hasSignature ? 'quoted text and signature' : hasQuote ? 'quoted text' : 'signature'}`}
        </button>
      )}
      {hover && !pending && (
        <div className="link-status" role="status" data-testid="link-status">
          → <span className="mono">{hover.href}</span>
          {hover.text && linkMismatch(hover.text, hover.href) && <span className="link-warn"> · the text shows a different address</span>}
        </div>
      )}
      {pending && <LinkConfirm link={pending} onDone={() => setPending(undefined)} />}
    </div>
  );
}

function LinkConfirm({ link, onDone }: { link: { href: string; text: string }; onDone(): void }) {
  const mismatch = linkMismatch(link.text, link.href);
  return (
    <div className={`link-confirm${mismatch ? ' danger' : ''}`} role="alertdialog" aria-label="Open link" data-testid="link-confirm">
      <div>
        {mismatch && (
          <b className="link-warn">
            Careful: the link text shows “{link.text.trim().slice(0, 80)}” but it goes elsewhere.
            <br />
          </b>
        )}
        Open <span className="mono real-url">{link.href}</span> in your browser?
      </div>
      <div className="banner-actions">
        <button
          type="button"
          className="btn primary small"
          autoFocus
          onClick={async () => {
            try {
              await call('shell:open-external', { url: link.href });
            } catch (e) {
              useUi.getState().notify(e instanceof Error ? e.message : String(e), 'error');
            }
            onDone();
          }}
          data-testid="open-link"
        >
          Open in browser
        </button>
        <button type="button" className="btn small ghost" onClick={() => void navigator.clipboard?.writeText(link.href).then(onDone, onDone)}>
          Copy address
        </button>
        <button type="button" className="btn small ghost" onClick={onDone}>
          Cancel
        </button>
      </div>
    </div>
  );
}
