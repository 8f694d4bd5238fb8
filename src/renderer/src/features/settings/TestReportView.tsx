/** The steps of "Test connection", each with a clear pass or fail and main's message. */
import type { TestReport } from '../../../../shared/ipc/contract';

const STEP_LABEL: Record<string, string> = {
  dns: 'Name lookup (DNS)',
  tcp: 'Connection (TCP)',
  tls: 'Encryption (TLS)',
  auth: 'Sign-in',
  capability: 'Server features',
  read: 'Reading',
  send: 'Sending',
};

export function TestReportView({ report }: { report: TestReport | 'running' }) {
  if (report === 'running') {
    return (
      <div className="test-report" role="status" aria-live="polite" data-testid="test-report" data-state="running">
        <div className="test-title">Testing the connection…</div>
      </div>
    );
  }
  return (
    <div className="test-report" role="status" aria-live="polite" data-testid="test-report" data-state={report.ok ? 'ok' : 'failed'}>
      <div className={`test-title ${report.ok ? 'ok' : 'failed'}`}>{report.ok ? 'All checks passed' : 'The connection test failed'}</div>
      {report.steps.length === 0 && <p className="muted">This kind of source has no network checks.</p>}
      <ol className="test-steps">
        {report.steps.map((s, i) => (
          <li key={`${s.step}-${i}`} data-step={s.step} data-ok={s.ok}>
            <span className={`step-mark ${s.ok ? 'ok' : 'failed'}`} aria-label={s.ok ? 'passed' : 'failed'}>
              {s.ok ? '✓' : '✗'}
            </span>
            <span className="step-name">{STEP_LABEL[s.step] ?? s.step}</span>
            <span className="step-msg" dir="auto">
              {s.message}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
