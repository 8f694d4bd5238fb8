/**
 * Page-side probes, installed by the bench only (nothing is added to the app): key-to-frame latency
 * and "visible" detection. A probe is armed before Playwright presses a real key; the keydown's
 * event.timeStamp is the start, and the end is taken after the first frame that shows the
 * awaited DOM state: requestAnimationFrame once the state is in the DOM (watched from the keydown
 * on, by a DOM observer, scroll events and every frame), then a message-channel task, which runs
 * after that frame was produced. "Shows" means on screen: the awaited element must
 * lie inside the visible part of its scroll containers, not merely exist in the DOM (a virtualised
 * list can render the new row below the fold and scroll to it a frame later).
 */
import type { Page } from 'playwright-core';

const PROBE = `(() => {
  const afterTask = (resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => resolve(performance.now());
    ch.port2.postMessage(0);
  };
  // Seen inside a rAF callback: the frame being produced shows it; otherwise the next one does.
  const afterNextFrame = (inFrame) => new Promise((resolve) => (inFrame ? afterTask(resolve) : requestAnimationFrame(() => afterTask(resolve))));
  // Checked on every DOM change, every scroll (visibility can change without a mutation) and every frame.
  const waitFor = (test, timeoutMs) => new Promise((resolve, reject) => {
    if (test()) return resolve(false);
    let done = false, raf = 0;
    const finish = (ok, inFrame) => { done = true; obs.disconnect(); document.removeEventListener('scroll', onScroll, true); cancelAnimationFrame(raf); clearTimeout(t); ok ? resolve(inFrame) : reject(new Error('timed out waiting for the DOM')); };
    const check = (inFrame) => { if (!done && test()) finish(true, inFrame === true); };
    const tick = () => { check(true); if (!done) raf = requestAnimationFrame(tick); };
    const obs = new MutationObserver(() => check(false));
    obs.observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
    const onScroll = () => check(false);
    document.addEventListener('scroll', onScroll, true);
    raf = requestAnimationFrame(tick);
    const t = setTimeout(() => finish(false, false), timeoutMs);
  });
  // Visible: all of the element (whole), else at least min(20 px, its height) of it, inside the window and every scrolling ancestor.
  const visible = (el, whole) => {
    const r = el.getBoundingClientRect();
    const need = (whole ? r.height : Math.min(20, r.height)) - 1;
    if (r.height <= 0) return false;
    let top = Math.max(r.top, 0), bottom = Math.min(r.bottom, innerHeight);
    for (let p = el.parentElement; p; p = p.parentElement) {
      const cs = getComputedStyle(p);
      if (!/(auto|scroll|hidden)/.test(cs.overflowY)) continue;
      const pr = p.getBoundingClientRect();
      top = Math.max(top, pr.top);
      bottom = Math.min(bottom, pr.top + p.clientHeight);
    }
    return bottom - top >= need;
  };
  const tests = {
    none: () => () => true,
    selector: (sel) => () => { const el = document.querySelector(sel); return !!el && visible(el, false); },
    activeChanged: () => {
      const list = () => document.querySelector('.queue-list');
      const before = list() && list().getAttribute('aria-activedescendant');
      return () => { const l = list(); const now = l && l.getAttribute('aria-activedescendant'); if (!now || now === before) return false; const row = document.getElementById(now); return !!row && !row.classList.contains('placeholder') && visible(row, true); };
    },
  };
  window.__sbProbe = {
    /** Arms a probe; returns a promise of the latency in ms from the next keydown to the frame showing the state. */
    arm(kind, arg, timeoutMs) {
      const test = tests[kind](arg);
      this.pending = new Promise((resolve, reject) => {
        const onKey = (e) => {
          window.removeEventListener('keydown', onKey, true);
          const t0 = e.timeStamp;
          // Watch from the keydown on (this capture listener runs before the app's handler; the
          // DOM observer reports right after the app's commit). Waiting for a timer first would
          // let the frame that already shows the state go by and count the one after it.
          waitFor(test, timeoutMs).then(afterNextFrame).then((t1) => resolve(t1 - t0), reject);
        };
        window.addEventListener('keydown', onKey, true);
      });
      return true;
    },
    result() { return this.pending; },
  };
})();`;

export async function installProbe(page: Page): Promise<void> {
  await page.addInitScript(PROBE);
}

export type ProbeKind = { kind: 'none' } | { kind: 'selector'; selector: string } | { kind: 'activeChanged' };

/** Presses `key` and returns ms from its keydown to the frame that shows `until`. */
export async function keyToFrame(page: Page, key: string, until: ProbeKind, timeoutMs = 10_000): Promise<number> {
  await page.evaluate(
    ([kind, arg, t]) => (window as unknown as { __sbProbe: { arm(k: string, a: unknown, t: number): boolean } }).__sbProbe.arm(kind, arg, t),
    [until.kind, until.kind === 'selector' ? until.selector : null, timeoutMs] as const,
  );
  await page.keyboard.press(key);
  return page.evaluate(() => (window as unknown as { __sbProbe: { result(): Promise<number> } }).__sbProbe.result());
}

