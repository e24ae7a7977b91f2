import { useState, type FormEvent } from 'react';
import { Button, Heading, Paragraph } from '@rijkshuisstijl-community/components-react';
import type { KnelpuntDetail } from '../../api/types';
import { ErrorSummary, ProblemAlert, TextField, splitApiError } from '../../components/form';
import { sendVoortgang, useKnelpuntAction } from './use-knelpunt-action';

const FORM_ID = 'voortgang';

/** Voortgang while the knelpunt is in aanpak (indiener, driehoek, ACU); it also restarts the voortgang term. */
export function VoortgangForm({
  knelpunt,
  routeKey,
  onDone,
}: {
  knelpunt: KnelpuntDetail;
  routeKey: string;
  onDone: (message: string, updated: KnelpuntDetail) => void;
}) {
  const [summary, setSummary] = useState('');
  const action = useKnelpuntAction(knelpunt, routeKey, sendVoortgang, (updated) => {
    setSummary('');
    onDone('De voortgang is toegevoegd.', updated);
  });
  const { fieldErrors, summary: errors, other } = splitApiError(action.error, { summary: 'Voortgang' });

  function submit(e: FormEvent) {
    e.preventDefault();
    action.mutate({ summary: summary.trim() });
  }

  return (
    <section aria-labelledby="voortgang-titel" className="kp-section kp-no-print">
      <Heading level={2} id="voortgang-titel">
        Voortgang melden
      </Heading>
      <Paragraph>
        Wat is er sinds de vorige melding gebeurd? De melding komt in de tijdlijn en start de voortgangstermijn opnieuw.
      </Paragraph>
      <form id={FORM_ID} className="kp-form" aria-labelledby="voortgang-titel" noValidate onSubmit={submit}>
        <ErrorSummary formId={FORM_ID} errors={errors} />
        <ProblemAlert error={other} />
        <TextField
          formId={FORM_ID}
          name="summary"
          label="Voortgang"
          required
          multiline
          rows={4}
          maxLength={10000}
          value={summary}
          onChange={setSummary}
          error={fieldErrors['summary']}
        />
        <div className="kp-actions">
          <Button type="submit" appearance="primary-action-button" disabled={action.isPending}>
            Voortgang toevoegen
          </Button>
        </div>
      </form>
    </section>
  );
}
