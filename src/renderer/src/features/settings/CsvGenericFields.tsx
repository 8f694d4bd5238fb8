/**
 * Generic call-log CSV: the path, then a column-mapping step. main reads the first rows
 * ('sources:csv-preview'); the agent maps columns to call fields, sees the mapped columns marked in
 * the preview, and saves the mapping as a named preset (reusable for the next file of that PBX).
 */
import { useMemo, useState } from 'react';
import type { CsvPreview } from '../../../../shared/ipc/contract';
import type { ColumnMapping, CsvGenericSourceConfig } from '../../../../shared/ipc/schemas';
import { call } from '../../api';
import { useSources } from './sources-store';
import { SelectField, TextField } from './fields';
import type { FieldErrors } from './form-model';
import { AccountNameField, PhoneNumbersFieldset } from './source-fields';

const TARGETS: { key: keyof ColumnMapping; label: string; required?: boolean; hint: string }[] = [
  { key: 'start', label: 'Start time', required: true, hint: 'when the call began' },
  { key: 'caller', label: 'Caller', required: true, hint: 'number that called' },
  { key: 'callee', label: 'Callee', required: true, hint: 'number that was called' },
  { key: 'direction', label: 'Direction', hint: 'in/out; else from extensions' },
  { key: 'duration', label: 'Duration', hint: 'seconds or h:mm:ss' },
  { key: 'outcome', label: 'Outcome', hint: 'answered, missed, busy…' },
  { key: 'recording', label: 'Recording', hint: 'URL of the recording' },
  { key: 'agent', label: 'Agent', hint: 'extension or name' },
  { key: 'id', label: 'Call id', hint: 'unique id, for exact de-duplication' },
];

/** Guess a column for each target from header names (the agent confirms or changes it). */
export function guessMapping(headers: string[]): Partial<ColumnMapping> {
  const find = (...res: RegExp[]) => headers.find((h) => res.some((re) => re.test(h)));
  return {
    start: find(/^(start|date|time|calldate|call.?date|timestamp|begin)/i),
    caller: find(/^(caller|from|src|source|calling|ani)/i),
    callee: find(/^(callee|to|dst|dest|called|dnis)/i),
    direction: find(/direction|^type$/i),
    duration: find(/duration|billsec|length|talk/i),
    outcome: find(/outcome|disposition|status|result/i),
    recording: find(/record|recording|url/i),
    agent: find(/agent|extension|^user/i),
    id: find(/^(id|uniqueid|call.?id|uuid)$/i),
  };
}

function preview(path: string, delimiter: CsvGenericSourceConfig['delimiter'] | undefined): Promise<CsvPreview> {
  return call('sources:csv-preview', { path, delimiter, rows: 8 });
}

export function CsvGenericFields({ config: c, set, errors }: { config: CsvGenericSourceConfig; set(p: Partial<CsvGenericSourceConfig>): void; errors: FieldErrors }) {
  const [data, setData] = useState<CsvPreview | undefined>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const list = useSources((s) => s.list);
  const presets = useMemo(() => list.flatMap((x) => (x.config.kind === 'csv-generic' && x.config.presetName && x.config.id !== c.id ? [x.config] : [])), [list, c.id]);

  const load = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      // The first read lets main sniff the delimiter; later reads use the one chosen here.
      const p = await preview(c.path, data ? c.delimiter : undefined);
      setData(p);
      const patch: Partial<CsvGenericSourceConfig> = {};
      if (p.delimiter && p.delimiter !== c.delimiter && [',', ';', '\t', '|'].includes(p.delimiter)) patch.delimiter = p.delimiter as CsvGenericSourceConfig['delimiter'];
      if (!c.mapping.start && !c.mapping.caller) {
        const g = guessMapping(p.headers);
        patch.mapping = { ...c.mapping, ...Object.fromEntries(Object.entries(g).filter(([, v]) => v)) } as ColumnMapping;
      }
      if (Object.keys(patch).length) set(patch);
    } catch (e) {
      setData(undefined);
      setProblem(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const mappedBy = new Map<string, string>();
  for (const t of TARGETS) {
    const col = c.mapping[t.key];
    if (col) mappedBy.set(col, t.label);
  }
  const headers = data?.headers ?? [...new Set(Object.values(c.mapping).filter((v): v is string => !!v))];

  return (
    <>
      <fieldset>
        <legend>File</legend>
        <TextField label="Path to the CSV file" path="path" errors={errors} value={c.path} wide onChange={(path) => set({ path })} />
        <SelectField<CsvGenericSourceConfig['delimiter']>
          label="Delimiter"
          path="delimiter"
          errors={errors}
          value={c.delimiter}
          options={[
            { value: ',', label: 'Comma ,' },
            { value: ';', label: 'Semicolon ;' },
            { value: '\t', label: 'Tab' },
            { value: '|', label: 'Pipe |' },
          ]}
          onChange={(delimiter) => set({ delimiter })}
        />
        <div className="field">
          <label>&nbsp;</label>
          <button type="button" className="btn" onClick={() => void load()} disabled={!c.path || busy} data-testid="csv-preview">
            {busy ? 'Reading…' : data ? 'Read again' : 'Read the first rows'}
          </button>
        </div>
        <AccountNameField value={c.label} placeholder="Phone calls" errors={errors} onChange={(label) => set({ label })} />
        {problem && (
          <div className="form-banner error wide" role="alert">
            Could not read the file: {problem}
          </div>
        )}
      </fieldset>
      <fieldset>
        <legend>Columns</legend>
        {presets.length > 0 && (
          <SelectField<string>
            label="Start from a saved preset"
            path="preset"
            errors={{}}
            value=""
            options={[{ value: '', label: '—' }, ...presets.map((p) => ({ value: p.id, label: p.presetName }))]}
            onChange={(id) => {
              const p = presets.find((x) => x.id === id);
              if (p) set({ mapping: p.mapping, delimiter: p.delimiter, timeZone: p.timeZone, presetName: p.presetName });
            }}
          />
        )}
        {headers.length === 0 && <p className="muted wide">Read the first rows to map the file's columns.</p>}
        {headers.length > 0 &&
          TARGETS.map((t) => (
            <SelectField<string>
              key={t.key}
              label={`${t.label}${t.required ? ' *' : ''}`}
              path={`mapping.${t.key}`}
              errors={errors}
              value={c.mapping[t.key] ?? ''}
              hint={t.hint}
              options={[{ value: '', label: t.required ? 'Choose a column…' : '— not in this file' }, ...headers.map((h) => ({ value: h, label: h }))]}
              onChange={(v) => {
                const next = { ...c.mapping, [t.key]: v || undefined } as ColumnMapping;
                if (t.required) next[t.key as 'start'] = v;
                set({ mapping: next });
              }}
            />
          ))}
        <TextField
          label="Save this mapping as preset"
          path="presetName"
          errors={errors}
          value={c.presetName}
          placeholder="e.g. 3CX export"
          onChange={(presetName) => set({ presetName })}
        />
      </fieldset>
      {data && (
        <div className="csv-preview wide" role="region" aria-label="First rows of the file">
          <table>
            <thead>
              <tr>
                {data.headers.map((h) => (
                  <th key={h} data-mapped={mappedBy.has(h)}>
                    <span dir="auto">{h}</span>
                    {mappedBy.has(h) && <span className="map-tag">{mappedBy.get(h)}</span>}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r, i) => (
                <tr key={i}>
                  {data.headers.map((h, j) => (
                    <td key={h} data-mapped={mappedBy.has(h)} dir="auto">
                      {r[j] ?? ''}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <PhoneNumbersFieldset config={c} set={set} errors={errors} />
    </>
  );
}
