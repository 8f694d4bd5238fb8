/**
 * Add or edit one source. The password is typed here and only travels with sources:test and
 * sources:save; main never sends it back (hasPassword says "saved"). Validation runs locally with
 * the shared schema and again in main; main's invalid-payload answer is shown at the field it names.
 */
import { useEffect, useRef, useState } from 'react';
import type { StoredSource, TestReport } from '../../../../shared/ipc/contract';
import type { SourceConfig } from '../../../../shared/ipc/schemas';
import { CodedError } from '../../../../shared/result';
import { call } from '../../api';
import { appServices } from '../../app-services';
import { db } from '../../db/instance';
import { clearSourceData } from '../../db/repos/source-data';
import { formSubmitHandlers } from '../../lib/form-submit';
import { useStatus } from '../../stores/status-store';
import { useUi } from '../../stores/ui-store';
import { CsvGenericFields } from './CsvGenericFields';
import { autoLabel, KIND_HINT, KIND_LABEL, parseInvalidPayload, validate, type FieldErrors, type RealKind } from './form-model';
import { CdrCsvFields, CdrSqlFields, ImapFields, XmppFields } from './source-fields';
import { useSources } from './sources-store';
import { SourceStatusLine } from './SourceStatusLine';
import { TestReportView } from './TestReportView';

export interface SourceFormProps {
  initial: SourceConfig;
  hasPassword: boolean;
  isNew: boolean;
  onSaved(saved: StoredSource): void;
  onRemoved(): void;
  onCancel(): void;
}

export function SourceForm({ initial, hasPassword: initialHasPassword, isNew, onSaved, onRemoved, onCancel }: SourceFormProps) {
  const [config, setConfig] = useState<SourceConfig>(initial);
  const [password, setPassword] = useState('');
  const [hasPassword, setHasPassword] = useState(initialHasPassword);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [showErrors, setShowErrors] = useState(false);
  const [banner, setBanner] = useState<{ kind: 'error' | 'secrets' | 'ok'; text: string } | undefined>();
  const [report, setReport] = useState<TestReport | 'running' | undefined>();
  const [busy, setBusy] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [dropData, setDropData] = useState(false);
  const [xmppPlain, setXmppPlain] = useState(initial.kind === 'xmpp' && initial.security === 'plain');
  const kind = config.kind as RealKind;
  const formRef = useRef<HTMLFormElement>(null);
  const [focusError, setFocusError] = useState(0);

  // Keep what just happened in view: the banner, the test steps, or the first field to fix.
  useEffect(() => {
    if (banner) formRef.current?.querySelector('.form-banner')?.scrollIntoView({ block: 'nearest' });
  }, [banner]);
  useEffect(() => {
    if (report && report !== 'running') formRef.current?.querySelector('.test-report')?.scrollIntoView({ block: 'nearest' });
  }, [report]);
  useEffect(() => {
    if (!focusError) return;
    const el = formRef.current?.querySelector<HTMLElement>('[data-invalid="true"] input, [data-invalid="true"] select, [data-invalid="true"] textarea');
    el?.focus();
    el?.scrollIntoView({ block: 'center' });
  }, [focusError]);

  const set = (patch: Partial<SourceConfig>) => {
    const next = { ...config, ...patch } as SourceConfig;
    setConfig(next);
    setReport(undefined);
    if (showErrors) setErrors(validate(next, { password, hasPassword }));
  };
  const onPassword = (v: string) => {
    setPassword(v);
    if (showErrors) setErrors(validate(config, { password: v, hasPassword }));
  };

  const prepared = (): SourceConfig => {
    const c = { ...config, label: autoLabel(config) } as SourceConfig;
    if (c.kind === 'imap') {
      c.user = c.user.trim() || c.email.trim();
      // The Sent folder is synced too, so the replies sent from here appear on the timeline.
      if (c.sentFolder && !c.folders.includes(c.sentFolder)) c.folders = [...c.folders, c.sentFolder];
    }
    return c;
  };

  const check = (): boolean => {
    const found = validate(prepared(), { password, hasPassword });
    if (config.kind === 'xmpp' && config.security === 'plain' && !xmppPlain) found.security = 'Unencrypted needs "Allow unencrypted".';
    setErrors(found);
    setShowErrors(true);
    if (Object.keys(found).length) {
      setBanner({ kind: 'error', text: `Please fix ${Object.keys(found).length === 1 ? 'the field' : `${Object.keys(found).length} fields`} marked in red.` });
      setFocusError((n) => n + 1);
      return false;
    }
    return true;
  };

  const showFailure = (e: unknown) => {
    if (e instanceof CodedError && e.code === 'secrets-unavailable') {
      setBanner({ kind: 'secrets', text: e.message });
      return;
    }
    if (e instanceof CodedError && e.code === 'invalid-payload') {
      const { path, reason } = parseInvalidPayload(e.message);
      if (path) {
        setErrors((x) => ({ ...x, [path]: reason }));
        setShowErrors(true);
      }
      setBanner({ kind: 'error', text: `The app refused these settings: ${path ? `${path}: ` : ''}${reason}` });
      return;
    }
    setBanner({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
  };

  const test = async () => {
    setBanner(undefined);
    if (!check()) return;
    setReport('running');
    try {
      setReport(await call('sources:test', { config: prepared(), password: password || undefined }));
    } catch (e) {
      setReport(undefined);
      showFailure(e);
    }
  };

  const save = async () => {
    setBanner(undefined);
    if (!check()) return;
    setBusy(true);
    try {
      const wasDemo = useStatus.getState().demo;
      const saved = await call('sources:save', { config: prepared(), password: password || undefined });
      setPassword('');
      setHasPassword(saved.hasPassword);
      setConfig(saved.config);
      await useSources.getState().refresh();
      void appServices()?.syncAll();
      useUi.getState().notify(`${saved.config.label} saved${saved.config.enabled ? ': syncing' : ''}.`);
      setBanner({ kind: 'ok', text: isNew ? 'Saved. Syncing has started; progress shows in the status bar.' : 'Saved.' });
      onSaved(saved);
      if (wasDemo) useStatus.getState().setApp({ demo: false, agentName: useStatus.getState().agentName });
    } catch (e) {
      showFailure(e);
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!confirmRemove) return setConfirmRemove(true);
    setBusy(true);
    try {
      await call('sources:remove', { id: config.id });
      if (dropData) await clearSourceData(db(), config.id);
      await useSources.getState().refresh();
      void appServices()?.syncAll();
      useUi.getState().notify(`${config.label} removed.`);
      onRemoved();
    } catch (e) {
      showFailure(e);
    } finally {
      setBusy(false);
    }
  };

  const pw = { password, hasPassword, onPassword };
  const shown = showErrors ? errors : {};
  return (
    <form
      ref={formRef}
      noValidate
      className="source-form"
      data-kind={kind}
      aria-label={`${isNew ? 'Add' : 'Edit'} ${KIND_LABEL[kind]}`}
      {...formSubmitHandlers(save)}
    >
      <header className="form-head">
        <div>
          <h2>
            {isNew ? 'Add' : 'Edit'}: {KIND_LABEL[kind]}
          </h2>
          <p className="muted">{KIND_HINT[kind]}</p>
          {!isNew && <SourceStatusLine sourceId={config.id} />}
        </div>
        <label className="enabled-toggle">
          <input type="checkbox" checked={config.enabled} onChange={(e) => set({ enabled: e.target.checked })} /> Enabled
        </label>
      </header>

      {banner && (
        <div className={`form-banner ${banner.kind}`} role={banner.kind === 'ok' ? 'status' : 'alert'} data-testid={`banner-${banner.kind}`}>
          {banner.kind === 'secrets' && <strong>Password not saved. </strong>}
          {banner.text}
        </div>
      )}

      <div className="form-grid">
        {config.kind === 'imap' && <ImapFields config={config} set={set} errors={shown} {...pw} />}
        {config.kind === 'xmpp' && <XmppFields config={config} set={set} errors={shown} {...pw} allowPlain={xmppPlain} setAllowPlain={setXmppPlain} />}
        {config.kind === 'cdr-csv' && <CdrCsvFields config={config} set={set} errors={shown} />}
        {config.kind === 'cdr-sql' && <CdrSqlFields config={config} set={set} errors={shown} {...pw} />}
        {config.kind === 'csv-generic' && <CsvGenericFields config={config} set={set} errors={shown} />}
      </div>

      {report && <TestReportView report={report} />}

      <footer className="form-actions">
        <button type="button" className="btn" onClick={() => void test()} disabled={report === 'running' || busy} data-testid="test-connection">
          {report === 'running' ? 'Testing…' : 'Test connection'}
        </button>
        <button type="submit" className="btn primary" disabled={busy} data-testid="save-source">
          {busy ? 'Saving…' : isNew ? 'Save and start syncing' : 'Save'} <kbd>Ctrl+Enter</kbd>
        </button>
        <button type="button" className="btn ghost" onClick={onCancel}>
          {isNew ? 'Cancel' : 'Close'}
        </button>
        <span className="spacer" />
        {!isNew && (
          <span className="remove-box">
            {confirmRemove && (
              <label className="muted">
                <input type="checkbox" checked={dropData} onChange={(e) => setDropData(e.target.checked)} /> also delete its messages from this computer
              </label>
            )}
            <button type="button" className="btn danger" onClick={() => void remove()} disabled={busy} data-testid="remove-source">
              {confirmRemove ? 'Really remove' : 'Remove account'}
            </button>
          </span>
        )}
      </footer>
    </form>
  );
}
