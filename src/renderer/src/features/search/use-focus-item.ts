/**
 * After search opens a customer at an item: expand its thread, scroll the timeline to it and mark
 * it briefly. The timeline is virtualised, so the thread is focused first (the timeline scrolls
 * it into view and renders it), then the item element is awaited and scrolled to.
 */
import { useEffect } from 'react';
import { useUi } from '../../stores/ui-store';
import { useTriage } from '../triage/triage-store';

/** True while `itemId` is the item search just revealed: items render it as data-search-hit. */
export function useSearchHit(itemId: string): true | undefined {
  return useUi((s) => s.hitItemId === itemId) || undefined;
}

export function useFocusItem() {
  const focusItemId = useUi((s) => s.focusItemId);
  const threadId = useUi((s) => s.openThreadId);
  useEffect(() => {
    if (!focusItemId) return;
    if (threadId) {
      useTriage.getState().toggleExpanded(threadId, true);
      useTriage.getState().focusTimeline(`thread:${threadId}`);
    }
    let done = false;
    const find = () => document.querySelector<HTMLElement>(`.timeline [data-item="${CSS.escape(focusItemId)}"]`);
    const reveal = (el: HTMLElement) => {
      done = true;
      observer.disconnect();
      // Scroll only the timeline (scrollIntoView would also move the app's outer boxes).
      const scroller = el.closest<HTMLElement>('.timeline-scroll');
      if (scroller) {
        const box = el.getBoundingClientRect();
        const view = scroller.getBoundingClientRect();
        const offset = box.top - view.top - Math.max(16, (view.height - box.height) / 2);
        scroller.scrollTop += box.height > view.height ? box.top - view.top - 16 : offset;
      }
      useUi.setState({ focusItemId: undefined, hitItemId: focusItemId });
    };
    const observer = new MutationObserver(() => {
      const el = !done && find();
      if (el) reveal(el);
    });
    observer.observe(document.body, { childList: true, subtree: true });
    const now = find();
    if (now) reveal(now);
    // Give up quietly if the item never renders (deleted meanwhile).
    const giveUp = window.setTimeout(() => observer.disconnect(), 5000);
    return () => {
      observer.disconnect();
      window.clearTimeout(giveUp);
    };
  }, [focusItemId, threadId]);
  // The mark fades after a moment (its own effect: the one above ends as soon as it clears focusItemId).
  const hitItemId = useUi((s) => s.hitItemId);
  useEffect(() => {
    if (!hitItemId) return;
    const t = window.setTimeout(() => useUi.setState((s) => (s.hitItemId === hitItemId ? { hitItemId: undefined } : s)), 2400);
    return () => window.clearTimeout(t);
  }, [hitItemId]);
}
