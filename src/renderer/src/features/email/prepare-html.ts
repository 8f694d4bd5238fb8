/**
 * Makes an HTML mail body safe to show: DOMPurify removes scripts, event handlers, forms, frames
 * and every active element; our hooks then
 *  - take every remote reference out (img src, background attributes, CSS url(), @import), keeping
 *    remote image URLs in data-sb-remote so they can be fetched through main when allowed;
 *  - move style="" into data-sb-style and <style> text aside: the page CSP (inherited by the
 *    srcdoc frame) forbids inline styles, so the frame applies them through the CSSOM instead;
 *  - keep links only to http(s)/mailto/tel and remember their real target.
 * The result goes into a sandboxed iframe (no scripts, no popups, no forms, no navigation).
 */
import DOMPurify from 'dompurify';

export interface PreparedHtml {
  /** Sanitised body markup. */
  html: string;
  /** Sanitised text of the message's <style> elements (remote url()s and @imports removed). */
  css: string;
  /** Remote resources taken out (images, backgrounds, CSS urls). */
  remoteCount: number;
  /** Distinct remote image URLs that can be loaded on request. */
  remoteImages: string[];
}

const REMOTE = /^(https?:)?\/\//i;
const CSS_URL = /url\(\s*(['"]?)\s*((?:https?:)?\/\/[^'")]*)\1\s*\)/gi;
const CSS_IMPORT = /@import\s+[^;]+;?/gi;
const SAFE_LINK = /^(https?:|mailto:|tel:)/i;

export function stripRemoteCss(css: string): { css: string; removed: number } {
  let removed = 0;
  const out = css
    .replace(CSS_IMPORT, () => {
      removed++;
      return '';
    })
    .replace(CSS_URL, () => {
      removed++;
      return 'none';
    })
    // expression() and behaviour bindings are dead in Chromium, but never worth keeping.
    .replace(/expression\s*\(|behavior\s*:|-moz-binding\s*:/gi, () => {
      removed++;
      return 'x-removed(';
    });
  return { css: out, removed };
}

let purifier: ReturnType<typeof DOMPurify> | undefined;

function instance() {
  // A private instance: hooks registered here never affect other DOMPurify users.
  return (purifier ??= DOMPurify(window));
}

export function prepareEmailHtml(raw: string): PreparedHtml {
  const p = instance();
  const styles: string[] = [];
  const images = new Set<string>();
  let remoteCount = 0;

  // Parse once in an inert document (nothing loads, nothing runs) to pick up <head> styles too.
  const parsed = new DOMParser().parseFromString(raw, 'text/html');
  for (const st of Array.from(parsed.head.querySelectorAll('style'))) {
    const { css, removed } = stripRemoteCss(st.textContent ?? '');
    remoteCount += removed;
    styles.push(css);
  }

  p.removeAllHooks();
  p.addHook('uponSanitizeElement', (node, data) => {
    if (data.tagName === 'style') {
      const { css, removed } = stripRemoteCss(node.textContent ?? '');
      remoteCount += removed;
      styles.push(css);
      node.parentNode?.removeChild(node);
    }
  });
  p.addHook('afterSanitizeAttributes', (node) => {
    const el = node as Element;
    if (!el.getAttribute) return;
    const style = el.getAttribute('style');
    if (style !== null) {
      const { css, removed } = stripRemoteCss(style);
      remoteCount += removed;
      el.removeAttribute('style');
      if (css.trim()) el.setAttribute('data-sb-style', css);
    }
    for (const attr of ['background', 'poster', 'srcset', 'lowsrc', 'dynsrc', 'longdesc']) {
      if (el.hasAttribute(attr)) {
        if (REMOTE.test(el.getAttribute(attr) ?? '')) remoteCount++;
        el.removeAttribute(attr);
      }
    }
    if (el.tagName === 'IMG') {
      const src = el.getAttribute('src') ?? '';
      if (REMOTE.test(src)) {
        const url = src.startsWith('//') ? `https:${src}` : src;
        images.add(url);
        remoteCount++;
        el.setAttribute('data-sb-remote', url);
        el.removeAttribute('src');
        el.setAttribute('data-sb-blocked', '');
      } else if (/^cid:/i.test(src)) {
        el.setAttribute('data-sb-cid', src.slice(4));
        el.removeAttribute('src');
      } else if (src && !/^data:image\/(png|jpe?g|gif|webp|bmp|avif);/i.test(src)) {
        el.removeAttribute('src');
      }
    }
    if (el.tagName === 'A') {
      const href = (el.getAttribute('href') ?? '').trim();
      el.removeAttribute('target');
      if (href && SAFE_LINK.test(href)) {
        el.setAttribute('data-sb-href', href);
        el.setAttribute('title', href);
        el.setAttribute('rel', 'noopener noreferrer');
      } else if (href) {
        el.removeAttribute('href');
      }
    }
  });
  const html = p.sanitize(parsed.body.innerHTML, {
    FORBID_TAGS: ['form', 'input', 'button', 'textarea', 'select', 'option', 'iframe', 'frame', 'frameset', 'object', 'embed', 'link', 'meta', 'base', 'audio', 'video', 'source', 'track', 'svg', 'math', 'template', 'portal', 'dialog'],
    FORBID_ATTR: ['action', 'formaction', 'ping', 'autofocus', 'contenteditable', 'tabindex'],
    ADD_TAGS: ['style'],
    ALLOW_DATA_ATTR: false,
    WHOLE_DOCUMENT: false,
    FORCE_BODY: true,
  });
  p.removeAllHooks();
  return { html, css: styles.join('\n'), remoteCount, remoteImages: [...images] };
}

/** The CSP written into the frame document (on top of the app's policy, which it inherits). */
export const FRAME_CSP = "default-src 'none'; img-src data:; style-src 'self'; font-src data:; script-src 'none'; form-action 'none'; frame-src 'none'; base-uri 'none'";

export function frameDocument(bodyHtml: string, lang?: string): string {
  return `<!doctype html><html${lang ? ` lang="${lang.replace(/[^a-zA-Z-]/g, '')}"` : ''}><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${FRAME_CSP}"><meta name="referrer" content="no-referrer"></head><body dir="auto">${bodyHtml}</body></html>`;
}
