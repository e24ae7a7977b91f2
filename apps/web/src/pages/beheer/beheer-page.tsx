/**
 * Reference data for the admin: organisations (POST /organisations, PUT /organisations/{code}), ministries
 * (POST /ministries, PUT /ministries/{code}) and driehoeken with eigenaar and opdrachtgevers
 * (PUT /driehoeken/{code}). One part at a time (`?onderdeel=`), each a table with a form to add or change a row.
 * The API checks everything; its reasons appear next to the field.
 */
import { Fragment, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
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
import { api } from '../../api/client';
import type { Ministry, Organisation } from '../../api/types';
import { AppLink } from '../../components/app-link';
import { CheckboxField, CheckboxGroupField } from '../../components/checkbox-field';
import { ErrorSummary, ProblemAlert, SelectField, TextField, splitApiError } from '../../components/form';
import { SavedMessage } from '../../components/saved-message';
import { TableScroll } from '../../components/table-scroll';
import { useSubmit } from '../../components/use-submit';

interface DriehoekRef {
  code: string;
  eigenaar: string;
  opdrachtgevers: string[];
  opdrachtnemer: string;
}
type OrganisationRow = Organisation & { kind: string; active: boolean; driehoek: DriehoekRef | null };
type MinistryRow = Ministry & { active: boolean };

const PARTS = [
  { key: 'organisaties', label: 'Organisaties' },
  { key: 'ministeries', label: 'Ministeries' },
  { key: 'driehoeken', label: 'Driehoeken' },
] as const;
type Part = (typeof PARTS)[number]['key'];

const KIND_LABELS: Record<string, string> = { uitvoeringsorganisatie: 'Uitvoeringsorganisatie', koepel: 'Koepel (zoals de VNG)' };

function useOrganisations() {
  return useQuery({ queryKey: ['organisations'], queryFn: () => api.get<{ items: OrganisationRow[] }>('/organisations') });
}
function useMinistries() {
  return useQuery({ queryKey: ['ministries'], queryFn: () => api.get<{ items: MinistryRow[] }>('/ministries') });
}

/** After a change: every list that shows reference data reads it again (the login page, the Stand form …). */
function useRefresh() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['organisations'] }),
      queryClient.invalidateQueries({ queryKey: ['ministries'] }),
      queryClient.invalidateQueries({ queryKey: ['driehoeken'] }),
    ]);
}

function focusHeading(id: string) {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}

/** A form in a bordered panel with its own heading (focused when the panel opens). */
function FormPanel({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="kp-panel" aria-labelledby={`${id}-kop`}>
      <Heading level={3} id={`${id}-kop`} tabIndex={-1}>
        {title}
      </Heading>
      {children}
    </section>
  );
}

function FormButtons({ busy, label, onCancel }: { busy: boolean; label: string; onCancel: () => void }) {
  return (
    <div className="kp-actions">
      <Button type="submit" appearance="primary-action-button" disabled={busy} aria-disabled={busy || undefined}>
        {busy ? 'Opslaan…' : label}
      </Button>
      <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
        Annuleren
      </Button>
    </div>
  );
}

// ---------- organisations and ministries: a code, a name, active, and for organisations a kind ----------

interface ReferenceRow {
  code: string;
  name: string;
  active: boolean;
}

/** What differs between the organisations and the ministries part. */
interface ReferenceKind {
  /** "Organisatie": in the form's title, its button and the saved message. */
  noun: string;
  /** "Organisaties": the table's caption and the loading text. */
  plural: string;
  formId: string;
  /** API path of the collection; PUT goes to `${path}/{code}`. */
  path: string;
  labels: Record<string, string>;
  codeDescription: string;
  activeDescription: string;
}

function ReferenceForm<Row extends ReferenceRow>({
  kind,
  existing,
  extraBody,
  extraFields,
  onSaved,
  onCancel,
}: {
  kind: ReferenceKind;
  existing: Row | null;
  /** Further values the API takes (sent on create and on change). */
  extraBody?: Record<string, unknown>;
  /** Fields for those values, between the name and Actief. */
  extraFields?: (fieldErrors: Record<string, string>) => ReactNode;
  onSaved: (row: Row) => void;
  onCancel: () => void;
}) {
  const formId = kind.formId;
  const [code, setCode] = useState(existing?.code ?? '');
  const [name, setName] = useState(existing?.name ?? '');
  const [active, setActive] = useState(existing?.active ?? true);
  const { error, busy, submit } = useSubmit(
    () =>
      existing
        ? api.put<Row>(`${kind.path}/${encodeURIComponent(existing.code)}`, { name, ...extraBody, active })
        : api.post<Row>(kind.path, { code, name, ...extraBody, active }),
    onSaved,
  );
  const { fieldErrors, summary, other } = splitApiError(error, kind.labels);
  return (
    <FormPanel id={formId} title={existing ? `${kind.noun} ${existing.code} wijzigen` : `${kind.noun} toevoegen`}>
      <form id={formId} onSubmit={submit} noValidate className="kp-form">
        <ErrorSummary formId={formId} errors={summary} />
        <ProblemAlert error={other} />
        {existing ? null : (
          <TextField
            formId={formId}
            name="code"
            label="Code"
            description={kind.codeDescription}
            required
            value={code}
            onChange={setCode}
            error={fieldErrors.code}
            maxLength={16}
          />
        )}
        <TextField
          formId={formId}
          name="name"
          label="Naam"
          required
          value={name}
          onChange={setName}
          error={fieldErrors.name}
          maxLength={200}
        />
        {extraFields?.(fieldErrors)}
        <CheckboxField
          formId={formId}
          name="active"
          label="Actief"
          description={kind.activeDescription}
          checked={active}
          onChange={setActive}
          error={fieldErrors.active}
        />
        <FormButtons busy={busy} label={existing ? 'Wijzigingen opslaan' : `${kind.noun} toevoegen`} onCancel={onCancel} />
      </form>
    </FormPanel>
  );
}

/** The table of one kind with the button to add a row and the form to add or change one. */
function ReferencePart<Row extends ReferenceRow>({
  kind,
  list,
  extraColumns = [],
  renderForm,
}: {
  kind: ReferenceKind;
  list: UseQueryResult<{ items: Row[] }>;
  /** Columns between Naam and Status. */
  extraColumns?: { header: string; cell: (row: Row) => ReactNode }[];
  renderForm: (props: { existing: Row | null; onSaved: (row: Row) => void; onCancel: () => void }) => ReactNode;
}) {
  const refresh = useRefresh();
  const [editing, setEditing] = useState<Row | 'nieuw' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const open = (next: Row | 'nieuw') => {
    setSaved(null);
    setEditing(next);
    focusHeading(`${kind.formId}-kop`);
  };
  const items = list.data?.items ?? [];
  return (
    <>
      <SavedMessage message={saved} />
      {editing ? (
        <Fragment key={editing === 'nieuw' ? 'nieuw' : editing.code}>
          {renderForm({
            existing: editing === 'nieuw' ? null : editing,
            onCancel: () => setEditing(null),
            onSaved: (row) => {
              setEditing(null);
              setSaved(`${kind.noun} ${row.code} (${row.name}) is opgeslagen.`);
              void refresh();
            },
          })}
        </Fragment>
      ) : (
        <div className="kp-actions kp-spaced">
          <Button appearance="secondary-action-button" onClick={() => open('nieuw')}>
            {kind.noun} toevoegen
          </Button>
        </div>
      )}
      {list.isPending ? (
        <Paragraph role="status" className="kp-loading">
          {kind.plural} laden…
        </Paragraph>
      ) : list.isError ? (
        <ProblemAlert error={list.error} />
      ) : (
        <TableScroll label={kind.plural}>
          <Table>
            <TableCaption>
              {kind.plural} ({items.length})
            </TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Code</TableHeaderCell>
                <TableHeaderCell scope="col">Naam</TableHeaderCell>
                {extraColumns.map((c) => (
                  <TableHeaderCell key={c.header} scope="col">
                    {c.header}
                  </TableHeaderCell>
                ))}
                <TableHeaderCell scope="col">Status</TableHeaderCell>
                <TableHeaderCell scope="col">Actie</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((row) => (
                <TableRow key={row.code}>
                  <TableHeaderCell scope="row">{row.code}</TableHeaderCell>
                  <TableCell>{row.name}</TableCell>
                  {extraColumns.map((c) => (
                    <TableCell key={c.header}>{c.cell(row)}</TableCell>
                  ))}
                  <TableCell>{row.active ? 'Actief' : 'Inactief'}</TableCell>
                  <TableCell>
                    <Button appearance="secondary-action-button" onClick={() => open(row)}>
                      Wijzigen<span className="kp-visually-hidden"> {row.code}</span>
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableScroll>
      )}
    </>
  );
}

const ORGANISATIONS: ReferenceKind = {
  noun: 'Organisatie',
  plural: 'Organisaties',
  formId: 'organisatie',
  path: '/organisations',
  labels: { code: 'Code', name: 'Naam', kind: 'Soort', active: 'Actief' },
  codeDescription: '2 tot 16 hoofdletters, zoals UWV. De driehoek van de organisatie krijgt dezelfde code.',
  activeDescription: 'Een inactieve organisatie kan geen Standen meer indienen.',
};

function OrganisationForm(props: { existing: OrganisationRow | null; onSaved: (o: OrganisationRow) => void; onCancel: () => void }) {
  const [kind, setKind] = useState(props.existing?.kind ?? 'uitvoeringsorganisatie');
  return (
    <ReferenceForm
      {...props}
      kind={ORGANISATIONS}
      extraBody={{ kind }}
      extraFields={(fieldErrors) => (
        <SelectField
          formId={ORGANISATIONS.formId}
          name="kind"
          label="Soort"
          required
          value={kind}
          onChange={setKind}
          options={Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))}
          error={fieldErrors.kind}
        />
      )}
    />
  );
}

function OrganisationsPart() {
  const organisations = useOrganisations();
  return (
    <ReferencePart
      kind={ORGANISATIONS}
      list={organisations}
      extraColumns={[{ header: 'Soort', cell: (o) => KIND_LABELS[o.kind] ?? o.kind }]}
      renderForm={(props) => <OrganisationForm {...props} />}
    />
  );
}

const MINISTRIES: ReferenceKind = {
  noun: 'Ministerie',
  plural: 'Ministeries',
  formId: 'ministerie',
  path: '/ministries',
  labels: { code: 'Code', name: 'Naam', active: 'Actief' },
  codeDescription: '2 tot 16 letters in de gebruikelijke schrijfwijze, zoals SZW of BuZa.',
  activeDescription: 'Een ministerie dat in dit kabinet niet meer bestaat, kan niet meer als eigenaar of opdrachtgever worden gekozen.',
};

function MinistriesPart() {
  const ministries = useMinistries();
  return (
    <ReferencePart
      kind={MINISTRIES}
      list={ministries}
      renderForm={(props) => <ReferenceForm<MinistryRow> {...props} kind={MINISTRIES} />}
    />
  );
}

// ---------- driehoeken ----------

const DH_FORM = 'driehoek';
const DH_LABELS = { eigenaar: 'Eigenaar', opdrachtgevers: 'Opdrachtgevers' };

function DriehoekForm({
  organisation,
  ministries,
  onSaved,
  onCancel,
}: {
  organisation: OrganisationRow;
  ministries: MinistryRow[];
  onSaved: (d: DriehoekRef) => void;
  onCancel: () => void;
}) {
  const [eigenaar, setEigenaar] = useState(organisation.driehoek?.eigenaar ?? '');
  const [opdrachtgevers, setOpdrachtgevers] = useState<string[]>(organisation.driehoek?.opdrachtgevers ?? []);
  const { error, busy, submit } = useSubmit(
    () => api.put<DriehoekRef>(`/driehoeken/${encodeURIComponent(organisation.code)}`, { eigenaar, opdrachtgevers }),
    onSaved,
  );
  const { fieldErrors, summary, other } = splitApiError(error, DH_LABELS);
  // A field error may name one element (opdrachtgevers[1]): show it at the group.
  const groupError = Object.entries(fieldErrors)
    .filter(([name]) => name.startsWith('opdrachtgevers'))
    .map(([, reason]) => reason)
    .join('; ');
  // Active ministries, plus any inactive one the driehoek still names (so the form shows what is stored).
  const current = new Set([organisation.driehoek?.eigenaar, ...(organisation.driehoek?.opdrachtgevers ?? [])]);
  const options = ministries
    .filter((m) => m.active || current.has(m.code))
    .map((m) => ({ value: m.code, label: `${m.code} — ${m.name}${m.active ? '' : ' (inactief)'}` }));
  return (
    <FormPanel id={DH_FORM} title={`Driehoek ${organisation.code} ${organisation.driehoek ? 'wijzigen' : 'vastleggen'}`}>
      <Paragraph>Opdrachtnemer: {organisation.name}. Kies het eigenaar-ministerie en de opdrachtgevende ministeries.</Paragraph>
      <form id={DH_FORM} onSubmit={submit} noValidate className="kp-form">
        <ErrorSummary formId={DH_FORM} errors={summary} />
        <ProblemAlert error={other} />
        <SelectField
          formId={DH_FORM}
          name="eigenaar"
          label="Eigenaar"
          required
          placeholder="Kies een ministerie"
          value={eigenaar}
          onChange={setEigenaar}
          options={options}
          error={fieldErrors.eigenaar}
        />
        <CheckboxGroupField
          formId={DH_FORM}
          name="opdrachtgevers"
          legend="Opdrachtgevers"
          description="Eén of meer ministeries; bij meervoudig opdrachtgeverschap kiest u er meer."
          options={options}
          value={opdrachtgevers}
          onChange={setOpdrachtgevers}
          error={groupError || undefined}
        />
        <FormButtons busy={busy} label="Driehoek opslaan" onCancel={onCancel} />
      </form>
    </FormPanel>
  );
}

function DriehoekenPart() {
  const organisations = useOrganisations();
  const ministries = useMinistries();
  const refresh = useRefresh();
  const [editing, setEditing] = useState<OrganisationRow | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const open = (o: OrganisationRow) => {
    setSaved(null);
    setEditing(o);
    focusHeading(`${DH_FORM}-kop`);
  };
  const names = new Map((ministries.data?.items ?? []).map((m) => [m.code, m.name]));
  const items = organisations.data?.items ?? [];
  const ministry = (code: string) => <abbr title={names.get(code) ?? code}>{code}</abbr>;
  return (
    <>
      <SavedMessage message={saved} />
      {editing ? (
        <DriehoekForm
          key={editing.code}
          organisation={editing}
          ministries={ministries.data?.items ?? []}
          onCancel={() => setEditing(null)}
          onSaved={(d) => {
            setEditing(null);
            setSaved(`Driehoek ${d.code} is opgeslagen: eigenaar ${d.eigenaar}, opdrachtgever(s) ${d.opdrachtgevers.join(', ')}.`);
            void refresh();
          }}
        />
      ) : null}
      {organisations.isPending ? (
        <Paragraph role="status" className="kp-loading">
          Driehoeken laden…
        </Paragraph>
      ) : organisations.isError ? (
        <ProblemAlert error={organisations.error} />
      ) : (
        <TableScroll label={'Driehoeken per organisatie'}>
          <Table>
            <TableCaption>Driehoeken per organisatie (opdrachtnemer)</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Driehoek (opdrachtnemer)</TableHeaderCell>
                <TableHeaderCell scope="col">Eigenaar</TableHeaderCell>
                <TableHeaderCell scope="col">Opdrachtgevers</TableHeaderCell>
                <TableHeaderCell scope="col">Actie</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((o) => (
                <TableRow key={o.code}>
                  <TableHeaderCell scope="row">
                    {o.code} <span className="kp-muted">({o.name})</span>
                  </TableHeaderCell>
                  <TableCell>{o.driehoek ? ministry(o.driehoek.eigenaar) : 'Geen driehoek'}</TableCell>
                  <TableCell>
                    {o.driehoek
                      ? o.driehoek.opdrachtgevers.map((c, i) => (
                          <span key={c}>
                            {i > 0 ? ', ' : ''}
                            {ministry(c)}
                          </span>
                        ))
                      : '—'}
                  </TableCell>
                  <TableCell>
                    <Button appearance="secondary-action-button" onClick={() => open(o)}>
                      {o.driehoek ? 'Wijzigen' : 'Vastleggen'}
                      <span className="kp-visually-hidden"> driehoek {o.code}</span>
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableScroll>
      )}
    </>
  );
}

export default function BeheerPage() {
  const [params] = useSearchParams();
  const requested = params.get('onderdeel');
  const part: Part = PARTS.some((p) => p.key === requested) ? (requested as Part) : 'organisaties';
  const current = PARTS.find((p) => p.key === part)!;
  return (
    <>
      <Heading level={1}>Referentiegegevens</Heading>
      <Paragraph>
        De organisaties die een Stand indienen, de ministeries en per organisatie de ambtelijke sturingsdriehoek: eigenaar, opdrachtgever(s)
        en de organisatie zelf als opdrachtnemer.
      </Paragraph>
      <nav aria-label="Onderdelen van de referentiegegevens" className="kp-subnav">
        <ul className="kp-subnav__list">
          {PARTS.map((p) => (
            <li key={p.key}>
              <AppLink
                to={`/beheer?onderdeel=${p.key}`}
                className={`kp-subnav__link${p.key === part ? ' kp-subnav__link--active' : ''}`}
                aria-current={p.key === part ? 'page' : undefined}
              >
                {p.label}
              </AppLink>
            </li>
          ))}
        </ul>
      </nav>
      <Heading level={2}>{current.label}</Heading>
      {part === 'organisaties' ? <OrganisationsPart /> : part === 'ministeries' ? <MinistriesPart /> : <DriehoekenPart />}
    </>
  );
}
