/**
 * Importing a Stand from CSV, in two steps: first the API checks the file (POST
 * /standen/import-controle, with the import's own rules, storing nothing) and every row is shown with
 * its wrong fields marked; only when the user confirms a valid file is it imported (POST
 * /standen/import). No rule is repeated here: what is wrong is what the API says is wrong.
 */
import { useRef, useState, type ChangeEvent, type FormEvent, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
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
import { apiRequest, newIdempotencyKey } from '../../api/client';
import type { CsvPreview, CsvPreviewRow, Stand } from '../../api/types';
import { useSession } from '../../auth/session';
import { AppLink } from '../../components/app-link';
import { ErrorSummary, ProblemAlert, TextField, fieldId, splitApiError } from '../../components/form';
import { THEMA_LABELS } from '../../labels';
import { StandFields, type StandFieldValues } from './stand-fields';
import { StandResult } from './stand-result';

const FORM = 'csv-import';
const PREVIEW = 'csv-voorbeeld';

const LABELS: Record<string, string> = {
  organisation: 'Organisatie',
  period: 'Periode',
  title: 'Titel van de Stand',
  csv: 'CSV',
  body: 'CSV',
  'Content-Type': 'CSV',
};

type Column = keyof CsvPreviewRow['values'];
const COLUMNS: { key: Column; label: string; always?: boolean }[] = [
  { key: 'title', label: 'Titel', always: true },
  { key: 'description', label: 'Beschrijving', always: true },
  { key: 'theme', label: 'Thema', always: true },
  { key: 'law', label: 'Wet of regeling' },
  { key: 'ministry', label: 'Ministerie' },
  { key: 'impact', label: 'Gevolgen' },
  { key: 'proposedSolution', label: 'Voorgestelde oplossing' },
  { key: 'externalRef', label: 'Eigen kenmerk' },
  { key: 'kamerstukken', label: 'Kamerstukken' },
  { key: 'moties', label: 'Moties' },
  { key: 'toezeggingen', label: 'Toezeggingen' },
  { key: 'bwbIds', label: 'BWB-ids' },
];

const EXAMPLE =
  'title,description,theme,law,ministry\n"Complexe regels WIA","De WIA is te complex voor burgers",vereenvoudiging,Wet WIA,SZW';

/** Long cells (descriptions) shortened in the table; the whole text stays in the file. */
function shorten(value: string, max = 140): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

const cellId = (row: number, field: string) => fieldId(PREVIEW, `rij-${row}-${field}`);

export default function CsvImportPage() {
  const { user } = useSession();
  const queryClient = useQueryClient();
  const ownOrganisation = user?.role === 'indiener' ? (user.organisation ?? '') : null;
  const [stand, setStand] = useState<StandFieldValues>({ organisation: ownOrganisation ?? '', period: '', title: '' });
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [preview, setPreview] = useState<CsvPreview | null>(null);
  const [checkError, setCheckError] = useState<unknown>(null);
  const [importError, setImportError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'controleren' | 'importeren' | null>(null);
  const [result, setResult] = useState<Stand | null>(null);
  const idempotencyKey = useRef<string | null>(null);

  // Anything changed after a check makes the preview stale: it goes, and must be checked again.
  const changed =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPreview(null);
      setImportError(null);
      idempotencyKey.current = null;
    };

  async function pickFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    setFileError(null);
    if (!file) return;
    try {
      changed(setCsv)(await file.text());
      setFileName(file.name);
    } catch {
      setFileError('Het bestand kan niet worden gelezen. Kies een CSV-bestand (tekst).');
    }
  }

  const query = { ...stand };

  async function check(e: FormEvent) {
    e.preventDefault();
    setBusy('controleren');
    setCheckError(null);
    setImportError(null);
    setPreview(null);
    try {
      const res = await apiRequest<CsvPreview>('/standen/import-controle', {
        method: 'POST',
        query,
        text: { content: csv, contentType: 'text/csv; charset=utf-8' },
      });
      setPreview(res);
    } catch (err) {
      setCheckError(err);
    } finally {
      setBusy(null);
    }
  }

  async function confirmImport() {
    setBusy('importeren');
    setImportError(null);
    idempotencyKey.current ??= newIdempotencyKey();
    try {
      const stand = await apiRequest<Stand>('/standen/import', {
        method: 'POST',
        query,
        text: { content: csv, contentType: 'text/csv; charset=utf-8' },
        idempotencyKey: idempotencyKey.current,
      });
      setResult(stand);
      void queryClient.invalidateQueries();
    } catch (err) {
      setImportError(err);
    } finally {
      setBusy(null);
    }
  }

  if (result) return <StandResult stand={result} ownList={user?.role === 'indiener'} via="csv" />;

  const { fieldErrors, summary, other } = splitApiError(checkError, LABELS);
  const csvError = [fieldErrors.body, fieldErrors['Content-Type'], fileError].filter(Boolean).join('; ') || undefined;
  // The summary links to the field; the CSV's own errors point at the CSV text box.
  const summaryErrors = summary.map((e) => (e.name === 'body' || e.name === 'Content-Type' ? { ...e, name: 'csv' } : e));

  return (
    <>
      <Heading level={1}>Stand importeren uit CSV</Heading>
      <Paragraph>
        Kies een CSV-bestand of plak de CSV hieronder. Eerst controleren we het bestand: u ziet elke rij, met bij elk veld dat niet goed is
        de reden. Er wordt pas iets opgeslagen als u de import bevestigt. Liever één voor één?{' '}
        <AppLink to="/standen/nieuw">Vul het formulier in</AppLink>.
      </Paragraph>
      <Paragraph>
        De eerste regel is de kopregel met de kolommen <code>title</code>, <code>description</code> en <code>theme</code>, en eventueel{' '}
        <code>law</code>, <code>ministry</code>, <code>impact</code>, <code>proposedSolution</code> en <code>externalRef</code>. Daarna één
        knelpunt per regel. Thema's: {Object.keys(THEMA_LABELS).join(', ')}. Verwijzingen naar Kamer en wetgeving gaan in de kolommen{' '}
        <code>kamerstukken</code> (zoals 29362-290), <code>moties</code>, <code>toezeggingen</code> (zoals TZ202311-045) en{' '}
        <code>bwbIds</code> (zoals BWBR0002448); meerdere in één cel scheidt u met een puntkomma of spatie.
      </Paragraph>

      <form id={FORM} onSubmit={check} noValidate className="kp-form">
        <ErrorSummary formId={FORM} errors={summaryErrors} />
        <ProblemAlert error={other} />

        <StandFields formId={FORM} own={ownOrganisation} values={stand} onChange={changed(setStand)} errors={fieldErrors} />

        <fieldset className="utrecht-form-fieldset kp-fieldset">
          <legend className="utrecht-form-fieldset__legend">
            <Heading level={2} appearanceLevel={3}>
              De knelpunten
            </Heading>
          </legend>
          <div className="utrecht-form-field utrecht-form-field--text kp-field">
            <div className="utrecht-form-field__label">
              <label className="utrecht-form-label" htmlFor={fieldId(FORM, 'bestand')}>
                CSV-bestand <span className="kp-optional">(of plak de CSV hieronder)</span>
              </label>
            </div>
            <div className="utrecht-form-field-description utrecht-form-field__description" id={`${fieldId(FORM, 'bestand')}-beschrijving`}>
              {fileName
                ? `Gekozen: ${fileName}. De inhoud staat hieronder.`
                : 'Een .csv-bestand met komma of puntkomma als scheidingsteken.'}
            </div>
            <div className="utrecht-form-field__input">
              <input
                id={fieldId(FORM, 'bestand')}
                name="bestand"
                type="file"
                accept=".csv,text/csv,text/plain"
                className="kp-file-input"
                aria-describedby={`${fieldId(FORM, 'bestand')}-beschrijving`}
                onChange={(e) => void pickFile(e)}
              />
            </div>
          </div>
          <TextField
            formId={FORM}
            name="csv"
            label="CSV"
            description={`Bijvoorbeeld: ${EXAMPLE.split('\n')[0]} en daaronder één knelpunt per regel.`}
            required
            multiline
            rows={8}
            value={csv}
            onChange={changed(setCsv)}
            error={csvError}
          />
        </fieldset>

        <div className="kp-actions">
          <Button type="submit" appearance="primary-action-button" disabled={busy !== null} aria-disabled={busy !== null || undefined}>
            {busy === 'controleren' ? 'Bezig met controleren…' : 'Controleren'}
          </Button>
        </div>
      </form>

      {preview ? (
        <PreviewSection preview={preview} busy={busy === 'importeren'} importError={importError} onConfirm={() => void confirmImport()} />
      ) : null}
    </>
  );
}

function PreviewSection({
  preview,
  busy,
  importError,
  onConfirm,
}: {
  preview: CsvPreview;
  busy: boolean;
  importError: unknown;
  onConfirm: () => void;
}) {
  const invalidRows = preview.rows.filter((r) => r.invalidParams.length > 0);
  const columns = COLUMNS.filter(
    (c) => c.always || preview.rows.some((r) => r.values[c.key] || r.invalidParams.some((p) => p.name === c.key)),
  );
  const known = new Set<string>(columns.map((c) => c.key));
  const rowErrors = invalidRows.flatMap((r) =>
    r.invalidParams.map((p) => ({
      name: `rij ${r.row}.${p.name}`,
      target: known.has(p.name) ? cellId(r.row, p.name) : cellId(r.row, 'rij'),
      label: `Rij ${r.row}, ${COLUMNS.find((c) => c.key === p.name)?.label ?? p.name}`,
      reason: p.reason,
    })),
  );
  const fileErrors = preview.invalidParams.map((p) => ({ name: p.name, target: fieldId(FORM, 'csv'), label: p.name, reason: p.reason }));
  const errors = [...fileErrors, ...rowErrors];

  return (
    <section aria-labelledby={`${PREVIEW}-heading`} className="kp-preview">
      <Heading level={2} id={`${PREVIEW}-heading`}>
        Controle van de CSV
      </Heading>
      <Paragraph role="status">
        {preview.rows.length} {preview.rows.length === 1 ? 'rij' : 'rijen'} gelezen voor de Stand <strong>{preview.title}</strong> van{' '}
        {preview.organisation} over {preview.period}.{' '}
        {preview.valid
          ? 'Alle rijen zijn in orde. Er is nog niets opgeslagen.'
          : `${invalidRows.length > 0 ? `${invalidRows.length} ${invalidRows.length === 1 ? 'rij bevat' : 'rijen bevatten'} fouten. ` : ''}Er is niets opgeslagen.`}
      </Paragraph>

      {errors.length > 0 ? <PreviewErrors errors={errors} /> : null}

      {preview.rows.length > 0 ? (
        <div className="kp-table-wrap">
          <Table>
            <TableCaption>Rijen van de CSV, met de fouten die de controle vond</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Rij</TableHeaderCell>
                {columns.map((c) => (
                  <TableHeaderCell key={c.key} scope="col">
                    {c.label}
                  </TableHeaderCell>
                ))}
                <TableHeaderCell scope="col">Controle</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {preview.rows.map((r) => (
                <PreviewRow key={r.row} row={r} columns={columns} known={known} />
              ))}
            </TableBody>
          </Table>
        </div>
      ) : null}

      {preview.valid ? (
        <div className="kp-form">
          {/* A refusal now (another Stand with this title, a changed reference list) in the API's words. */}
          <ProblemAlert error={importError} />
          <Paragraph>
            Klopt dit? Na het bevestigen wordt de Stand met {preview.rows.length} {preview.rows.length === 1 ? 'knelpunt' : 'knelpunten'}{' '}
            opgeslagen en gaat elk knelpunt naar de driehoek.
          </Paragraph>
          <div className="kp-actions">
            <Button type="button" appearance="primary-action-button" onClick={onConfirm} disabled={busy} aria-disabled={busy || undefined}>
              {busy ? 'Bezig met importeren…' : 'Import bevestigen'}
            </Button>
          </div>
        </div>
      ) : (
        <Paragraph>Pas de CSV aan en klik opnieuw op Controleren. Pas als alle rijen in orde zijn, kunt u de import bevestigen.</Paragraph>
      )}
    </section>
  );
}

function PreviewRow({ row, columns, known }: { row: CsvPreviewRow; columns: typeof COLUMNS; known: Set<string> }) {
  const reasons = (field: string) => row.invalidParams.filter((p) => p.name === field).map((p) => p.reason);
  const other = row.invalidParams.filter((p) => !known.has(p.name));
  const invalid = row.invalidParams.length > 0;
  return (
    <TableRow className={invalid ? 'kp-row--invalid' : undefined}>
      <TableHeaderCell scope="row" id={cellId(row.row, 'rij')} tabIndex={-1}>
        {row.row}
      </TableHeaderCell>
      {columns.map((c) => {
        const value = row.values[c.key];
        const errs = reasons(c.key);
        return (
          <TableCell key={c.key} id={cellId(row.row, c.key)} tabIndex={errs.length > 0 ? -1 : undefined}>
            {value ? shorten(value) : <span className="kp-muted">(leeg)</span>}
            {errs.map((reason) => (
              <span key={reason} className="kp-cell-error">
                Fout: {reason}
              </span>
            ))}
          </TableCell>
        );
      })}
      <TableCell>
        {invalid ? (
          <>
            <strong>
              {row.invalidParams.length} {row.invalidParams.length === 1 ? 'fout' : 'fouten'}
            </strong>
            {other.map((p) => (
              <span key={p.name} className="kp-cell-error">
                {p.name}: {p.reason}
              </span>
            ))}
          </>
        ) : (
          'In orde'
        )}
      </TableCell>
    </TableRow>
  );
}

/** The check's findings as a list that links to each marked cell (like the error summary of a form). */
function PreviewErrors({ errors }: { errors: { name: string; target: string; label: ReactNode; reason: string }[] }) {
  return (
    // The design system's error Alert carries role="alert" (as in ErrorSummary).
    <div className="kp-error-summary" aria-labelledby={`${PREVIEW}-fouten`}>
      <Alert type="error">
        <Heading level={3} appearanceLevel={4} id={`${PREVIEW}-fouten`}>
          De CSV bevat {errors.length} {errors.length === 1 ? 'fout' : 'fouten'}
        </Heading>
        <ul className="utrecht-unordered-list">
          {errors.map((e, i) => (
            <li key={`${e.name}-${i}`} className="utrecht-unordered-list__item">
              <a
                className="utrecht-link"
                href={`#${e.target}`}
                onClick={(ev) => {
                  const el = document.getElementById(e.target);
                  if (el) {
                    ev.preventDefault();
                    el.focus();
                  }
                }}
              >
                {e.label}: {e.reason}
              </a>
            </li>
          ))}
        </ul>
      </Alert>
    </div>
  );
}
