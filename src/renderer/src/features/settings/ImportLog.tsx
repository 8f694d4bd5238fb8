/** Problems found in imported data (bad CSV rows, unreadable CDR lines): nothing valid was lost. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { db } from '../../db/instance';
import { formatDateTime } from '../../lib/format';
import { useSources } from './sources-store';
import { latestProblems } from '../../db/repos/rows';

export function ImportLog() {
  const problems = useLiveQuery(() => latestProblems(db(), 500), []);
  const list = useSources((s) => s.list);
  const labels = useMemo(() => Object.fromEntries(list.map((x) => [x.config.id, x.config.label])), [list]);
  return (
    <section className="import-log" aria-label="Import log">
      <header className="form-head">
        <div>
          <h2>Import log</h2>
          <p className="muted">Rows the importers could not use. Everything else from those files was imported. A skipped row is not read again: fix it at the source and re-import the file (remove and add the source) if you need it.</p>
        </div>
      </header>
      {problems && problems.length === 0 && <p className="muted">No problems so far.</p>}
      {problems && problems.length > 0 && (
        <table className="log-table" data-testid="import-log">
          <thead>
            <tr>
              <th>When</th>
              <th>Source</th>
              <th>File</th>
              <th>Line</th>
              <th>Reason</th>
            </tr>
          </thead>
          <tbody>
            {problems.map((p) => (
              <tr key={p.seq}>
                <td>{formatDateTime(p.ts)}</td>
                <td>{labels[p.sourceId] ?? p.sourceId}</td>
                <td className="mono" title={p.file}>
                  {p.file?.split(/[\\/]/).pop() ?? '—'}
                </td>
                <td className="num">{p.line ?? '—'}</td>
                <td dir="auto">{p.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
