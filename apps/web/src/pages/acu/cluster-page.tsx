/**
 * One ACU cluster (`GET /acu/clusters/{id}`) with its knelpunten, and one decision for all of them
 * (`POST /acu/clusters/{id}/decisions` with an Idempotency-Key). The decisions offered are the cluster's
 * `allowedDecisions` from the API; the fields are those `DECISION_FIELDS` lists for the chosen one. A
 * refusal is shown in the form: a wrong field next to the field, a decision not allowed (409) with what
 * is allowed now.
 */
import { useRef, useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
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
import { DECISION_FIELDS, type DecisionName } from '@kp/domain/knelpunt/decisions';
import { ApiError, api, newIdempotencyKey } from '../../api/client';
import type { AcuCluster, ClusterDecisionResult } from '../../api/types';
import { useSession } from '../../auth/session';
import { AppLink } from '../../components/app-link';
import { ErrorSummary, ProblemAlert, SelectField, TextField, splitApiError } from '../../components/form';
import { formatDate } from '../../format';
import {
  BESLISSING_LABELS,
  DOORBRAAKTEAM_LABELS,
  INSTRUMENT_LABELS,
  STATUS_LABELS,
  UITKOMST_LABELS,
  VELD_LABELS,
  label,
} from '../../labels';

const FORM = 'clusterbesluit';
const LONG_TEXT = new Set(['motivation', 'plan', 'summary', 'question', 'response']);
const VALUE_LABELS: Record<string, Record<string, string>> = {
  team: DOORBRAAKTEAM_LABELS,
  instrument: INSTRUMENT_LABELS,
  outcome: UITKOMST_LABELS,
  result: UITKOMST_LABELS,
};

function DecisionForm({ cluster, onDecided }: { cluster: AcuCluster; onDecided: () => Promise<unknown> }) {
  const [decision, setDecision] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [missingDecision, setMissingDecision] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ answer: ClusterDecisionResult; chosen: string[] } | null>(null);
  // One key per attempt: a retry of the same submit is answered, not applied twice; any change starts a new one.
  const idempotencyKey = useRef<string | null>(null);
  const rules = decision ? (DECISION_FIELDS[decision as DecisionName] ?? []) : [];
  const labels: Record<string, string> = { decision: 'Besluit', ...VELD_LABELS };
  const split = splitApiError(error, labels);
  const fieldErrors = missingDecision ? { ...split.fieldErrors, decision: 'Kies een besluit.' } : split.fieldErrors;
  const summary = missingDecision ? [{ name: 'decision', label: 'Besluit', reason: 'Kies een besluit.' }, ...split.summary] : split.summary;

  function chooseDecision(value: string) {
    setDecision(value);
    setFields({});
    setError(null);
    setMissingDecision(false);
    idempotencyKey.current = null;
  }

  function setField(name: string, value: string) {
    setFields((f) => ({ ...f, [name]: value }));
    idempotencyKey.current = null;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setResult(null);
    setError(null);
    if (!decision) {
      setMissingDecision(true);
      return;
    }
    setMissingDecision(false);
    setBusy(true);
    idempotencyKey.current ??= newIdempotencyKey();
    const body: Record<string, string> = { decision };
    for (const rule of rules) {
      const value = fields[rule.name]?.trim();
      if (value) body[rule.name] = value;
    }
    try {
      const answer = await api.post<ClusterDecisionResult>(`/acu/clusters/${cluster.id}/decisions`, body, {
        idempotencyKey: idempotencyKey.current,
      });
      // The chosen values in words (e.g. the doorbraakteam), for the confirmation.
      const chosen = rules
        .filter((r) => r.kind === 'enum' && body[r.name])
        .map((r) => `${label(VELD_LABELS, r.name)}: ${label(VALUE_LABELS[r.name] ?? {}, body[r.name])}`);
      setResult({ answer, chosen });
      chooseDecision('');
      await onDecided();
    } catch (err) {
      setError(err);
      // A 409 means the members moved on: show what is allowed now.
      if (err instanceof ApiError && err.status === 409) await onDecided();
    } finally {
      setBusy(false);
    }
  }

  return (
    <form id={FORM} onSubmit={submit} noValidate className="kp-form kp-acu-section" aria-labelledby={`${FORM}-kop`}>
      <Heading level={2} id={`${FORM}-kop`}>
        Eén besluit voor het hele cluster
      </Heading>
      {result ? (
        <div role="status">
          <Alert type="ok">
            <Paragraph>
              Besluit ‘{label(BESLISSING_LABELS, result.answer.decision)}’ genomen voor {result.answer.items.length}{' '}
              {result.answer.items.length === 1 ? 'knelpunt' : 'knelpunten'}
              {result.chosen.length > 0 ? ` (${result.chosen.join('; ')})` : ''}.
            </Paragraph>
            <ul className="utrecht-unordered-list">
              {result.answer.items.map((i) => (
                <li key={i.knelpuntId} className="utrecht-unordered-list__item">
                  {i.reference}: nu {label(STATUS_LABELS, i.status)}
                </li>
              ))}
            </ul>
          </Alert>
        </div>
      ) : null}
      <ErrorSummary formId={FORM} errors={summary} />
      <ProblemAlert error={split.other} />
      {cluster.allowedDecisions.length === 0 ? (
        <Paragraph>
          Voor dit cluster kunt u nu geen besluit nemen dat voor alle knelpunten tegelijk geldt. Neem zo nodig per knelpunt een besluit.
        </Paragraph>
      ) : (
        <>
          <SelectField
            formId={FORM}
            name="decision"
            label="Besluit"
            description="Alleen de besluiten die nu voor alle knelpunten in het cluster zijn toegestaan."
            required
            value={decision}
            onChange={chooseDecision}
            placeholder="Kies een besluit"
            options={cluster.allowedDecisions.map((d) => ({ value: d, label: label(BESLISSING_LABELS, d) }))}
            error={fieldErrors.decision}
          />
          {rules.map((rule) => {
            const common = {
              formId: FORM,
              name: rule.name,
              label: label(VELD_LABELS, rule.name),
              required: !rule.optional,
              value: fields[rule.name] ?? '',
              onChange: (v: string) => setField(rule.name, v),
              error: fieldErrors[rule.name],
            };
            if (rule.kind === 'enum') {
              return (
                <SelectField
                  key={rule.name}
                  {...common}
                  placeholder={`Kies ${label(VELD_LABELS, rule.name).toLowerCase()}`}
                  options={(rule.values ?? []).map((v) => ({ value: v, label: label(VALUE_LABELS[rule.name] ?? {}, v) }))}
                />
              );
            }
            if (rule.kind === 'date') return <TextField key={rule.name} {...common} type="date" />;
            return <TextField key={rule.name} {...common} multiline={LONG_TEXT.has(rule.name)} maxLength={10000} />;
          })}
          <div className="kp-actions">
            <Button type="submit" appearance="primary-action-button" disabled={busy} aria-disabled={busy || undefined}>
              Besluit nemen voor {cluster.members.length} knelpunten
            </Button>
          </div>
        </>
      )}
    </form>
  );
}

export default function ClusterPage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const queryClient = useQueryClient();
  const cluster = useQuery({
    queryKey: ['acu-cluster', id],
    queryFn: ({ signal }) => api.get<AcuCluster>(`/acu/clusters/${encodeURIComponent(id)}`, undefined, signal),
  });

  if (cluster.isPending) {
    return (
      <>
        <Heading level={1}>Cluster</Heading>
        <Paragraph className="kp-loading">Cluster laden…</Paragraph>
      </>
    );
  }
  if (cluster.isError) {
    return (
      <>
        <Heading level={1}>Cluster</Heading>
        <ProblemAlert error={cluster.error} />
        <Paragraph>
          <AppLink to="/acu/clusters">Terug naar de clusters</AppLink>
        </Paragraph>
      </>
    );
  }
  const c = cluster.data;
  const refresh = () =>
    Promise.all([
      cluster.refetch(),
      queryClient.invalidateQueries({ queryKey: ['acu-bord'] }),
      queryClient.invalidateQueries({ queryKey: ['acu-cluster-kandidaten'] }),
    ]);
  return (
    <>
      <Paragraph className="kp-muted">Cluster (overkoepelend knelpunt)</Paragraph>
      <Heading level={1}>{c.title}</Heading>
      {c.description ? <Paragraph>{c.description}</Paragraph> : null}
      <dl className="kp-facts">
        <dt>Organisaties</dt>
        <dd>{c.organisations.join(', ')}</dd>
        <dt>Gevormd</dt>
        <dd>
          {formatDate(c.createdAt)} door {c.createdBy.name}
        </dd>
      </dl>
      <section aria-labelledby="leden-kop" className="kp-acu-section">
        <Heading level={2} id="leden-kop">
          Knelpunten in dit cluster
        </Heading>
        <div className="kp-table-wrap">
          <Table>
            <TableCaption className="kp-visually-hidden">{c.members.length} knelpunten in het cluster</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Kenmerk</TableHeaderCell>
                <TableHeaderCell scope="col">Organisatie</TableHeaderCell>
                <TableHeaderCell scope="col">Titel</TableHeaderCell>
                <TableHeaderCell scope="col">Status</TableHeaderCell>
                <TableHeaderCell scope="col">Doorbraakteam</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {c.members.map((m) => (
                <TableRow key={m.knelpuntId}>
                  <TableHeaderCell scope="row">
                    <AppLink to={`/knelpunten/${encodeURIComponent(m.reference)}`}>{m.reference}</AppLink>
                  </TableHeaderCell>
                  <TableCell>{m.organisation}</TableCell>
                  <TableCell>{m.title}</TableCell>
                  <TableCell>{label(STATUS_LABELS, m.status)}</TableCell>
                  <TableCell>{m.doorbraakteam ? label(DOORBRAAKTEAM_LABELS, m.doorbraakteam) : 'Nog geen'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      </section>
      {user?.role === 'acu' ? <DecisionForm cluster={c} onDecided={refresh} /> : null}
      <Paragraph className="kp-no-print">
        <AppLink to="/acu/clusters">Alle clusters</AppLink> · <AppLink to="/acu">ACU-bord</AppLink>
      </Paragraph>
    </>
  );
}
