/**
 * The Stand's own fields (organisation, period, title) in their fieldset, shared by the Stand form and the CSV
 * import. A page adds its further Stand fields as children.
 */
import type { ReactNode } from 'react';
import { Heading } from '@rijkshuisstijl-community/components-react';
import { TextField } from '../../components/form';
import { OrganisationField } from './organisation-field';

export interface StandFieldValues {
  organisation: string;
  period: string;
  title: string;
}

export function StandFields({
  formId,
  own,
  values,
  onChange,
  errors,
  titleDescription,
  children,
}: {
  formId: string;
  /** The indiener's own organisation; null for a role that may choose. */
  own: string | null;
  values: StandFieldValues;
  onChange: (next: StandFieldValues) => void;
  errors: Record<string, string>;
  titleDescription?: string;
  children?: ReactNode;
}) {
  const set = (field: keyof StandFieldValues) => (value: string) => onChange({ ...values, [field]: value });
  return (
    <fieldset className="utrecht-form-fieldset kp-fieldset">
      <legend className="utrecht-form-fieldset__legend">
        <Heading level={2} appearanceLevel={3}>
          De Stand
        </Heading>
      </legend>
      <OrganisationField formId={formId} own={own} value={values.organisation} onChange={set('organisation')} error={errors.organisation} />
      <TextField
        formId={formId}
        name="period"
        label="Periode"
        description="Bijvoorbeeld 2025 of 2025-H2."
        required
        value={values.period}
        onChange={set('period')}
        error={errors.period}
        maxLength={32}
      />
      <TextField
        formId={formId}
        name="title"
        label="Titel van de Stand"
        description={titleDescription}
        required
        value={values.title}
        onChange={set('title')}
        error={errors.title}
        maxLength={300}
      />
      {children}
    </fieldset>
  );
}
