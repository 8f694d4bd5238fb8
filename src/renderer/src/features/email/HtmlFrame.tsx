/**
 * Shows sanitised mail HTML in a sandboxed iframe. The sandbox has NO allow-scripts, popups, forms
 * or top navigation; it keeps allow-same-origin only so that this component (not the mail) can
 * reach into the frame: size it to its content, apply the mail's styles through the CSSOM (the
 * inherited CSP forbids inline styles), put fetched images in, and intercept link clicks so every
 * link goes through "show the real URL, then shell:open-external". With scripts disabled in the
 * frame, same-origin gives the mail itself no power. See docs/email.md.
 */
import { useEffect, useRef, useState } from 'react';
import { frameDocument } from './prepare-html';

export interface HtmlFrameProps {
  html: string;
  css: string;
  /** Remote image URL -> data: URL, once fetched through main. */
  images: Record<string, string>;
  showQuoted: boolean;
  onLink(href: string, text: string): void;
  onHoverLink(href: string | undefined, text?: string): void;
  title: string;
}

const BASE_CSS = `
html { color-scheme: light; }
body { margin: 0; padding: 14px 16px; font: 14px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans Arabic', sans-serif; color: #1b1f27; background: #fff; overflow-wrap: anywhere; }
img { max-width: 100%; height: auto; }
img[data-sb-blocked], img[data-sb-cid] { display: inline-block; min-width: 24px; min-height: 18px; background: repeating-linear-gradient(45deg, #eef0f4, #eef0f4 6px, #e2e5ea 6px, #e2e5ea 12px); border-radius: 3px; }
a[data-sb-href] { color: #2f6fe4; cursor: pointer; }
a:focus-visible { outline: 2px solid #2f6fe4; outline-offset: 2px; }
table { max-width: 100%; }
pre { white-space: pre-wrap; }
body.sb-hide-quoted blockquote[type="cite"], body.sb-hide-quoted .gmail_quote, body.sb-hide-quoted .moz-cite-prefix,
body.sb-hide-quoted #divRplyFwdMsg, body.sb-hide-quoted #divRplyFwdMsg ~ *, body.sb-hide-quoted #appendonsend ~ *, body.sb-hide-quoted .yahoo_quoted,
body.sb-hide-quoted .gmail_signature, body.sb-hide-quoted [data-smartmail="gmail_signature"], body.sb-hide-quoted .moz-signature,
body.sb-hide-quoted #Signature, body.sb-hide-quoted #signature, body.sb-hide-quoted .signature, body.sb-hide-quoted #divtagdefaultwrapper ~ #Signature { display: none !important; }
`;

export function HtmlFrame({ html, css, images, showQuoted, onLink, onHoverLink, title }: HtmlFrameProps) {
  const ref = useRef<HTMLIFrameElement>(null);
  const [loaded, setLoaded] = useState(0);
  const latest = useRef({ onLink, onHoverLink });
  latest.current = { onLink, onHoverLink };

  // Styles, sizing and link handling once the frame document exists.
  useEffect(() => {
    const frame = ref.current;
    const doc = frame?.contentDocument;
    const win = frame?.contentWindow as (Window & typeof globalThis) | null | undefined;
    if (!frame || !doc || !win || !loaded) return;
    try {
      const base = new win.CSSStyleSheet();
      base.replaceSync(BASE_CSS);
      const sheets = [base];
      if (css.trim()) {
        const mail = new win.CSSStyleSheet();
        try {
          mail.replaceSync(css);
          sheets.push(mail); // base first, then the mail's own rules
        } catch {
          /* unparsable mail CSS: ignore it */
        }
      }
      doc.adoptedStyleSheets = sheets;
    } catch {
      /* very old engines: the frame stays unstyled */
    }
    for (const el of Array.from(doc.querySelectorAll<HTMLElement>('[data-sb-style]'))) {
      el.style.cssText = el.getAttribute('data-sb-style') ?? '';
    }
    const size = () => {
      frame.style.height = `${Math.max(40, doc.documentElement.scrollHeight)}px`;
    };
    size();
    const ro = new ResizeObserver(size);
    ro.observe(doc.body);
    const linkOf = (t: EventTarget | null) => ((t as Element | null)?.closest?.('a[data-sb-href]') as HTMLAnchorElement | null) ?? null;
    const onClick = (e: MouseEvent) => {
      const a = linkOf(e.target);
      if ((e.target as Element | null)?.closest?.('a')) e.preventDefault();
      if (a) latest.current.onLink(a.getAttribute('data-sb-href')!, a.textContent ?? '');
    };
    const onKey = (e: KeyboardEvent) => {
      const a = linkOf(e.target);
      if (a && e.key === 'Enter') {
        e.preventDefault();
        latest.current.onLink(a.getAttribute('data-sb-href')!, a.textContent ?? '');
      }
    };
    const onOver = (e: Event) => {
      const a = linkOf(e.target);
      latest.current.onHoverLink(a?.getAttribute('data-sb-href') ?? undefined, a?.textContent ?? undefined);
    };
    doc.addEventListener('click', onClick);
    doc.addEventListener('keydown', onKey);
    doc.addEventListener('mouseover', onOver);
    doc.addEventListener('focusin', onOver);
    doc.addEventListener('mouseleave', () => latest.current.onHoverLink(undefined));
    return () => {
      ro.disconnect();
      doc.removeEventListener('click', onClick);
      doc.removeEventListener('keydown', onKey);
      doc.removeEventListener('mouseover', onOver);
      doc.removeEventListener('focusin', onOver);
    };
  }, [loaded, css]);

  useEffect(() => {
    const doc = ref.current?.contentDocument;
    if (!doc?.body || !loaded) return;
    doc.body.classList.toggle('sb-hide-quoted', !showQuoted);
  }, [showQuoted, loaded]);

  useEffect(() => {
    const doc = ref.current?.contentDocument;
    if (!doc || !loaded) return;
    for (const img of Array.from(doc.querySelectorAll<HTMLImageElement>('img[data-sb-remote]'))) {
      const data = images[img.getAttribute('data-sb-remote')!];
      if (data && img.getAttribute('src') !== data) {
        img.setAttribute('src', data);
        img.removeAttribute('data-sb-blocked');
      }
    }
  }, [images, loaded]);

  const srcDoc = frameDocument(html);
  return (
    <iframe
      ref={ref}
      className="mail-frame"
      title={title}
      sandbox="allow-same-origin"
      referrerPolicy="no-referrer"
      srcDoc={srcDoc}
      data-testid="mail-frame"
      onLoad={() => setLoaded((n) => n + 1)}
    />
  );
}
