import { describe, expect, it } from 'vitest';
import { extensionMatcher } from '../../../src/shared/phone/extension';
import { genericRowToCallRecord, parseDurationSeconds, parseOutcomeWord, resolveMapping } from '../../../src/shared/phone/generic-csv';

const headers = ['Call ID', 'Start', 'From', 'To', 'Dir', 'Length', 'Result', 'Recording', 'User'];
const mapping = { id: 'Call ID', start: 'Start', caller: 'From', callee: 'To', direction: 'Dir', duration: 'Length', outcome: 'Result', recording: 'Recording', agent: 'User' };
const opts = { sourceId: 'g', mapping, timeZone: 'America/New_York', defaultRegion: 'US', isExtension: extensionMatcher('^\\d{3}$') };
const index = resolveMapping(headers, mapping);

describe('generic CSV rows', () => {
  it('maps columns, converts the explicit zone, normalises the customer number', () => {
    const r = genericRowToCallRecord(['c-1', '2024-07-15 10:00:00', '(212) 555-0100', '101', 'Incoming', '2:05', 'Answered', 'https://rec.example/c-1.mp3', 'alice'], headers, index, opts);
    if (!r.ok) throw new Error(r.reason);
    expect(r.record).toMatchObject({
      sourceKey: 'g:id:c-1',
      customerNumber: '+12125550100',
      direction: 'inbound',
      outcome: 'answered',
      durationSec: 125,
      billSec: 125,
      agent: 'alice',
      recordingUrl: 'https://rec.example/c-1.mp3',
      start: Date.UTC(2024, 6, 15, 14, 0, 0),
    });
  });

  it('derives direction from extensions and outcome from duration when those columns are empty', () => {
    const r = genericRowToCallRecord(['', '2024-07-15T10:00:00Z', '101', '+44 20 7946 0958', '', '0', '', '', ''], headers, index, opts);
    if (!r.ok) throw new Error(r.reason);
    expect(r.record).toMatchObject({ direction: 'outbound', outcome: 'missed', customerNumber: '+442079460958', agent: '101' });
    expect(r.record.sourceKey).toMatch(/^g:h[0-9a-f]{16}$/);
  });

  it('never makes an extension the customer, whatever the direction column says', () => {
    const rec = (from: string, to: string, dir: string) => {
      const r = genericRowToCallRecord(['', '2024-07-15 10:00:00', from, to, dir, '60', 'Answered', '', ''], headers, index, opts);
      if (!r.ok) throw new Error(r.reason);
      return r.record;
    };
    expect(rec('101', '102', 'Incoming')).toMatchObject({ direction: 'internal', customerNumber: '' });
    expect(rec('101', '(212) 555-0100', 'Incoming')).toMatchObject({ direction: 'outbound', customerNumber: '+12125550100', agent: '101' });
    expect(rec('(212) 555-0100', '101', 'Outgoing')).toMatchObject({ direction: 'inbound', customerNumber: '+12125550100', agent: '101' });
    expect(rec('(212) 555-0100', '101', 'Outgoing').warnings.join()).toContain('is an extension: taken as inbound');
    expect(rec('(212) 555-0100', '101', 'Incoming').warnings).toEqual([]);
  });

  it.each([
    [['x', '2024-02-30 10:00', '1', '2', 'in', '1', 'ok', '', ''], 'impossible date'],
    [['x', '2024-07-15 10:00', '1', '2', 'sideways', '1', 'ok', '', ''], 'direction "sideways"'],
    [['x', '2024-07-15 10:00', '1', '2', 'in', 'long', 'ok', '', ''], 'duration "long"'],
    [['x', '2024-07-15 10:00', '1'], 'expected 9 fields'],
  ])('refuses bad rows with a reason (%#)', (fields, reason) => {
    const r = genericRowToCallRecord(fields, headers, index, opts);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });

  it('names missing mapped columns', () => {
    expect(() => resolveMapping(['a', 'b'], { start: 'a', caller: 'b', callee: 'To' })).toThrow(/callee -> "To"/);
    expect(resolveMapping(['\uFEFFStart ', 'from', 'TO'], { start: 'start', caller: 'From', callee: 'to' }).get('callee')).toBe(2);
  });

  it('reads durations and outcome words', () => {
    expect(parseDurationSeconds('1:02:03')).toBe(3723);
    expect(parseDurationSeconds('12.6')).toBe(13);
    expect(parseDurationSeconds('1:75')).toBeUndefined();
    expect(parseOutcomeWord(' No  Answer ')).toBe('missed');
    expect(parseOutcomeWord('Voicemail')).toBe('voicemail');
    expect(parseOutcomeWord('maybe')).toBeUndefined();
  });
});
