import { ACTIONS, type Bindings } from '../../keyboard/actions';
import { describeBinding } from '../../keyboard/chord';

export function CheatSheet({ bindings, onClose }: { bindings: Bindings; onClose(): void }) {
  const groups = [...new Set(ACTIONS.map((a) => a.group))];
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" onClick={onClose}>
      <div className="dialog" onClick={(e) => e.stopPropagation()}>
        <header>
          Keyboard shortcuts<span className="spacer" />
          <kbd>Esc</kbd>
        </header>
        {groups.map((g) => (
          <section key={g}>
            <div className="side-title" style={{ padding: '12px 16px 0' }}>{g}</div>
            <div className="keys-grid">
              {ACTIONS.filter((a) => a.group === g).map((a) => (
                <div key={a.id} data-action={a.id}>
                  <span>{a.label}</span>
                  <span>
                    {(bindings[a.id] ?? []).map((k) => (
                      <kbd key={k} style={{ marginLeft: 4 }}>{describeBinding(k)}</kbd>
                    ))}
                  </span>
                </div>
              ))}
            </div>
          </section>
        ))}
      </div>
    </div>
  );
}
