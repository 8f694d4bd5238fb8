/**
 * Settings: the configured sources with their live state, a form per kind to add or edit one, the
 * import log, and the offer to clear the demo workspace once a real account exists.
 * Opened with `g ,` / Ctrl+, or from the command palette; Escape closes it.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import type { StoredSource } from '../../../../shared/ipc/contract';
import type { SourceConfig } from '../../../../shared/ipc/schemas';
import { db } from '../../db/instance';
import { clearSourceData, sourceDataCount } from '../../db/repos/source-data';
import { useStatus } from '../../stores/status-store';
import { useUi } from '../../stores/ui-store';
import { ImportLog } from './ImportLog';
import { defaultConfig, KIND_HINT, KIND_LABEL, type RealKind } from './form-model';
import { SourceForm } from './SourceForm';
import { stateLabel } from './SourceStatusLine';
import { useSources } from './sources-store';
import { useTriage } from '../triage/triage-store';
import { problemCount } from '../../db/repos/rows';

type View = { type: 'home' } | { type: 'edit'; config: SourceConfig; hasPassword: boolean; isNew: boolean; key: string } | { type: 'import-log' };

const KINDS: RealKind[] = ['imap', 'xmpp', 'cdr-csv', 'cdr-sql', 'csv-generic'];
const DEMO_ID = 'demo';

export function SettingsOverlay({ onClose }: { onClose(): void }) {
  const { list, loaded, error, refresh } = useSources();
  const statuses = useStatus((s) => s.sources);
  const [view, setView] = useState<View>({ type: 'home' });
  const problems = useLiveQuery(() => problemCount(db()), []);
  const firstRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    void refresh();
    firstRef.current?.focus();
  }, [refresh]);

  const edit = (s: StoredSource) => setView({ type: 'edit', config: s.config, hasPassword: s.hasPassword, isNew: false, key: s.config.id });
  const add = (kind: RealKind) => {
    const config = defaultConfig(kind);
    setView({ type: 'edit', config, hasPassword: false, isNew: true, key: config.id });
  };
  const real = list.filter((s) => s.config.kind !== 'demo');

  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label="Settings" onClick={onClose}>
      <div className="dialog settings" onClick={(e) => e.stopPropagation()}>
        <header>
          Settings<span className="spacer" />
          <span className="muted">
            <kbd>Esc</kbd> close
          </span>
        </header>
        <div className="settings-body">
          <nav className="settings-nav" aria-label="Settings sections">
            <div className="side-title">Accounts</div>
            {loaded && real.length === 0 && <p className="muted small">None yet: the demo workspace is shown.</p>}
            {error && <p className="field-error">{error}</p>}
            {real.map((s, i) => {
              const st = statuses[s.config.id];
              return (
                <button
                  key={s.config.id}
                  ref={i === 0 ? firstRef : undefined}
                  type="button"
                  className="settings-item"
                  data-source-item={s.config.id}
                  aria-current={view.type === 'edit' && view.config.id === s.config.id}
                  onClick={() => edit(s)}
                >
                  <span className={`dot ${s.config.enabled ? (st?.state ?? '') : 'disabled'}`} />
                  <span className="grow">
                    <span className="name" dir="auto">
                      {s.config.label}
                    </span>
                    <span className="sub">
                      {KIND_LABEL[s.config.kind]} · {s.config.enabled ? (st ? stateLabel(st.state) : 'not connected yet') : 'disabled'}
                    </span>
                    {st?.message && st.state !== 'online' && (
                      <span className="sub err" dir="auto">
                        {st.message}
                      </span>
                    )}
                  </span>
                </button>
              );
            })}
            <div className="side-title">Add an account</div>
            {KINDS.map((k, i) => (
              <button
                key={k}
                ref={i === 0 && real.length === 0 ? firstRef : undefined}
                type="button"
                className="settings-item add"
                data-add-kind={k}
                aria-current={view.type === 'edit' && view.isNew && view.config.kind === k}
                onClick={() => add(k)}
              >
                <span className="plus" aria-hidden>
                  +
                </span>
                <span className="grow">{KIND_LABEL[k]}</span>
              </button>
            ))}
            <div className="side-title">Data</div>
            <button type="button" className="settings-item" aria-current={view.type === 'import-log'} onClick={() => setView({ type: 'import-log' })} data-testid="open-import-log">
              <span className="grow">Import log</span>
              <span className="count">{problems || ''}</span>
            </button>
            <button type="button" className="settings-item" onClick={() => useUi.getState().setOverlay('outbox')}>
              <span className="grow">Outbox</span>
              <kbd>g o</kbd>
            </button>
            <div className="side-title">App</div>
            <button
              type="button"
              className="settings-item"
              data-testid="open-keyboard-settings"
              onClick={() => {
                onClose();
                useTriage.getState().openDialog({ kind: 'keyboard', threadIds: [] });
              }}
            >
              <span className="grow">Keyboard shortcuts</span>
              <kbd>g k</kbd>
            </button>
          </nav>
          <div className="settings-content">
            {view.type === 'home' && <Home hasReal={real.length > 0} onAdd={add} />}
            {view.type === 'import-log' && <ImportLog />}
            {view.type === 'edit' && !view.isNew && real.length > 0 && <DemoOffer />}
            {view.type === 'edit' && (
              <SourceForm
                key={view.key}
                initial={view.config}
                hasPassword={view.hasPassword}
                isNew={view.isNew}
                onSaved={(saved) => setView({ type: 'edit', config: saved.config, hasPassword: saved.hasPassword, isNew: false, key: view.key })}
                onRemoved={() => setView({ type: 'home' })}
                onCancel={() => setView({ type: 'home' })}
              />
            )}
          </div>
        </div>
      </div>
    </div>
  );
}

function Home({ hasReal, onAdd }: { hasReal: boolean; onAdd(k: RealKind): void }) {
  return (
    <section className="settings-home">
      <h2>{hasReal ? 'Your accounts' : 'Connect your channels'}</h2>
      <p className="muted">
        {hasReal
          ? 'Pick an account on the left to see its state, test it or change it.'
          : 'Switchboard shows a demo workspace until you connect a real account. Everything stays on this computer; passwords are kept encrypted by the app.'}
      </p>
      {hasReal && <DemoOffer />}
      <div className="kind-cards">
        {KINDS.map((k) => (
          <button key={k} type="button" className="kind-card" onClick={() => onAdd(k)}>
            <b>{KIND_LABEL[k]}</b>
            <span className="muted">{KIND_HINT[k]}</span>
          </button>
        ))}
      </div>
    </section>
  );
}

/** Once a real account exists, the demo data can go (one transaction) or stay, clearly marked. */
export function DemoOffer() {
  const count = useLiveQuery(() => sourceDataCount(db(), DEMO_ID), []);
  const [busy, setBusy] = useState(false);
  if (!count) return null;
  return (
    <div className="form-banner info" role="note" data-testid="demo-offer">
      <b>Demo data is still here.</b> {count} sample messages and calls from the demo workspace remain in your local data (marked
      “demo” in the timeline). New demo data is no longer loaded.
      <div className="banner-actions">
        <button
          type="button"
          className="btn"
          disabled={busy}
          data-testid="clear-demo"
          onClick={async () => {
            setBusy(true);
            try {
              const r = await clearSourceData(db(), DEMO_ID);
              useUi.getState().notify(`Demo data removed: ${r.customers} customers, ${r.interactions} items.`);
            } finally {
              setBusy(false);
            }
          }}
        >
          Remove demo data
        </button>
      </div>
    </div>
  );
}
