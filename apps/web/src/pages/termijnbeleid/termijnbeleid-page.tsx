/**
 * The deadline policy (GET /deadline-policies): the defaults for every organisation and the policies that differ
 * per organisation. The programmadirectie changes a policy or adds one for an organisation (PUT
 * /deadline-policies); the other roles that may read it see the same tables without the forms. The API checks
 * every value and its reasons appear next to the field.
 */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Heading,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableRow,
} from '@rijkshuisstijl-community/components-react';
import { TableHeaderCell } from '../../components/table-header-cell';
import { POLITIEKE_INSTRUMENTEN } from '@kp/domain/knelpunt/statuses';
import { DEADLINE_KINDS, DEADLINE_LABELS } from '@kp/domain/termijnen/deadline-state';
import { api } from '../../api/client';
import type { DeadlinePolicy, Organisation } from '../../api/types';
import { useSession } from '../../auth/session';
import { CheckboxField } from '../../components/checkbox-field';
import { SavedMessage } from '../../components/saved-message';
import { ErrorSummary, ProblemAlert, SelectField, TextField, splitApiError } from '../../components/form';
import { formatDateTime } from '../../format';
import { INSTRUMENT_LABELS, label } from '../../labels';
import { TableScroll } from '../../components/table-scroll';
import { useSubmit } from '../../components/use-submit';
import { remindersText, toNumber } from './policy-text';

const FORM = 'termijnbeleid';
const POLICIES_KEY = ['deadline-policies'] as const;

/** The units the API accepts (TermInputDto.unit). */
const TERM_UNITS = ['werkdagen', 'dagen', 'weken', 'maanden'] as const;
/** Kinds that run to a fixed date (targetDate, meeting date): the API documents their term as unused. */
const FIXED_DATE_KINDS = ['streefdatum', 'acu_behandeling'];

const FIELD_LABELS: Record<string, string> = {
  organisation: 'Organisatie',
  kind: 'Termijnsoort',
  instrument: 'Instrument',
  term: 'Termijn',
  'term.amount': 'Termijn: aantal',
  'term.unit': 'Termijn: eenheid',
  reminderWerkdagen: 'Herinneringen',
  overdueRepeatDays: 'Herhaalherinnering: elke zoveel dagen',
  acuAfterOverdueWeeks: 'Naar de ACU-agenda na (weken)',
  notifyProgrammadirectieWhenOverdue: 'Programmadirectie berichten',
  reminderHour: 'Uur van de herinneringen',
};

const kindLabel = (kind: string): string => (DEADLINE_LABELS as Record<string, string>)[kind] ?? label({}, kind);

function policyName(p: Pick<DeadlinePolicy, 'kind' | 'instrument'>): string {
  if (p.kind !== 'politieke_reactie') return kindLabel(p.kind);
  return `${kindLabel(p.kind)}: ${p.instrument ? label(INSTRUMENT_LABELS, p.instrument) : 'overige instrumenten'}`;
}

function termText(p: DeadlinePolicy): string {
  if (FIXED_DATE_KINDS.includes(p.kind)) return 'Vaste datum';
  return `${p.term.amount} ${p.term.unit}`;
}

const sortKey = (p: DeadlinePolicy): string =>
  `${p.organisation ?? ''}|${String(DEADLINE_KINDS.indexOf(p.kind as never)).padStart(2, '0')}|${
    p.instrument ? String(POLITIEKE_INSTRUMENTEN.indexOf(p.instrument as never) + 1).padStart(2, '0') : '00'
  }`;

interface Draft {
  organisation: string;
  kind: string;
  instrument: string;
  termAmount: string;
  termUnit: string;
  reminders: string;
  repeat: boolean;
  repeatDays: string;
  acu: boolean;
  acuWeeks: string;
  notify: boolean;
  reminderHour: string;
}

function draftOf(p: DeadlinePolicy | undefined, organisation = '', kind = ''): Draft {
  return {
    organisation: p?.organisation ?? organisation,
    kind: p?.kind ?? kind,
    instrument: p?.instrument ?? '',
    termAmount: p ? String(p.term.amount) : '',
    termUnit: p?.term.unit ?? 'weken',
    reminders: p ? p.reminderWerkdagen.join(', ') : '',
    repeat: p ? p.overdueRepeatDays !== null : false,
    repeatDays: p?.overdueRepeatDays ? String(p.overdueRepeatDays) : '7',
    acu: p ? p.acuAfterOverdueWeeks !== null : false,
    acuWeeks: p?.acuAfterOverdueWeeks ? String(p.acuAfterOverdueWeeks) : '4',
    notify: p?.notifyProgrammadirectieWhenOverdue ?? true,
    reminderHour: p ? String(p.reminderHour) : '9',
  };
}

type Editing = { mode: 'edit'; policy: DeadlinePolicy } | { mode: 'new' };

function PolicyForm({
  editing,
  policies,
  onSaved,
  onCancel,
}: {
  editing: Editing;
  policies: DeadlinePolicy[];
  onSaved: (policy: DeadlinePolicy) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(editing.mode === 'edit' ? editing.policy : undefined));
  const organisations = useQuery({
    queryKey: ['organisations'],
    queryFn: () => api.get<{ items: Organisation[] }>('/organisations'),
    enabled: editing.mode === 'new',
  });
  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) =>
      setDraft((d) => ({ ...d, [key]: value }));

  /** A new organisation policy starts from the policy that applies now (the default of that kind). */
  function chooseKind(kind: string, instrument = '') {
    const base =
      policies.find((p) => p.organisation === (draft.organisation || null) && p.kind === kind && (p.instrument ?? '') === instrument) ??
      policies.find((p) => p.organisation === null && p.kind === kind && (p.instrument ?? '') === instrument);
    setDraft((d) => ({ ...draftOf(base), organisation: d.organisation, kind, instrument }));
  }

  const { error, busy, submit } = useSubmit(() => {
    const body = {
      organisation: draft.organisation || undefined,
      kind: draft.kind,
      instrument: draft.kind === 'politieke_reactie' && draft.instrument ? draft.instrument : undefined,
      term: { amount: toNumber(draft.termAmount), unit: draft.termUnit },
      reminderWerkdagen: draft.reminders
        .split(/[\s,;]+/)
        .filter((t) => t !== '')
        .map(toNumber),
      overdueRepeatDays: draft.repeat ? toNumber(draft.repeatDays) : null,
      acuAfterOverdueWeeks: draft.kind === 'driehoek_besluit' && draft.acu ? toNumber(draft.acuWeeks) : null,
      notifyProgrammadirectieWhenOverdue: draft.notify,
      reminderHour: toNumber(draft.reminderHour),
    };
    return api.put<DeadlinePolicy>('/deadline-policies', body);
  }, onSaved);

  const { fieldErrors, summary, other } = splitApiError(error, FIELD_LABELS);
  const title =
    editing.mode === 'edit'
      ? `${policyName(editing.policy)} wijzigen (${editing.policy.organisation ?? 'standaard voor alle organisaties'})`
      : 'Afwijkend beleid voor een organisatie vastleggen';
  const fixedDate = FIXED_DATE_KINDS.includes(draft.kind);

  return (
    <section className="kp-panel" aria-labelledby={`${FORM}-kop`}>
      <Heading level={2} id={`${FORM}-kop`} tabIndex={-1}>
        {title}
      </Heading>
      <Paragraph>
        Het nieuwe beleid geldt voor termijnen die vanaf nu beginnen; lopende termijnen houden het beleid waarmee ze zijn gestart.
      </Paragraph>
      {editing.mode === 'edit' ? (
        <Paragraph className="kp-muted">
          Laatst gewijzigd op {formatDateTime(editing.policy.updatedAt)} door {editing.policy.updatedBy.name}.
        </Paragraph>
      ) : null}
      <form id={FORM} onSubmit={submit} noValidate className="kp-form">
        <ErrorSummary formId={FORM} errors={summary} />
        <ProblemAlert error={other} />
        {editing.mode === 'new' ? (
          <>
            <SelectField
              formId={FORM}
              name="organisation"
              label="Organisatie"
              required
              placeholder="Kies een organisatie"
              value={draft.organisation}
              onChange={set('organisation')}
              options={(organisations.data?.items ?? []).map((o) => ({ value: o.code, label: `${o.code} — ${o.name}` }))}
              error={fieldErrors.organisation}
            />
            <SelectField
              formId={FORM}
              name="kind"
              label="Termijnsoort"
              required
              placeholder="Kies een termijnsoort"
              value={draft.kind}
              onChange={(v) => chooseKind(v)}
              options={DEADLINE_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))}
              error={fieldErrors.kind}
            />
            {draft.kind === 'politieke_reactie' ? (
              <SelectField
                formId={FORM}
                name="instrument"
                label="Instrument"
                placeholder="Overige instrumenten (zonder eigen beleid)"
                value={draft.instrument}
                onChange={(v) => chooseKind(draft.kind, v)}
                options={POLITIEKE_INSTRUMENTEN.map((i) => ({ value: i, label: label(INSTRUMENT_LABELS, i) }))}
                error={fieldErrors.instrument}
              />
            ) : null}
          </>
        ) : null}

        <fieldset className="utrecht-form-fieldset kp-fieldset">
          <legend className="utrecht-form-fieldset__legend">Termijn</legend>
          {fixedDate ? (
            <Paragraph className="kp-muted">
              Deze termijn loopt tot een vaste datum (streefdatum of vergaderdatum); aantal en eenheid worden niet gebruikt.
            </Paragraph>
          ) : null}
          <div className="kp-inline-fields">
            <TextField
              formId={FORM}
              name="term.amount"
              label="Aantal"
              type="number"
              required
              value={draft.termAmount}
              onChange={set('termAmount')}
              error={fieldErrors['term.amount'] ?? fieldErrors.term}
            />
            <SelectField
              formId={FORM}
              name="term.unit"
              label="Eenheid"
              required
              value={draft.termUnit}
              onChange={set('termUnit')}
              options={TERM_UNITS.map((u) => ({ value: u, label: u }))}
              error={fieldErrors['term.unit']}
            />
          </div>
        </fieldset>

        <TextField
          formId={FORM}
          name="reminderWerkdagen"
          label="Herinneringen (werkdagen vóór de uiterste datum)"
          description="Gehele getallen, gescheiden door komma's, bijvoorbeeld 10, 5, 0. 0 is op de dag zelf. Leeg: geen herinneringen."
          value={draft.reminders}
          onChange={set('reminders')}
          error={fieldErrors.reminderWerkdagen}
        />

        <fieldset className="utrecht-form-fieldset kp-fieldset">
          <legend className="utrecht-form-fieldset__legend">Na de uiterste datum</legend>
          <CheckboxField
            formId={FORM}
            name="overdueRepeat"
            label="Herinnering herhalen zolang de termijn verlopen is"
            checked={draft.repeat}
            onChange={set('repeat')}
          />
          {draft.repeat ? (
            <TextField
              formId={FORM}
              name="overdueRepeatDays"
              label="Elke zoveel dagen herhalen"
              type="number"
              required
              value={draft.repeatDays}
              onChange={set('repeatDays')}
              error={fieldErrors.overdueRepeatDays}
            />
          ) : null}
          {draft.kind === 'driehoek_besluit' ? (
            <>
              <CheckboxField
                formId={FORM}
                name="acuAfterOverdue"
                label="Automatisch op de ACU-agenda als het besluit te lang uitblijft"
                description="Uitzetten: het knelpunt blijft bij de driehoek, ook als de termijn lang verlopen is."
                checked={draft.acu}
                onChange={set('acu')}
              />
              {draft.acu ? (
                <TextField
                  formId={FORM}
                  name="acuAfterOverdueWeeks"
                  label="Naar de ACU-agenda na zoveel weken over de termijn"
                  type="number"
                  required
                  value={draft.acuWeeks}
                  onChange={set('acuWeeks')}
                  error={fieldErrors.acuAfterOverdueWeeks}
                />
              ) : null}
            </>
          ) : fieldErrors.acuAfterOverdueWeeks ? (
            <Paragraph className="kp-cell-error">{fieldErrors.acuAfterOverdueWeeks}</Paragraph>
          ) : null}
          <CheckboxField
            formId={FORM}
            name="notifyProgrammadirectieWhenOverdue"
            label="Ook de programmadirectie berichten als de termijn verlopen is"
            checked={draft.notify}
            onChange={set('notify')}
            error={fieldErrors.notifyProgrammadirectieWhenOverdue}
          />
        </fieldset>

        <TextField
          formId={FORM}
          name="reminderHour"
          label="Uur waarop herinneringen uitgaan"
          description="0 tot en met 23, Nederlandse tijd."
          type="number"
          required
          value={draft.reminderHour}
          onChange={set('reminderHour')}
          error={fieldErrors.reminderHour}
        />

        <div className="kp-actions">
          <Button type="submit" appearance="primary-action-button" disabled={busy} aria-disabled={busy || undefined}>
            {busy ? 'Opslaan…' : 'Termijnbeleid opslaan'}
          </Button>
          <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
            Annuleren
          </Button>
        </div>
      </form>
    </section>
  );
}

function PolicyTable({
  caption,
  policies,
  withOrganisation,
  onEdit,
}: {
  caption: string;
  policies: DeadlinePolicy[];
  withOrganisation?: boolean;
  onEdit?: (p: DeadlinePolicy) => void;
}) {
  return (
    <TableScroll label={caption}>
      <Table>
        <TableCaption>{caption}</TableCaption>
        <TableHeader>
          <TableRow>
            {withOrganisation ? <TableHeaderCell scope="col">Organisatie</TableHeaderCell> : null}
            <TableHeaderCell scope="col">Termijnsoort</TableHeaderCell>
            <TableHeaderCell scope="col">Termijn</TableHeaderCell>
            <TableHeaderCell scope="col">Herinneringen</TableHeaderCell>
            <TableHeaderCell scope="col">Na verlopen herhalen</TableHeaderCell>
            <TableHeaderCell scope="col">Naar de ACU</TableHeaderCell>
            <TableHeaderCell scope="col">Programma&shy;directie berichten</TableHeaderCell>
            {onEdit ? <TableHeaderCell scope="col">Actie</TableHeaderCell> : null}
          </TableRow>
        </TableHeader>
        <TableBody>
          {policies.map((p) => (
            <TableRow key={p.id}>
              {withOrganisation ? <TableCell>{p.organisation}</TableCell> : null}
              <TableHeaderCell scope="row">{policyName(p)}</TableHeaderCell>
              <TableCell>{termText(p)}</TableCell>
              <TableCell>{remindersText(p.reminderWerkdagen)}</TableCell>
              <TableCell>{p.overdueRepeatDays ? `Elke ${p.overdueRepeatDays} dagen` : 'Nee'}</TableCell>
              <TableCell>
                {p.kind !== 'driehoek_besluit' ? '—' : p.acuAfterOverdueWeeks ? `Na ${p.acuAfterOverdueWeeks} weken` : 'Uit'}
              </TableCell>
              <TableCell>{p.notifyProgrammadirectieWhenOverdue ? 'Ja' : 'Nee'}</TableCell>
              {onEdit ? (
                <TableCell>
                  <Button appearance="secondary-action-button" onClick={() => onEdit(p)}>
                    Wijzigen<span className="kp-visually-hidden"> {`${policyName(p)} ${p.organisation ?? 'standaard'}`}</span>
                  </Button>
                </TableCell>
              ) : null}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableScroll>
  );
}

export default function TermijnbeleidPage() {
  const { user } = useSession();
  const queryClient = useQueryClient();
  const mayEdit = user?.role === 'programmadirectie';
  const [editing, setEditing] = useState<Editing | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const policies = useQuery({
    queryKey: POLICIES_KEY,
    queryFn: ({ signal }) => api.get<{ items: DeadlinePolicy[] }>('/deadline-policies', undefined, signal),
  });

  function open(next: Editing) {
    setSaved(null);
    setEditing(next);
    requestAnimationFrame(() => document.getElementById(`${FORM}-kop`)?.focus());
  }

  async function onSaved(p: DeadlinePolicy) {
    setEditing(null);
    setSaved(`Termijnbeleid opgeslagen: ${policyName(p)} (${p.organisation ?? 'standaard voor alle organisaties'}).`);
    await queryClient.invalidateQueries({ queryKey: POLICIES_KEY });
  }

  const items = [...(policies.data?.items ?? [])].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
  const defaults = items.filter((p) => p.organisation === null);
  const perOrganisation = items.filter((p) => p.organisation !== null);

  return (
    <>
      <Heading level={1}>Termijnbeleid</Heading>
      <Paragraph>
        De termijnen en herinneringen die gelden voor knelpunten: het standaardbeleid voor alle organisaties en het beleid dat voor een
        organisatie afwijkt. Termijnen lopen in werkdagen volgens de Algemene termijnenwet.
      </Paragraph>
      {!mayEdit ? (
        <Paragraph className="kp-muted">Alleen de programmadirectie kan het termijnbeleid wijzigen; u kunt het inzien.</Paragraph>
      ) : null}

      <SavedMessage message={saved} />

      {mayEdit && editing ? (
        <PolicyForm
          key={editing.mode === 'edit' ? editing.policy.id : 'nieuw'}
          editing={editing}
          policies={items}
          onSaved={(p) => void onSaved(p)}
          onCancel={() => setEditing(null)}
        />
      ) : null}

      {policies.isPending ? (
        <Paragraph role="status" className="kp-loading">
          Termijnbeleid laden…
        </Paragraph>
      ) : policies.isError ? (
        <ProblemAlert error={policies.error} />
      ) : (
        <>
          <Heading level={2}>Standaardbeleid</Heading>
          <PolicyTable
            caption="Standaardbeleid voor alle organisaties"
            policies={defaults}
            onEdit={mayEdit ? (p) => open({ mode: 'edit', policy: p }) : undefined}
          />

          <Heading level={2} className="kp-section-start">
            Afwijkend beleid per organisatie
          </Heading>
          {mayEdit ? (
            <div className="kp-actions kp-spaced">
              <Button appearance="secondary-action-button" onClick={() => open({ mode: 'new' })}>
                Afwijkend beleid voor een organisatie vastleggen
              </Button>
            </div>
          ) : null}
          {perOrganisation.length === 0 ? (
            <Paragraph>Voor geen enkele organisatie wijkt het beleid af: overal geldt het standaardbeleid.</Paragraph>
          ) : (
            <PolicyTable
              caption="Beleid dat voor een organisatie afwijkt van de standaard"
              policies={perOrganisation}
              withOrganisation
              onEdit={mayEdit ? (p) => open({ mode: 'edit', policy: p }) : undefined}
            />
          )}
        </>
      )}
    </>
  );
}
