import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Heading, Paragraph } from '@rijkshuisstijl-community/components-react';
import { DECISION_FIELDS, type DecisionName } from '@kp/domain/knelpunt/decisions';
import { ApiError } from '../../api/client';
import type { KnelpuntDetail } from '../../api/types';
import { ErrorSummary, ProblemAlert, SelectField, TextField, splitApiError } from '../../components/form';
import { BESLISSING_LABELS, DOORBRAAKTEAM_LABELS, INSTRUMENT_LABELS, UITKOMST_LABELS, VELD_LABELS, label } from '../../labels';
import { knelpuntKey, sendDecision, useKnelpuntAction } from './use-knelpunt-action';

type FieldRule = (typeof DECISION_FIELDS)[DecisionName][number];

/** Labels of the values of the enum fields. */
const ENUM_LABELS: Record<string, Record<string, string>> = {
  instrument: INSTRUMENT_LABELS,
  outcome: UITKOMST_LABELS,
  result: UITKOMST_LABELS,
  team: DOORBRAAKTEAM_LABELS,
};

/** Short text (a name), a single line; other text fields are free text. */
const SINGLE_LINE = new Set(['owner', 'lead']);

const DESCRIPTIONS: Record<string, string> = {
  question: 'De organisatie krijgt deze vraag en heeft 10 werkdagen om te antwoorden.',
  response: 'Uw antwoord op de vraag van de driehoek.',
  targetKnelpuntId: 'Het id van het knelpunt waarin dit knelpunt opgaat (staat op de pagina van dat knelpunt).',
  clusterId: 'Het id van het ACU-cluster (vul dit of een knelpunt in).',
  lead: 'Het ministerie of de organisatie die de aanpak trekt.',
};

const fieldLabel = (name: string) => VELD_LABELS[name] ?? name;

/** The fields the API is sent: filled in only (an empty field is absent, and the API says whether it is required). */
export function decisionBody(decision: DecisionName, values: Record<string, string>): Record<string, string> {
  const body: Record<string, string> = { decision };
  for (const rule of DECISION_FIELDS[decision]) {
    const value = values[rule.name]?.trim();
    if (value) body[rule.name] = value;
  }
  return body;
}

function DecisionField({
  formId,
  rule,
  value,
  error,
  onChange,
}: {
  formId: string;
  rule: FieldRule;
  value: string;
  error?: string;
  onChange: (v: string) => void;
}) {
  const common = {
    formId,
    name: rule.name,
    label: fieldLabel(rule.name),
    description: DESCRIPTIONS[rule.name],
    required: !rule.optional,
    error,
    value,
    onChange,
  };
  if (rule.kind === 'enum') {
    const labels = ENUM_LABELS[rule.name] ?? {};
    return (
      <SelectField
        {...common}
        placeholder={`Kies ${fieldLabel(rule.name).toLowerCase()}`}
        options={(rule.values ?? []).map((v) => ({ value: v, label: label(labels, v) }))}
      />
    );
  }
  if (rule.kind === 'date') return <TextField {...common} type="date" />;
  if (rule.kind === 'uuid') return <TextField {...common} maxLength={64} />;
  return SINGLE_LINE.has(rule.name) ? <TextField {...common} maxLength={300} /> : <TextField {...common} multiline rows={4} />;
}

/**
 * One decision as a form: the fields `DECISION_FIELDS` lists for it, sent as they are; whatever the API
 * refuses is shown here — 400 next to the field and in the summary, 409 (with what is allowed now) and
 * 403 as an alert in this form.
 */
export function DecisionForm({
  knelpunt,
  routeKey,
  decision,
  onDone,
}: {
  knelpunt: KnelpuntDetail;
  routeKey: string;
  decision: DecisionName;
  onDone: (message: string, updated: KnelpuntDetail) => void;
}) {
  const formId = `beslissing-${decision}`;
  const rules = DECISION_FIELDS[decision];
  const [values, setValues] = useState<Record<string, string>>({});
  const action = useKnelpuntAction(knelpunt, routeKey, sendDecision, (updated) => {
    setValues({});
    onDone(`De beslissing "${label(BESLISSING_LABELS, decision)}" is vastgelegd.`, updated);
  });
  const labels = Object.fromEntries(rules.map((r) => [r.name, fieldLabel(r.name)]));
  const { fieldErrors, summary, other } = splitApiError(action.error, labels);
  const queryClient = useQueryClient();
  // Someone else decided meanwhile (409): the page still shows the old state until it is reloaded.
  const stale = other instanceof ApiError && other.status === 409;

  function submit(e: FormEvent) {
    e.preventDefault();
    action.mutate(decisionBody(decision, values));
  }

  return (
    <form id={formId} className="kp-form" aria-labelledby={`${formId}-titel`} noValidate onSubmit={submit}>
      <ErrorSummary formId={formId} errors={summary} />
      <ProblemAlert error={other} />
      {decision === 'informatie_aanleveren' && typeof knelpunt.details['question'] === 'string' ? (
        <div className="kp-question">
          <Paragraph>
            <strong>Vraag van de driehoek</strong>
          </Paragraph>
          <Paragraph className="kp-prewrap">{knelpunt.details['question']}</Paragraph>
        </div>
      ) : null}
      {stale ? (
        <div className="kp-actions">
          <Paragraph>Het knelpunt is intussen gewijzigd. Laad het opnieuw om de huidige status en beslissingen te zien.</Paragraph>
          <Button
            type="button"
            appearance="secondary-action-button"
            onClick={() => void queryClient.invalidateQueries({ queryKey: knelpuntKey(routeKey) })}
          >
            Knelpunt opnieuw laden
          </Button>
        </div>
      ) : null}
      {rules.map((rule) => (
        <DecisionField
          key={rule.name}
          formId={formId}
          rule={rule}
          value={values[rule.name] ?? ''}
          error={fieldErrors[rule.name]}
          onChange={(v) => setValues((prev) => ({ ...prev, [rule.name]: v }))}
        />
      ))}
      <div className="kp-actions">
        <Button type="submit" appearance="primary-action-button" disabled={action.isPending}>
          {label(BESLISSING_LABELS, decision)}
        </Button>
        {action.isPending ? (
          <span role="status" className="kp-muted">
            Bezig met vastleggen…
          </span>
        ) : null}
      </div>
    </form>
  );
}

/**
 * Exactly the decisions `allowedDecisions` lists now for this user, each a disclosure with its form
 * (only one opened at a time keeps the page short; a single decision is opened at once).
 */
export function DecisionsSection({
  knelpunt,
  routeKey,
  onDone,
}: {
  knelpunt: KnelpuntDetail;
  routeKey: string;
  onDone: (message: string, updated: KnelpuntDetail) => void;
}) {
  const decisions = knelpunt.allowedDecisions;
  const [open, setOpen] = useState<string | null>(decisions.length === 1 ? (decisions[0] ?? null) : null);
  if (decisions.length === 0) return null;
  return (
    <section aria-labelledby="beslissingen-titel" className="kp-section">
      <Heading level={2} id="beslissingen-titel">
        Beslissing nemen
      </Heading>
      <Paragraph>
        U kunt nu {decisions.length === 1 ? 'deze beslissing' : `een van deze ${decisions.length} beslissingen`} nemen. Open een beslissing
        om het formulier in te vullen.
      </Paragraph>
      {decisions.map((decision) => (
        <details
          key={decision}
          className="kp-disclosure"
          open={open === decision}
          onToggle={(e) => {
            const isOpen = (e.currentTarget as HTMLDetailsElement).open;
            setOpen((current) => (isOpen ? decision : current === decision ? null : current));
          }}
        >
          <summary className="kp-disclosure__summary" id={`beslissing-${decision}-titel`}>
            {label(BESLISSING_LABELS, decision)}
          </summary>
          <div className="kp-disclosure__body">
            <DecisionForm knelpunt={knelpunt} routeKey={routeKey} decision={decision} onDone={onDone} />
          </div>
        </details>
      ))}
    </section>
  );
}
