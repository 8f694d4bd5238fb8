/** Small labelled form controls for the settings forms: every error sits next to its field. */
import { useId, type ReactNode } from 'react';
import type { FieldErrors } from './form-model';

interface FieldProps {
  label: string;
  path: string;
  errors: FieldErrors;
  hint?: ReactNode;
  wide?: boolean;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string; name: string }) => ReactNode;
}

export function Field({ label, path, errors, hint, wide, children }: FieldProps) {
  const id = useId();
  const error = errors[path];
  const describedBy = [error ? `${id}-err` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${wide ? ' wide' : ''}`} data-field={path} data-invalid={!!error}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': !!error, 'aria-describedby': describedBy, name: path })}
      {error && (
        <div className="field-error" id={`${id}-err`} role="alert">
          {error}
        </div>
      )}
      {hint && !error && (
        <div className="field-hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
    </div>
  );
}

export function TextField(props: {
  label: string;
  path: string;
  errors: FieldErrors;
  value: string;
  onChange(v: string): void;
  hint?: ReactNode;
  placeholder?: string;
  type?: 'text' | 'password' | 'email' | 'number';
  wide?: boolean;
  list?: string;
  autoComplete?: string;
  onBlur?(): void;
  dirAuto?: boolean;
}) {
  return (
    <Field label={props.label} path={props.path} errors={props.errors} hint={props.hint} wide={props.wide}>
      {(a) => (
        <input
          {...a}
          type={props.type ?? 'text'}
          value={props.value}
          placeholder={props.placeholder}
          list={props.list}
          autoComplete={props.autoComplete ?? 'off'}
          spellCheck={false}
          dir={props.dirAuto ? 'auto' : undefined}
          onChange={(e) => props.onChange(e.target.value)}
          onBlur={props.onBlur}
        />
      )}
    </Field>
  );
}

export function NumberField(props: { label: string; path: string; errors: FieldErrors; value: number; onChange(v: number): void; hint?: ReactNode; placeholder?: string; emptyIsZero?: boolean }) {
  return (
    <TextField
      {...props}
      type="number"
      value={props.emptyIsZero && props.value === 0 ? '' : String(props.value)}
      onChange={(v) => props.onChange(v.trim() === '' ? 0 : Number(v))}
    />
  );
}

export function SelectField<T extends string>(props: {
  label: string;
  path: string;
  errors: FieldErrors;
  value: T;
  options: { value: T; label: string; disabled?: boolean }[];
  onChange(v: T): void;
  hint?: ReactNode;
}) {
  return (
    <Field label={props.label} path={props.path} errors={props.errors} hint={props.hint}>
      {(a) => (
        <select {...a} value={props.value} onChange={(e) => props.onChange(e.target.value as T)}>
          {props.options.map((o) => (
            <option key={o.value} value={o.value} disabled={o.disabled}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function CheckField(props: { label: ReactNode; path: string; errors: FieldErrors; checked: boolean; onChange(v: boolean): void; hint?: ReactNode }) {
  const id = useId();
  return (
    <div className="field check wide" data-field={props.path}>
      <label htmlFor={id}>
        <input id={id} type="checkbox" name={props.path} checked={props.checked} onChange={(e) => props.onChange(e.target.checked)} />
        <span>{props.label}</span>
      </label>
      {props.errors[props.path] ? (
        <div className="field-error" role="alert">
          {props.errors[props.path]}
        </div>
      ) : props.hint ? (
        <div className="field-hint">{props.hint}</div>
      ) : null}
    </div>
  );
}

export function TextAreaField(props: { label: string; path: string; errors: FieldErrors; value: string; onChange(v: string): void; hint?: ReactNode; rows?: number; placeholder?: string }) {
  return (
    <Field label={props.label} path={props.path} errors={props.errors} hint={props.hint} wide>
      {(a) => <textarea {...a} rows={props.rows ?? 3} value={props.value} placeholder={props.placeholder} dir="auto" onChange={(e) => props.onChange(e.target.value)} />}
    </Field>
  );
}
