import { describe, expect, it } from 'vitest';
import type { CdrRow } from '../../../src/shared/phone/cdr-row';
import { parseClid } from '../../../src/shared/phone/cdr-row';
import { cdrDirection, cdrOutcome, normaliseDisposition } from '../../../src/shared/phone/cdr-rules';
import { cdrToCallRecord, cdrSourceKey } from '../../../src/shared/phone/cdr-record';
import { extensionMatcher } from '../../../src/shared/phone/extension';

const isExt = extensionMatcher('^\\d{3}$');

function row(over: Partial<CdrRow>): CdrRow {
  return {
    src: '',
    dst: '',
    clid: '',
    dcontext: '',
    channel: '',
    dstchannel: '',
    lastapp: 'Dial',
    lastdata: '',
    disposition: 'ANSWERED',
    duration: 60,
    billsec: 50,
    start: Date.UTC(2024, 6, 15, 8),
    accountcode: '',
    amaflags: 'DOCUMENTATION',
    uniqueid: '1721030400.1',
    userfield: '',
    ...over,
  };
}

describe('cdrDirection', () => {
  it.each<[string, Partial<CdrRow>, string, string, string | undefined]>([
    ['ext to ext', { src: '101', dst: '102', channel: 'PJSIP/101-1', dstchannel: 'PJSIP/102-2' }, 'internal', 'D1-both-internal', '101'],
    ['ext dials out', { src: '101', dst: '030123456', channel: 'PJSIP/101-1', dstchannel: 'PJSIP/trunk-2', dcontext: 'from-internal' }, 'outbound', 'D2-internal-to-external', '101'],
    [
      'outbound with the trunk CID as src (FreePBX)',
      { src: '+4930999999', dst: '030123456', channel: 'PJSIP/101-00000001', dstchannel: 'PJSIP/trunk-2' },
      'outbound',
      'D2-internal-to-external',
      '101',
    ],
    ['trunk to agent', { src: '+4930123456', dst: '4930999999', channel: 'PJSIP/trunk-1', dstchannel: 'PJSIP/102-00000002' }, 'inbound', 'D3-external-to-internal', '102'],
    ['trunk to queue member via Local', { src: '030123456', dst: '600', channel: 'SIP/trunk-1', dstchannel: 'Local/103@from-queue-00000001;1' }, 'inbound', 'D3-external-to-internal', '103'],
    ['trunk to ext number, no dst channel', { src: '030123456', dst: '104', channel: 'SIP/trunk-1' }, 'inbound', 'D3-external-to-internal', '104'],
    ['IVR from pstn context', { src: '030123456', dst: 's', dcontext: 'from-pstn', channel: 'SIP/trunk-1' }, 'inbound', 'D4-context-inbound', undefined],
    ['DID context', { src: '030123456', dst: '4930999999', dcontext: 'ext-did-0002', channel: 'DAHDI/1-1' }, 'inbound', 'D4-context-inbound', undefined],
    ['callback from internal context', { src: '4930999999', dst: '030123456', dcontext: 'from-internal', channel: 'Local/s@callback-1;2' }, 'outbound', 'D5-context-outbound', undefined],
    ['nothing to go on', { src: '030123456', dst: '030999999', dcontext: 'default', channel: 'SIP/x-1' }, 'inbound', 'D6-default-inbound', undefined],
  ])('%s', (_name, over, direction, rule, agent) => {
    const r = cdrDirection(row(over), isExt);
    expect(r).toEqual({ direction, rule, ...(agent ? { agent } : {}) });
  });
});

describe('cdrOutcome', () => {
  it.each<[string, Partial<CdrRow>, 'inbound' | 'outbound' | 'internal', string, string]>([
    ['VoiceMail app', { lastapp: 'VoiceMail', lastdata: '101@default,u', disposition: 'ANSWERED', dstchannel: '' }, 'inbound', 'voicemail', 'O1-voicemail'],
    ['FreePBX vmu dst', { dst: 'vmu101', lastapp: 'Macro', disposition: 'ANSWERED' }, 'inbound', 'voicemail', 'O1-voicemail'],
    ['busy', { disposition: 'BUSY', billsec: 0 }, 'outbound', 'busy', 'O2-busy'],
    ['failed', { disposition: 'FAILED', billsec: 0 }, 'outbound', 'failed', 'O3-failed'],
    ['congestion', { disposition: 'CONGESTION', billsec: 0 }, 'outbound', 'failed', 'O3-failed'],
    ['no answer', { disposition: 'NO ANSWER', billsec: 0 }, 'inbound', 'missed', 'O4-no-answer'],
    ['numeric no answer (cdr_odbc)', { disposition: '0', billsec: 0 }, 'inbound', 'missed', 'O4-no-answer'],
    ['abandoned in queue', { disposition: 'ANSWERED', lastapp: 'Queue', dstchannel: '' }, 'inbound', 'missed', 'O5-answered-by-pbx-only'],
    ['answered by agent', { disposition: 'ANSWERED', dstchannel: 'PJSIP/101-1' }, 'inbound', 'answered', 'O6-answered'],
    ['numeric answered', { disposition: '8', dstchannel: 'PJSIP/101-1' }, 'inbound', 'answered', 'O6-answered'],
    ['outbound answered, no dst channel recorded', { disposition: 'ANSWERED', dstchannel: '' }, 'outbound', 'answered', 'O6-answered'],
    ['unknown with talk time', { disposition: 'WEIRD', billsec: 10 }, 'inbound', 'answered', 'O7-unknown-disposition'],
    ['unknown without talk time', { disposition: '', billsec: 0 }, 'inbound', 'failed', 'O7-unknown-disposition'],
  ])('%s', (_name, over, direction, outcome, rule) => {
    expect(cdrOutcome(row(over), direction)).toEqual({ outcome, rule });
  });

  it('normalises disposition spellings', () => {
    expect(normaliseDisposition(' no_answer ')).toBe('NO ANSWER');
    expect(normaliseDisposition('NOANSWER')).toBe('NO ANSWER');
    expect(normaliseDisposition('16')).toBe('CONGESTION');
  });
});

describe('parseClid', () => {
  it.each([
    ['"Jane Doe" <+4930123456>', { name: 'Jane Doe', number: '+4930123456' }],
    ['Jane <101>', { name: 'Jane', number: '101' }],
    ['"" <030123>', { number: '030123' }],
    ['030123456', { number: '030123456' }],
    ['Jane Doe', { name: 'Jane Doe' }],
    ['', {}],
  ])('%j', (clid, expected) => expect(parseClid(clid)).toEqual(expected));
});

describe('cdrToCallRecord', () => {
  const opts = { sourceId: 'pbx', defaultRegion: 'DE', isExtension: isExt, raw: {}, rawText: 'line' };

  it('inbound: customer from src, name from clid, agent from the bridged channel', () => {
    const { record, problems } = cdrToCallRecord(
      row({ src: '030 1234567', clid: '"Acme GmbH" <0301234567>', dst: '4930999', channel: 'SIP/trunk-1', dstchannel: 'PJSIP/101-2' }),
      opts,
    );
    expect(problems).toEqual([]);
    expect(record).toMatchObject({ customerNumber: '+49301234567', customerName: 'Acme GmbH', agent: '101', direction: 'inbound', outcome: 'answered', durationSec: 60, billSec: 50 });
    expect(record.raw).toMatchObject({ directionRule: 'D3-external-to-internal', outcomeRule: 'O6-answered' });
  });

  it('outbound: customer is the dialled number', () => {
    const { record } = cdrToCallRecord(row({ src: '101', dst: '00442079460958', channel: 'PJSIP/101-1', dstchannel: 'SIP/trunk-2' }), opts);
    expect(record).toMatchObject({ customerNumber: '+442079460958', agent: '101', direction: 'outbound' });
  });

  it('an unparseable number is kept raw with a warning and a problem, not dropped', () => {
    const { record, problems } = cdrToCallRecord(row({ src: '12', dst: '101', dstchannel: 'PJSIP/101-1' }), opts);
    expect(record.customerNumber).toBe('12');
    expect(record.warnings.join()).toContain('not a valid phone number');
    expect(problems[0]).toContain('unparseable number');
  });

  it('withheld callers have an empty customer number and no problem', () => {
    const { record, problems } = cdrToCallRecord(row({ src: 'anonymous', dst: '101', dstchannel: 'PJSIP/101-1' }), opts);
    expect(record.customerNumber).toBe('');
    expect(problems).toEqual([]);
  });

  it('links the recording: FreePBX recordingfile or an audio userfield, through the source\'s URL template', () => {
    const tpl = 'https://pbx.example.com/monitor/{yyyy}/{mm}/{dd}/{file}';
    const file = 'in-101-0301234567-20260314-101500-1773483300.12.wav';
    const rec = (over: Parameters<typeof row>[0], recordingUrl?: string, calldate = '2026-03-14 10:15:00') =>
      cdrToCallRecord(row({ src: '0301234567', dst: '101', dstchannel: 'PJSIP/101-1', ...over }), { ...opts, raw: { calldate }, recordingUrl }).record.recordingUrl;
    expect(rec({ recordingfile: file }, tpl)).toBe(`https://pbx.example.com/monitor/2026/03/14/${file}`);
    // Master.csv: the dialplan put the file in userfield; the date comes from the start column.
    expect(cdrToCallRecord(row({ src: '0301234567', dst: '101', dstchannel: 'PJSIP/101-1', userfield: 'q-200-x.wav' }), { ...opts, raw: { start: '2026-01-02 08:00:00' }, recordingUrl: tpl }).record.recordingUrl).toBe('https://pbx.example.com/monitor/2026/01/02/q-200-x.wav');
    // Without {file}, the name is appended; names are URL-encoded, paths in them dropped.
    expect(rec({ recordingfile: '/var/spool/asterisk/monitor/a b.wav' }, 'https://rec.example.com/files/')).toBe('https://rec.example.com/files/a%20b.wav');
    // A userfield that is not an audio file name, no setting, or a non-web setting: no link.
    expect(rec({ userfield: 'VIP customer' }, tpl)).toBeUndefined();
    expect(rec({ recordingfile: file }, undefined)).toBeUndefined();
    expect(rec({ recordingfile: file }, 'file:///var/spool/{file}')).toBeUndefined();
    // A recordingfile that is already a web address is used as it is.
    expect(rec({ recordingfile: 'https://store.example.com/r/1.mp3' }, undefined)).toBe('https://store.example.com/r/1.mp3');
  });

  it('keys by uniqueid+sequence when both exist, else by a hash of the raw row', () => {
    expect(cdrSourceKey(row({ uniqueid: '1.2', sequence: '7' }), 's', 'x')).toBe('s:1.2:7');
    const a = cdrSourceKey(row({ uniqueid: '1.2' }), 's', 'raw line A');
    expect(a).toMatch(/^s:h[0-9a-f]{16}$/);
    expect(cdrSourceKey(row({ uniqueid: '1.2' }), 's', 'raw line A')).toBe(a);
    expect(cdrSourceKey(row({ uniqueid: '1.2' }), 's', 'raw line B')).not.toBe(a);
  });
});
