/**
 * Page-side probes, installed by the bench only (nothing is added to the app): key-to-frame latency
 * and "visible" detection. A probe is armed before Playwright presses a real key; the keydown's
 * event.timeStamp is the start, and the end is taken after the first frame that shows the
 * awaited DOM state: requestAnimationFrame once the state is in the DOM, then a message-channel
 * task, which runs after that frame was produced.
 */
import type { Page } from 'playwright-core';

const PROBE = `(() => {
  const afterNextFrame = () => new Promise((resolve) => requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => resolve(performance.now());
    ch.port2.postMessage(0);
  }));
  const waitFor = (test, timeoutMs) => new Promise((resolve, reject) => {
    if (test()) return resolve();
    const obs = new MutationObserver(() => { if (test()) { obs.disconnect(); clearTimeout(t); resolve(); } });
    obs.observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
    const t = setTimeout(() => { obs.disconnect(); reject(new Error('timed out waiting for the DOM')); }, timeoutMs);
  });
  const tests = {
    none: () => () => true,
    selector: (sel) => () => !!document.querySelector(sel),
    activeChanged: () => {
      const list = () => document.querySelector('.queue-list');
      const before = list() && list().getAttribute('aria-activedescendant');
      return () => { const l = list(); const now = l && l.getAttribute('aria-activedescendant'); return !!now && now !== before && !!document.getElementById(now) && !document.getElementById(now).classList.contains('placeholder'); };
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
          // Let the app handle the key first, then watch for the state.
          setTimeout(() => waitFor(test, timeoutMs).then(afterNextFrame).then((t1) => resolve(t1 - t0), reject), 0);
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
