/**
 * Submitting a Stand van de Uitvoering with its knelpunten (POST /standen). The API checks everything;
 * its reasons (`invalidParams`, named like `knelpunten[1].title`) appear next to the field of the right
 * knelpunt and in the error summary.
 */
import { useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, FormFieldErrorMessage, Heading, Paragraph } from '@rijkshuisstijl-community/components-react';
import { THEMES } from '@kp/domain/knelpunt/statuses';
import { api, newIdempotencyKey } from '../../api/client';
import type { Ministry, Stand } from '../../api/types';
import { useSession } from '../../auth/session';
import { AppLink } from '../../components/app-link';
import { useSubmit } from '../../components/use-submit';
import { ErrorSummary, ProblemAlert, SelectField, TextField, fieldId, splitApiError } from '../../components/form';
import { THEMA_LABELS, label } from '../../labels';
import { StandFields, type StandFieldValues } from './stand-fields';
import { StandResult } from './stand-result';

const FORM = 'stand';

const STAND_LABELS: Record<string, string> = {
  organisation: 'Organisatie',
  period: 'Periode',
  title: 'Titel van de Stand',
  publishedOn: 'Publicatiedatum',
  sourceUrl: 'Vindplaats (URL)',
  knelpunten: 'Knelpunten',
};

const VERWIJZING_FIELDS = ['kamerstukken', 'moties', 'toezeggingen', 'bwbIds'] as const;
const KNELPUNT_FIELDS = [
  'title',
  'description',
  'theme',
  'law',
  'ministry',
  'impact',
  'proposedSolution',
  'externalRef',
  ...VERWIJZING_FIELDS,
] as const;
type KnelpuntField = (typeof KNELPUNT_FIELDS)[number];

const KNELPUNT_LABELS: Record<KnelpuntField, string> = {
  title: 'Titel',
  description: 'Beschrijving',
  theme: 'Thema',
  law: 'Wet of regeling',
  ministry: 'Verantwoordelijk ministerie',
  impact: 'Gevolgen voor burgers en bedrijven',
  proposedSolution: 'Voorgestelde oplossing',
  externalRef: 'Eigen kenmerk',
  kamerstukken: 'Kamerstukken',
  moties: 'Moties',
  toezeggingen: 'Toezeggingen',
  bwbIds: 'Wetten en regelingen (BWB-id)',
};

/** What each reference field expects (the API checks the format and names the value that is wrong). */
const VERWIJZING_HINTS: Record<(typeof VERWIJZING_FIELDS)[number], string> = {
  kamerstukken: 'Dossiernummer en ondernummer, gescheiden door komma’s, zoals 29362-290, 36200-VII-12.',
  moties: 'Het Kamerstuknummer van elke motie, zoals 36200-VII-12.',
  toezeggingen: 'Het toezeggingnummer van de Tweede Kamer, zoals TZ202311-045.',
  bwbIds: 'Het BWB-id van wetten.overheid.nl, zoals BWBR0002448.',
};

type KnelpuntDraft = Record<KnelpuntField, string> & { key: number };

let nextKey = 1;
function emptyKnelpunt(): KnelpuntDraft {
  return {
    key: nextKey++,
    title: '',
    description: '',
    theme: '',
    law: '',
    ministry: '',
    impact: '',
    proposedSolution: '',
    externalRef: '',
    kamerstukken: '',
    moties: '',
    toezeggingen: '',
    bwbIds: '',
  };
}

/** The API names a knelpunt's field `knelpunten[1].title`. */
const knelpuntField = (index: number, field: string) => `knelpunten[${index}].${field}`;

/** Labels for the error summary: "Knelpunt 2: Titel". */
function summaryLabels(count: number): Record<string, string> {
  const labels: Record<string, string> = { ...STAND_LABELS };
  for (let i = 0; i < count; i++) {
    labels[`knelpunten[${i}]`] = `Knelpunt ${i + 1}`;
    for (const f of KNELPUNT_FIELDS) labels[knelpuntField(i, f)] = `Knelpunt ${i + 1}: ${KNELPUNT_LABELS[f]}`;
  }
  return labels;
}

const optional = (v: string) => (v.trim() === '' ? undefined : v);
/** "29362-290, 36200-VII-12" → a list (commas, semicolons or spaces); nothing typed: not sent. */
const optionalList = (v: string) => {
  const items = v.split(/[\s,;]+/).filter((x) => x !== '');
  return items.length > 0 ? items : undefined;
};

export default function StandFormPage() {
  const { user } = useSession();
  const queryClient = useQueryClient();
  const ownOrganisation = user?.role === 'indiener' ? (user.organisation ?? '') : null;
  const [stand, setStand] = useState<StandFieldValues>({ organisation: ownOrganisation ?? '', period: '', title: '' });
  const [publishedOn, setPublishedOn] = useState('');
  const [sourceUrl, setSourceUrl] = useState('');
  const [knelpunten, setKnelpunten] = useState<KnelpuntDraft[]>(() => [emptyKnelpunt()]);
  const [result, setResult] = useState<Stand | null>(null);
  const [announcement, setAnnouncement] = useState('');
  // One key per user action: a retry of the same content reuses it, any change makes a new one.
  const idempotencyKey = useRef<string | null>(null);

  const ministries = useQuery({ queryKey: ['ministries'], queryFn: () => api.get<{ items: Ministry[] }>('/ministries') });

  const changed =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      idempotencyKey.current = null;
      set(v);
    };
  const { error, setError, busy, submit } = useSubmit(
    () => {
      idempotencyKey.current ??= newIdempotencyKey();
      return api.post<Stand>(
        '/standen',
        {
          ...stand,
          publishedOn: optional(publishedOn),
          sourceUrl: optional(sourceUrl),
          knelpunten: knelpunten.map((k) => ({
            title: k.title,
            description: k.description,
            theme: k.theme,
            law: optional(k.law),
            ministry: optional(k.ministry),
            impact: optional(k.impact),
            proposedSolution: optional(k.proposedSolution),
            externalRef: optional(k.externalRef),
            kamerstukken: optionalList(k.kamerstukken),
            moties: optionalList(k.moties),
            toezeggingen: optionalList(k.toezeggingen),
            bwbIds: optionalList(k.bwbIds),
          })),
        },
        { idempotencyKey: idempotencyKey.current },
      );
    },
    (saved) => {
      setResult(saved);
      void queryClient.invalidateQueries();
    },
  );
  function updateKnelpunt(index: number, field: KnelpuntField, value: string) {
    idempotencyKey.current = null;
    setKnelpunten((list) => list.map((k, i) => (i === index ? { ...k, [field]: value } : k)));
  }
  function addKnelpunt() {
    idempotencyKey.current = null;
    // Errors name knelpunten by position; after adding or removing one they would point at the wrong one.
    setError(null);
    setKnelpunten((list) => [...list, emptyKnelpunt()]);
    setAnnouncement(`Knelpunt ${knelpunten.length + 1} toegevoegd.`);
    // Focus the new knelpunt's first field once it is rendered.
    requestAnimationFrame(() => document.getElementById(fieldId(FORM, knelpuntField(knelpunten.length, 'title')))?.focus());
  }
  function removeKnelpunt(index: number) {
    idempotencyKey.current = null;
    setError(null);
    setKnelpunten((list) => list.filter((_, i) => i !== index));
    setAnnouncement(`Knelpunt ${index + 1} verwijderd.`);
    requestAnimationFrame(() => document.getElementById(`${FORM}-knelpunten-heading`)?.focus());
  }

  if (result) return <StandResult stand={result} ownList={user?.role === 'indiener'} via="formulier" />;

  const { fieldErrors, summary, other } = splitApiError(error, summaryLabels(knelpunten.length));
  const ministryOptions = (ministries.data?.items ?? []).map((m) => ({ value: m.code, label: `${m.code} — ${m.name}` }));
  const themeOptions = THEMES.map((t) => ({ value: t, label: label(THEMA_LABELS, t) }));
  const knelpuntenError = fieldErrors.knelpunten;

  return (
    <>
      <Heading level={1}>Stand indienen</Heading>
      <Paragraph>
        Vul de gegevens van de Stand van de Uitvoering in en voeg elk knelpunt toe. Velden zonder "(niet verplicht)" zijn verplicht. Hebt u
        de knelpunten al in een spreadsheet? <AppLink to="/standen/importeren">Importeer ze als CSV</AppLink>.
      </Paragraph>

      <form id={FORM} onSubmit={submit} noValidate className="kp-form">
        <ErrorSummary formId={FORM} errors={summary} />
        <ProblemAlert error={other} />

        <StandFields
          formId={FORM}
          own={ownOrganisation}
          values={stand}
          onChange={changed(setStand)}
          errors={fieldErrors}
          titleDescription="Bijvoorbeeld: Stand van de uitvoering 2025."
        >
          <TextField
            formId={FORM}
            name="publishedOn"
            type="date"
            label="Publicatiedatum"
            value={publishedOn}
            onChange={changed(setPublishedOn)}
            error={fieldErrors.publishedOn}
          />
          <TextField
            formId={FORM}
            name="sourceUrl"
            type="url"
            label="Vindplaats (URL)"
            description="Waar de Stand gepubliceerd is, bijvoorbeeld op de website van uw organisatie."
            value={sourceUrl}
            onChange={changed(setSourceUrl)}
            error={fieldErrors.sourceUrl}
            autoComplete="url"
          />
        </StandFields>

        <section aria-labelledby={`${FORM}-knelpunten-heading`} className="kp-knelpunten-section">
          <Heading level={2} id={`${FORM}-knelpunten-heading`} tabIndex={-1}>
            Knelpunten ({knelpunten.length})
          </Heading>
          {knelpuntenError ? (
            <div id={fieldId(FORM, 'knelpunten')} tabIndex={-1}>
              <FormFieldErrorMessage>{knelpuntenError}</FormFieldErrorMessage>
            </div>
          ) : null}
          <Paragraph role="status" className="kp-visually-hidden">
            {announcement}
          </Paragraph>
          {knelpunten.map((k, i) => (
            <fieldset key={k.key} className="utrecht-form-fieldset kp-fieldset kp-knelpunt-fieldset">
              <legend className="utrecht-form-fieldset__legend">
                <Heading level={3} appearanceLevel={4}>
                  Knelpunt {i + 1}
                  {k.title.trim() ? `: ${k.title.trim()}` : ''}
                </Heading>
              </legend>
              {fieldErrors[`knelpunten[${i}]`] ? <FormFieldErrorMessage>{fieldErrors[`knelpunten[${i}]`]}</FormFieldErrorMessage> : null}
              <TextField
                formId={FORM}
                name={knelpuntField(i, 'title')}
                label="Titel"
                required
                value={k.title}
                onChange={(v) => updateKnelpunt(i, 'title', v)}
                error={fieldErrors[knelpuntField(i, 'title')]}
                maxLength={300}
              />
              <TextField
                formId={FORM}
                name={knelpuntField(i, 'description')}
                label="Beschrijving"
                description="Wat loopt er vast, en bij wie?"
                required
                multiline
                rows={5}
                value={k.description}
                onChange={(v) => updateKnelpunt(i, 'description', v)}
                error={fieldErrors[knelpuntField(i, 'description')]}
              />
              <SelectField
                formId={FORM}
                name={knelpuntField(i, 'theme')}
                label="Thema"
                required
                value={k.theme}
                onChange={(v) => updateKnelpunt(i, 'theme', v)}
                placeholder="Kies een thema"
                options={themeOptions}
                error={fieldErrors[knelpuntField(i, 'theme')]}
              />
              <TextField
                formId={FORM}
                name={knelpuntField(i, 'law')}
                label="Wet of regeling"
                description="Bijvoorbeeld: Wet WIA."
                value={k.law}
                onChange={(v) => updateKnelpunt(i, 'law', v)}
                error={fieldErrors[knelpuntField(i, 'law')]}
                maxLength={300}
              />
              <SelectField
                formId={FORM}
                name={knelpuntField(i, 'ministry')}
                label="Verantwoordelijk ministerie"
                value={k.ministry}
                onChange={(v) => updateKnelpunt(i, 'ministry', v)}
                placeholder="Geen ministerie"
                options={ministryOptions}
                error={fieldErrors[knelpuntField(i, 'ministry')]}
              />
              <TextField
                formId={FORM}
                name={knelpuntField(i, 'impact')}
                label="Gevolgen voor burgers en bedrijven"
                multiline
                rows={3}
                value={k.impact}
                onChange={(v) => updateKnelpunt(i, 'impact', v)}
                error={fieldErrors[knelpuntField(i, 'impact')]}
              />
              <TextField
                formId={FORM}
                name={knelpuntField(i, 'proposedSolution')}
                label="Voorgestelde oplossing"
                multiline
                rows={3}
                value={k.proposedSolution}
                onChange={(v) => updateKnelpunt(i, 'proposedSolution', v)}
                error={fieldErrors[knelpuntField(i, 'proposedSolution')]}
              />
              <TextField
                formId={FORM}
                name={knelpuntField(i, 'externalRef')}
                label="Eigen kenmerk"
                description="Het kenmerk dat uw organisatie zelf gebruikt."
                value={k.externalRef}
                onChange={(v) => updateKnelpunt(i, 'externalRef', v)}
                error={fieldErrors[knelpuntField(i, 'externalRef')]}
                maxLength={200}
              />
              {VERWIJZING_FIELDS.map((f) => (
                <TextField
                  key={f}
                  formId={FORM}
                  name={knelpuntField(i, f)}
                  label={KNELPUNT_LABELS[f]}
                  description={VERWIJZING_HINTS[f]}
                  value={k[f]}
                  onChange={(v) => updateKnelpunt(i, f, v)}
                  error={fieldErrors[knelpuntField(i, f)]}
                  maxLength={600}
                />
              ))}
              {knelpunten.length > 1 ? (
                <div className="kp-actions">
                  <Button type="button" appearance="secondary-action-button" onClick={() => removeKnelpunt(i)}>
                    Knelpunt {i + 1} verwijderen
                  </Button>
                </div>
              ) : null}
            </fieldset>
          ))}
          <div className="kp-actions">
            <Button type="button" appearance="secondary-action-button" onClick={addKnelpunt}>
              Knelpunt toevoegen
            </Button>
          </div>
        </section>

        <div className="kp-actions">
          <Button type="submit" appearance="primary-action-button" disabled={busy} aria-disabled={busy || undefined}>
            {busy ? 'Bezig met indienen…' : 'Stand indienen'}
          </Button>
        </div>
      </form>
    </>
  );
}
