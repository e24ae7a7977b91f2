import { useState, type FormEvent } from 'react';
import { Button, Paragraph } from '@rijkshuisstijl-community/components-react';
import { THEMES } from '@kp/domain/knelpunt/statuses';
import type { KnelpuntDetail } from '../../api/types';
import { ErrorSummary, ProblemAlert, SelectField, TextField, splitApiError } from '../../components/form';
import { THEMA_LABELS } from '../../labels';
import { INHOUD_LABELS } from './knelpunt-text';
import { sendAmendment, useKnelpuntAction } from './use-knelpunt-action';

const FORM_ID = 'wijzigen';
const FIELDS = ['title', 'description', 'theme', 'law', 'impact', 'proposedSolution', 'externalRef'] as const;
type Field = (typeof FIELDS)[number];

function current(k: KnelpuntDetail): Record<Field, string> {
  return {
    title: k.title,
    description: k.description,
    theme: k.theme,
    law: k.law ?? '',
    impact: k.impact ?? '',
    proposedSolution: k.proposedSolution ?? '',
    externalRef: k.externalRef ?? '',
  };
}

/** The indiener amends its own knelpunt's content; only the changed fields are sent, the change goes into the timeline. */
export function AmendForm({
  knelpunt,
  routeKey,
  onDone,
}: {
  knelpunt: KnelpuntDetail;
  routeKey: string;
  onDone: (message: string, updated: KnelpuntDetail) => void;
}) {
  const [values, setValues] = useState<Record<Field, string>>(() => current(knelpunt));
  const action = useKnelpuntAction(knelpunt, routeKey, sendAmendment, (updated) => {
    setValues(current(updated));
    onDone('De inhoud van het knelpunt is gewijzigd.', updated);
  });
  const { fieldErrors, summary, other } = splitApiError(action.error, INHOUD_LABELS);
  const set = (f: Field) => (v: string) => setValues((prev) => ({ ...prev, [f]: v }));

  function submit(e: FormEvent) {
    e.preventDefault();
    const before = current(knelpunt);
    const changed: Record<string, string> = {};
    for (const f of FIELDS) if (values[f].trim() !== before[f]) changed[f] = values[f].trim();
    action.mutate(changed);
  }

  const text = (f: Field, opts: { required?: boolean; multiline?: boolean; maxLength: number }) => (
    <TextField
      formId={FORM_ID}
      name={f}
      label={INHOUD_LABELS[f]}
      required={opts.required}
      multiline={opts.multiline}
      rows={opts.multiline ? 5 : undefined}
      maxLength={opts.maxLength}
      value={values[f]}
      onChange={set(f)}
      error={fieldErrors[f]}
    />
  );

  return (
    <form id={FORM_ID} className="kp-form" aria-label="Inhoud van het knelpunt wijzigen" noValidate onSubmit={submit}>
      <Paragraph>Alleen wat u verandert wordt opgeslagen; de oude en de nieuwe tekst komen in de tijdlijn.</Paragraph>
      <ErrorSummary formId={FORM_ID} errors={summary} />
      <ProblemAlert error={other} />
      {text('title', { required: true, maxLength: 300 })}
      {text('description', { required: true, multiline: true, maxLength: 20000 })}
      <SelectField
        formId={FORM_ID}
        name="theme"
        label={INHOUD_LABELS.theme}
        required
        value={values.theme}
        onChange={set('theme')}
        error={fieldErrors['theme']}
        options={THEMES.map((t) => ({ value: t, label: THEMA_LABELS[t] ?? t }))}
      />
      {text('law', { maxLength: 300 })}
      {text('impact', { multiline: true, maxLength: 10000 })}
      {text('proposedSolution', { multiline: true, maxLength: 10000 })}
      {text('externalRef', { maxLength: 200 })}
      <div className="kp-actions">
        <Button type="submit" appearance="primary-action-button" disabled={action.isPending}>
          Wijzigingen opslaan
        </Button>
      </div>
    </form>
  );
}
