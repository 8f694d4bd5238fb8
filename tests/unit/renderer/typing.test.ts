import { describe, expect, it } from 'vitest';
import { isTyping, TYPING_STALE_MS, useTyping } from '../../../src/renderer/src/stores/typing-store';

describe('customer typing state', () => {
  it("is typing only while 'composing' is fresh, for any of the customer's JIDs", () => {
    const t0 = 1_000_000;
    useTyping.getState().update('Ada@Chat.example/phone', 'composing', t0);
    const peers = useTyping.getState().peers;
    expect(isTyping(peers, ['ada@chat.example'], t0 + 1000)).toBe(true);
    expect(isTyping(peers, ['other@chat.example'], t0 + 1000)).toBe(false);
    expect(isTyping(peers, ['x@y.example', 'ADA@chat.example'], t0)).toBe(true);
    expect(isTyping(peers, ['ada@chat.example'], t0 + TYPING_STALE_MS)).toBe(false);
    useTyping.getState().update('ada@chat.example', 'paused', t0 + 2000);
    expect(isTyping(useTyping.getState().peers, ['ada@chat.example'], t0 + 2500)).toBe(false);
  });
});
