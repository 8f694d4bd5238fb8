import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendFile, copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCsvGenericConnector } from '../../../src/main/connectors/csv-generic/csv-generic-connector';
import { previewCsv } from '../../../src/main/connectors/csv-generic/csv-preview';
import type { CsvGenericSourceConfig } from '../../../src/shared/ipc/schemas';
import { calls, recordingContext } from './helpers';

const fixture = join(__dirname, '../../fixtures/cdr/generic-export.csv');
let dir: string;
let file: string;

const config = (over: Partial<CsvGenericSourceConfig> = {}): CsvGenericSourceConfig => ({
  id: 'other-pbx',
  label: 'Other PBX',
  enabled: true,
  kind: 'csv-generic',
  path: file,
  presetName: 'Acme Cloud PBX',
  mapping: { id: 'Call ID', start: 'Started', caller: 'From', callee: 'To', direction: 'Direction', duration: 'Talk time', outcome: 'Status', recording: 'Recording', agent: 'Agent' },
  delimiter: ';',
  timeZone: 'Europe/Berlin',
  defaultRegion: 'DE',
  extensionPattern: '^2\\d\\d$',
  ...over,
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sb-csv-generic-'));
  file = join(dir, 'export.csv');
  await copyFile(fixture, file);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('csv-generic connector', () => {
  it('maps columns with an explicit time zone; bad rows are reported with their line, good ones import', async () => {
    const c = createCsvGenericConnector(config(), recordingContext());
    const b = await c.pull(null, 100);
    const r = calls(b);
    expect(r.map((x) => x.sourceKey)).toEqual(['other-pbx:id:c-1', 'other-pbx:id:c-2', 'other-pbx:id:c-3', 'other-pbx:id:c-7']);
    // 01:30 on the spring-forward day is still CET (+1); 03:30 is CEST (+2).
    expect(r[0]).toMatchObject({ start: Date.UTC(2024, 2, 31, 0, 30), customerNumber: '+491712345678', direction: 'inbound', outcome: 'answered', durationSec: 125, agent: 'alice', recordingUrl: 'https://rec.example/c-1.mp3' });
    expect(r[1]).toMatchObject({ start: Date.UTC(2024, 2, 31, 1, 30), customerNumber: '+442079460958', direction: 'outbound', agent: 'bob' });
    expect(r[2]).toMatchObject({ customerNumber: '+12125550100', outcome: 'missed' });
    expect(r[3]).toMatchObject({ outcome: 'voicemail', customerNumber: '' });
    expect((b.problems ?? []).map((p) => [p.file, p.line, p.reason])).toEqual([
      ['export.csv', 5, expect.stringContaining('impossible date')],
      ['export.csv', 6, expect.stringContaining('direction "Sideways"')],
      ['export.csv', 7, expect.stringContaining('expected 9 fields')],
      ['export.csv', 8, expect.stringContaining('unparseable number: "not a number" holds no digits')],
    ]);
  });

  it('a different zone moves the same wall-clock times', async () => {
    const c = createCsvGenericConnector(config({ timeZone: 'America/Sao_Paulo', defaultRegion: 'BR' }), recordingContext());
    const r = calls(await c.pull(null, 100));
    expect(r[0]?.start).toBe(Date.UTC(2024, 2, 31, 4, 30));
  });

  it('reads appended rows incrementally and names mapped columns missing from the header', async () => {
    const c = createCsvGenericConnector(config(), recordingContext());
    const b1 = await c.pull(null, 100);
    await appendFile(file, 'c-8;2024-04-01 10:00:00;030 1234567;202;in;60;ok;;\n');
    const b2 = await c.pull(b1.cursor, 100);
    expect(calls(b2).map((x) => [x.sourceKey, x.start])).toEqual([['other-pbx:id:c-8', Date.UTC(2024, 3, 1, 8)]]);

    const broken = createCsvGenericConnector(config({ mapping: { start: 'Started', caller: 'From', callee: 'Callee' } }), recordingContext());
    await expect(broken.pull(null, 100)).rejects.toMatchObject({ code: 'parse', message: expect.stringContaining('callee -> "Callee"') });
  });

  it('sources:csv-preview returns header, first rows and the sniffed delimiter (the sources:csv-preview handler)', async () => {
    const direct = await previewCsv({ path: file, rows: 2 });
    expect(direct.delimiter).toBe(';');
    expect(direct.headers).toEqual(['Call ID', 'Started', 'From', 'To', 'Direction', 'Talk time', 'Status', 'Recording', 'Agent']);
    expect(direct.rows).toHaveLength(2);
    expect(direct.rows[1]?.[3]).toBe('0044 20 7946 0958');

    const commaFile = join(dir, 'comma.csv');
    await writeFile(commaFile, '\uFEFFid,when,"who, really"\n1,2024-01-01 10:00,"a,b"\n');
    const preview = await previewCsv({ path: commaFile });
    expect(preview).toEqual({ headers: ['id', 'when', 'who, really'], rows: [['1', '2024-01-01 10:00', 'a,b']], delimiter: ',' });
    await expect(previewCsv({ path: join(dir, 'missing.csv') })).rejects.toMatchObject({ code: 'not-found' });
  });
});
