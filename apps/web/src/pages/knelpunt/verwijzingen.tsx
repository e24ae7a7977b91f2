import { useState, type FormEvent, type ReactNode } from 'react';
import { Button, Paragraph } from '@rijkshuisstijl-community/components-react';
import { bwbUrl, kamerstukUrl } from '@kp/domain/knelpunt/verwijzingen';
import { api } from '../../api/client';
import type { KnelpuntDetail } from '../../api/types';
import { ErrorSummary, ProblemAlert, TextField, splitApiError } from '../../components/form';
import { VERWIJZING_LABELS } from './knelpunt-text';
import type { SummaryItem } from './summary-list';
import { useKnelpuntAction } from './use-knelpunt-action';

type Kind = keyof typeof VERWIJZING_LABELS;
const KINDS = Object.keys(VERWIJZING_LABELS) as Kind[];

/** The link of one reference, if it has a public page; the accessible name says what and where. */
function linkOf(kind: Kind, value: string): { href: string; name: string } | null {
  switch (kind) {
    case 'kamerstukken':
      return { href: kamerstukUrl(value), name: `Kamerstuk ${value} op officielebekendmakingen.nl` };
    case 'moties':
      return { href: kamerstukUrl(value), name: `Motie ${value} op officielebekendmakingen.nl` };
    case 'bwbIds':
      return { href: bwbUrl(value), name: `Wet of regeling ${value} op wetten.overheid.nl` };
    case 'toezeggingen':
      return null;
  }
}

function ReferenceList({ kind, values }: { kind: Kind; values: string[] }): ReactNode {
  if (values.length === 0) return <span className="kp-muted">Geen</span>;
  return (
    <ul className="kp-inline-list">
      {values.map((v) => {
        const link = linkOf(kind, v);
        return (
          <li key={v}>
            {link ? (
              <a className="utrecht-link nl-link" href={link.href} rel="noopener noreferrer" aria-label={link.name}>
                {v}
              </a>
            ) : (
              <code>{v}</code>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** The four kinds of references as rows of the knelpunt's summary list, each value linked where a public page exists. */
export function verwijzingenItems(k: KnelpuntDetail): SummaryItem[] {
  return KINDS.map((kind) => ({ key: VERWIJZING_LABELS[kind], value: <ReferenceList kind={kind} values={k[kind] ?? []} /> }));
}

const FORM_ID = 'verwijzingen';

const HINTS: Record<Kind, string> = {
  kamerstukken: 'Dossiernummer en ondernummer, gescheiden door komma’s, zoals 29362-290, 36200-VII-12.',
  moties: 'Het Kamerstuknummer van elke motie, zoals 36200-VII-12.',
  toezeggingen: 'Het toezeggingnummer van de Tweede Kamer, zoals TZ202311-045.',
  bwbIds: 'Het BWB-id van wetten.overheid.nl, zoals BWBR0002448.',
};

const asText = (k: KnelpuntDetail): Record<Kind, string> =>
  Object.fromEntries(KINDS.map((kind) => [kind, (k[kind] ?? []).join(', ')])) as Record<Kind, string>;

/** "29362-290, 36200-VII-12" → ["29362-290", "36200-VII-12"] (commas, semicolons or spaces); the API checks each. */
export function splitVerwijzingen(text: string): string[] {
  return text.split(/[\s,;]+/).filter((v) => v !== '');
}

const sendVerwijzingen = (id: string, body: Record<Kind, string[]>) => api.put<KnelpuntDetail>(`/knelpunten/${id}/verwijzingen`, body);

/**
 * "Verwijzingen naar Kamer en wetgeving": replaces all four lists at once (the API checks the formats and names the
 * field and the value that is wrong). Shown only when the API says the user may (`mayEditVerwijzingen`).
 */
export function VerwijzingenForm({
  knelpunt,
  routeKey,
  onDone,
}: {
  knelpunt: KnelpuntDetail;
  routeKey: string;
  onDone: (message: string, updated: KnelpuntDetail) => void;
}) {
  const [values, setValues] = useState<Record<Kind, string>>(() => asText(knelpunt));
  const action = useKnelpuntAction(knelpunt, routeKey, sendVerwijzingen, (updated) => {
    setValues(asText(updated));
    onDone('De verwijzingen naar Kamer en wetgeving zijn opgeslagen.', updated);
  });
  const { fieldErrors, summary, other } = splitApiError(action.error, VERWIJZING_LABELS);

  function submit(e: FormEvent) {
    e.preventDefault();
    action.mutate(Object.fromEntries(KINDS.map((kind) => [kind, splitVerwijzingen(values[kind])])) as Record<Kind, string[]>);
  }

  return (
    <form id={FORM_ID} className="kp-form" aria-label="Verwijzingen naar Kamer en wetgeving wijzigen" noValidate onSubmit={submit}>
      <Paragraph>
        Meerdere waarden scheidt u met komma’s. De lijsten vervangen de huidige; de oude en nieuwe komen in de tijdlijn.
      </Paragraph>
      <ErrorSummary formId={FORM_ID} errors={summary} />
      <ProblemAlert error={other} />
      {KINDS.map((kind) => (
        <TextField
          key={kind}
          formId={FORM_ID}
          name={kind}
          label={VERWIJZING_LABELS[kind]}
          description={HINTS[kind]}
          value={values[kind]}
          onChange={(v) => setValues((prev) => ({ ...prev, [kind]: v }))}
          error={fieldErrors[kind]}
          maxLength={600}
        />
      ))}
      <div className="kp-actions">
        <Button type="submit" appearance="primary-action-button" disabled={action.isPending}>
          Verwijzingen opslaan
        </Button>
      </div>
    </form>
  );
}
