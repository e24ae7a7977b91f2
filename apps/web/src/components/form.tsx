/**
 * Form fields on the design system's classes and primitives, with the WCAG wiring every form needs:
 * a <label>, the description and the error tied to the input (aria-describedby, aria-invalid), an
 * error summary after a failed submit that links to each field, and the API's own reasons.
 */
import { useEffect, useId, useRef, type ChangeEvent, type ReactNode } from 'react';
import { Alert, FormFieldErrorMessage, Heading, Paragraph, TextInput, Textarea } from '@rijkshuisstijl-community/components-react';
import { ApiError } from '../api/client';
import { BESLISSING_LABELS, label as labelOf } from '../labels';

/** Stable DOM id for a named field in a form (used by the error summary's links). */
export function fieldId(formId: string, name: string): string {
  return `${formId}-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

interface BaseFieldProps {
  formId: string;
  name: string;
  label: ReactNode;
  description?: ReactNode;
  error?: string;
  required?: boolean;
  /** A filter or search field: optional by nature, so without the "(niet verplicht)" hint. */
  filter?: boolean;
}

function FieldShell({
  id,
  label,
  description,
  error,
  required,
  children,
}: {
  id: string;
  label: ReactNode;
  description?: ReactNode;
  error?: string;
  required?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={`utrecht-form-field utrecht-form-field--text${error ? ' utrecht-form-field--invalid' : ''} kp-field`}>
      <div className="utrecht-form-field__label">
        <label className="utrecht-form-label" htmlFor={id}>
          {label}
          {required ? null : <span className="kp-optional"> (niet verplicht)</span>}
        </label>
      </div>
      {description ? (
        <div className="utrecht-form-field-description utrecht-form-field__description" id={`${id}-beschrijving`}>
          {description}
        </div>
      ) : null}
      {error ? (
        <FormFieldErrorMessage className="utrecht-form-field__error-message" id={`${id}-fout`}>
          {error}
        </FormFieldErrorMessage>
      ) : null}
      <div className="utrecht-form-field__input">{children}</div>
    </div>
  );
}

function describedBy(id: string, description: unknown, error: unknown): string | undefined {
  return [description ? `${id}-beschrijving` : '', error ? `${id}-fout` : ''].filter(Boolean).join(' ') || undefined;
}

export interface TextFieldProps extends BaseFieldProps {
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'date' | 'email' | 'url' | 'number' | 'search';
  multiline?: boolean;
  rows?: number;
  autoComplete?: string;
  maxLength?: number;
}

export function TextField({
  formId,
  name,
  label,
  description,
  error,
  required,
  filter,
  value,
  onChange,
  type = 'text',
  multiline,
  rows = 4,
  autoComplete,
  maxLength,
}: TextFieldProps) {
  const id = fieldId(formId, name);
  const common = {
    id,
    name,
    value,
    required,
    'aria-required': required || undefined,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(id, description, error),
    invalid: !!error,
    maxLength,
  };
  return (
    <FieldShell id={id} label={label} description={description} error={error} required={required || filter}>
      {multiline ? (
        <Textarea {...common} rows={rows} onChange={(e: ChangeEvent<HTMLTextAreaElement>) => onChange(e.target.value)} />
      ) : (
        <TextInput
          {...common}
          type={type}
          autoComplete={autoComplete}
          onChange={(e: ChangeEvent<HTMLInputElement>) => onChange(e.target.value)}
        />
      )}
    </FieldShell>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

export interface SelectFieldProps extends BaseFieldProps {
  value: string;
  onChange: (value: string) => void;
  options: SelectOption[];
  /** Text of an empty first option ("Kies …"); omitted when absent. */
  placeholder?: string;
}

/** A native <select> with the design system's class (FormFieldSelect ignores `required`). */
export function SelectField({
  formId,
  name,
  label,
  description,
  error,
  required,
  filter,
  value,
  onChange,
  options,
  placeholder,
}: SelectFieldProps) {
  const id = fieldId(formId, name);
  return (
    <FieldShell id={id} label={label} description={description} error={error} required={required || filter}>
      <select
        id={id}
        name={name}
        className={`utrecht-select utrecht-select--html-select${error ? ' utrecht-select--invalid' : ''}`}
        value={value}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, description, error)}
        onChange={(e) => onChange(e.target.value)}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export interface FieldError {
  name: string;
  label: string;
  reason: string;
}

/**
 * The summary above a form after a failed submit (WCAG 3.3.1): focused when it appears, each error a
 * link that moves focus to its field.
 */
export function ErrorSummary({
  formId,
  errors,
  title = 'Er is iets niet goed ingevuld',
}: {
  formId: string;
  errors: FieldError[];
  title?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const headingId = useId();
  useEffect(() => {
    if (errors.length > 0) ref.current?.focus();
  }, [errors]);
  if (errors.length === 0) return null;
  return (
    // The design system's error Alert carries role="alert"; this wrapper takes the focus.
    <div className="kp-error-summary" aria-labelledby={headingId} tabIndex={-1} ref={ref}>
      <Alert type="error">
        <Heading level={2} appearanceLevel={4} id={headingId}>
          {title}
        </Heading>
        <ul className="utrecht-unordered-list">
          {errors.map((e) => (
            <li key={e.name} className="utrecht-unordered-list__item">
              <a
                className="utrecht-link"
                href={`#${fieldId(formId, e.name)}`}
                onClick={(ev) => {
                  const el = document.getElementById(fieldId(formId, e.name));
                  if (el) {
                    ev.preventDefault();
                    el.focus();
                  }
                }}
              >
                {e.label}: {e.reason}
              </a>
            </li>
          ))}
        </ul>
      </Alert>
    </div>
  );
}

/** A refusal of the API that is not about one field (409, 403, 503, 500 …), in words. */
export function ProblemAlert({ error }: { error: unknown }) {
  if (!error) return null;
  const problem =
    error instanceof ApiError
      ? error.problem
      : { title: 'Er ging iets mis', status: 0, detail: error instanceof Error ? error.message : String(error) };
  return (
    <div className="kp-problem">
      <Alert type={problem.status >= 500 || problem.status === 0 ? 'error' : 'warning'}>
        <Heading level={2} appearanceLevel={4}>
          {problem.title}
        </Heading>
        {problem.detail ? <Paragraph>{problem.detail}</Paragraph> : null}
        {problem.allowed ? (
          <Paragraph>
            {problem.allowed.length > 0
              ? `U mag nu wel: ${problem.allowed.map((d) => labelOf(BESLISSING_LABELS, d)).join(', ')}.`
              : 'U mag nu geen beslissing nemen over dit knelpunt.'}
          </Paragraph>
        ) : null}
        {problem.errorId ? <Paragraph className="kp-muted">Foutnummer: {problem.errorId}</Paragraph> : null}
      </Alert>
    </div>
  );
}

/**
 * Splits an API refusal into field errors (400 `invalidParams`, shown next to the fields and in the
 * summary) and the rest (shown as a ProblemAlert). Field names not in `labels` stay in the summary.
 */
export function splitApiError(
  error: unknown,
  labels: Record<string, string>,
): { fieldErrors: Record<string, string>; summary: FieldError[]; other: unknown } {
  if (!(error instanceof ApiError) || !error.problem.invalidParams?.length) return { fieldErrors: {}, summary: [], other: error ?? null };
  const fieldErrors: Record<string, string> = {};
  const summary: FieldError[] = [];
  for (const p of error.problem.invalidParams) {
    const key = p.name;
    fieldErrors[key] = fieldErrors[key] ? `${fieldErrors[key]}; ${p.reason}` : p.reason;
    summary.push({ name: key, label: labels[key] ?? labels[key.split('.').pop() ?? key] ?? key, reason: p.reason });
  }
  return { fieldErrors, summary, other: null };
}
