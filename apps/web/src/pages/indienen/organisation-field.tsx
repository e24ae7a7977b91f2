/**
 * The Stand's organisation: for an indiener its own organisation, shown read-only (the API refuses
 * any other); for the programmadirectie and the beheerder a choice from GET /organisations.
 */
import { useQuery } from '@tanstack/react-query';
import { FormFieldErrorMessage, TextInput } from '@rijkshuisstijl-community/components-react';
import { api } from '../../api/client';
import type { Organisation } from '../../api/types';
import { SelectField, fieldId } from '../../components/form';

export function OrganisationField({
  formId,
  own,
  value,
  onChange,
  error,
}: {
  formId: string;
  /** The indiener's own organisation; null for a role that may choose. */
  own: string | null;
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  const organisations = useQuery({
    queryKey: ['organisations'],
    queryFn: () => api.get<{ items: Organisation[] }>('/organisations'),
    enabled: own === null,
  });
  if (own === null) {
    return (
      <SelectField
        formId={formId}
        name="organisation"
        label="Organisatie"
        required
        value={value}
        onChange={onChange}
        placeholder="Kies een organisatie"
        options={(organisations.data?.items ?? []).map((o) => ({ value: o.code, label: `${o.code} — ${o.name}` }))}
        error={error}
      />
    );
  }
  const id = fieldId(formId, 'organisation');
  return (
    <div className={`utrecht-form-field utrecht-form-field--text kp-field${error ? ' utrecht-form-field--invalid' : ''}`}>
      <div className="utrecht-form-field__label">
        <label className="utrecht-form-label" htmlFor={id}>
          Organisatie
        </label>
      </div>
      <div className="utrecht-form-field-description utrecht-form-field__description" id={`${id}-beschrijving`}>
        U dient Standen in voor uw eigen organisatie.
      </div>
      {error ? (
        <FormFieldErrorMessage className="utrecht-form-field__error-message" id={`${id}-fout`}>
          {error}
        </FormFieldErrorMessage>
      ) : null}
      <div className="utrecht-form-field__input">
        <TextInput
          id={id}
          name="organisation"
          value={own}
          readOnly
          aria-describedby={`${id}-beschrijving${error ? ` ${id}-fout` : ''}`}
          aria-invalid={error ? true : undefined}
        />
      </div>
    </div>
  );
}
