/**
 * Checkboxes with the same WCAG wiring as the fields in form.tsx: a label, the description and the API's
 * error tied to the input (aria-describedby, aria-invalid), and the id the error summary links to.
 */
import type { ChangeEvent, ReactNode } from 'react';
import { Checkbox, FormFieldErrorMessage } from '@rijkshuisstijl-community/components-react';
import { fieldId } from './form';

function describedBy(id: string, description: unknown, error: unknown): string | undefined {
  return [description ? `${id}-beschrijving` : '', error ? `${id}-fout` : ''].filter(Boolean).join(' ') || undefined;
}

export interface CheckboxFieldProps {
  formId: string;
  name: string;
  label: ReactNode;
  description?: ReactNode;
  error?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}

/** One yes/no choice: the box first, its label beside it, description and error below. */
export function CheckboxField({ formId, name, label, description, error, checked, onChange }: CheckboxFieldProps) {
  const id = fieldId(formId, name);
  return (
    <div className={`kp-field kp-checkbox-field${error ? ' kp-checkbox-field--invalid' : ''}`}>
      <div className="kp-checkbox-field__row">
        <Checkbox
          id={id}
          name={name}
          checked={checked}
          invalid={!!error}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, description, error)}
          onChange={(e: ChangeEvent<HTMLInputElement>) => onChange(e.target.checked)}
        />
        <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={id}>
          {label}
        </label>
      </div>
      {description ? (
        <div className="utrecht-form-field-description kp-checkbox-field__extra" id={`${id}-beschrijving`}>
          {description}
        </div>
      ) : null}
      {error ? (
        <FormFieldErrorMessage className="kp-checkbox-field__extra" id={`${id}-fout`}>
          {error}
        </FormFieldErrorMessage>
      ) : null}
    </div>
  );
}

export interface CheckboxGroupFieldProps {
  formId: string;
  name: string;
  legend: ReactNode;
  description?: ReactNode;
  error?: string;
  options: { value: string; label: string }[];
  value: string[];
  onChange: (value: string[]) => void;
}

/**
 * Several choices in a fieldset with a legend. The first checkbox carries the field's id, so the error
 * summary's link lands in the group; the description and error are tied to the group.
 */
export function CheckboxGroupField({ formId, name, legend, description, error, options, value, onChange }: CheckboxGroupFieldProps) {
  const id = fieldId(formId, name);
  const toggle = (option: string, on: boolean) => onChange(on ? [...value, option] : value.filter((v) => v !== option));
  return (
    <fieldset className="utrecht-form-fieldset kp-fieldset kp-checkbox-group" aria-describedby={describedBy(id, description, error)}>
      <legend className="utrecht-form-fieldset__legend utrecht-form-label">{legend}</legend>
      {description ? (
        <div className="utrecht-form-field-description" id={`${id}-beschrijving`}>
          {description}
        </div>
      ) : null}
      {error ? <FormFieldErrorMessage id={`${id}-fout`}>{error}</FormFieldErrorMessage> : null}
      <div className="kp-checkbox-group__options">
        {options.map((o, i) => {
          const optionId = i === 0 ? id : `${id}-${o.value.replace(/[^A-Za-z0-9_-]/g, '-')}`;
          return (
            <div key={o.value} className="kp-checkbox-field__row">
              <Checkbox
                id={optionId}
                name={name}
                value={o.value}
                checked={value.includes(o.value)}
                invalid={!!error}
                aria-invalid={error ? true : undefined}
                onChange={(e: ChangeEvent<HTMLInputElement>) => toggle(o.value, e.target.checked)}
              />
              <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={optionId}>
                {o.label}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
