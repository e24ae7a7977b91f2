/**
 * ACU clusters: the list (`GET /acu/clusters`, newest first, paged) and, for the ACU, forming a cluster
 * (`POST /acu/clusters`) from escalated knelpunten of several organisations, chosen with checkboxes from
 * the escalated list (`GET /knelpunten?status=…`, paged). The API checks the members (escalated, not
 * closed, in no other cluster) and names each refused one; that reason is shown at its checkbox.
 */
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Checkbox,
  FormFieldErrorMessage,
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
import type { AcuCluster, AcuClusterSummary, KnelpuntSummary } from '../../api/types';
import { useSession } from '../../auth/session';
import { AppLink } from '../../components/app-link';
import { ErrorSummary, ProblemAlert, SelectField, TextField, fieldId, splitApiError, type FieldError } from '../../components/form';
import { formatDate } from '../../format';
import { STATUS_LABELS, THEMA_LABELS, label } from '../../labels';
import { usePagedList } from './acu-paging';
import { ClusterSuggesties } from './cluster-suggesties';

const FORM = 'cluster';
const LABELS = { title: 'Titel', description: 'Omschrijving', knelpuntIds: 'Knelpunten' };
const CLUSTERS_KEY = ['acu-clusters'] as const;
const CANDIDATES_KEY = ['acu-cluster-kandidaten'] as const;
const CANDIDATE_STATUSES = ['bij_acu', 'in_aanpak_acu', 'politieke_opvolging'] as const;

type Candidate = Pick<KnelpuntSummary, 'id' | 'reference' | 'title' | 'organisation'>;

const memberName = (id: string) => `knelpunt-${id}`;

function ClustersTable() {
  const list = usePagedList<AcuClusterSummary>(CLUSTERS_KEY, '/acu/clusters', { limit: 20 });
  if (list.isPending) return <Paragraph className="kp-loading">Clusters laden…</Paragraph>;
  if (list.isError) return <ProblemAlert error={list.error} />;
  if (list.items.length === 0) return <Paragraph>Er zijn nog geen clusters gevormd.</Paragraph>;
  return (
    <>
      <div className="kp-table-wrap">
        <Table>
          <TableCaption className="kp-visually-hidden">Clusters, nieuwste eerst</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Cluster</TableHeaderCell>
              <TableHeaderCell scope="col">Omschrijving</TableHeaderCell>
              <TableHeaderCell scope="col">Gevormd</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {list.items.map((c) => (
              <TableRow key={c.id}>
                <TableHeaderCell scope="row">
                  <AppLink to={`/acu/clusters/${c.id}`}>{c.title}</AppLink>
                </TableHeaderCell>
                <TableCell>{c.description ?? '—'}</TableCell>
                <TableCell>
                  {formatDate(c.createdAt)} door {c.createdBy.name}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      {list.hasNextPage ? (
        <div className="kp-pager kp-no-print">
          <Button
            type="button"
            appearance="secondary-action-button"
            disabled={list.isFetchingNextPage}
            onClick={() => void list.fetchNextPage()}
          >
            {list.isFetchingNextPage ? 'Laden…' : 'Meer clusters laden'}
          </Button>
        </div>
      ) : null}
    </>
  );
}

/**
 * The API's refusal split over the form: `knelpuntIds[i]` names the i-th knelpunt sent, so its reason goes
 * to that knelpunt's checkbox (and into the summary under its reference).
 */
function clusterErrors(error: unknown, sent: Candidate[], firstCandidate: string | undefined) {
  const { fieldErrors, other } = splitApiError(error, LABELS);
  const memberErrors: Record<string, string> = {};
  const summary: FieldError[] = [];
  const groupErrors: string[] = [];
  for (const [name, reason] of Object.entries(fieldErrors)) {
    const index = /^knelpuntIds\[(\d+)\]$/.exec(name);
    const member = index ? sent[Number(index[1])] : undefined;
    if (member) {
      memberErrors[member.id] = reason;
      summary.push({ name: memberName(member.id), label: `Knelpunt ${member.reference}`, reason });
    } else if (name.startsWith('knelpuntIds')) {
      groupErrors.push(reason);
      summary.push({ name: firstCandidate ? memberName(firstCandidate) : 'knelpuntIds', label: LABELS.knelpuntIds, reason });
    } else {
      summary.push({ name, label: LABELS[name as keyof typeof LABELS] ?? name, reason });
    }
  }
  return { fieldErrors, memberErrors, groupError: groupErrors.join('; ') || undefined, summary, other };
}

function ClusterForm() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [status, setStatus] = useState<string>('bij_acu');
  const [selected, setSelected] = useState<Candidate[]>([]);
  const [sent, setSent] = useState<Candidate[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const candidates = usePagedList<KnelpuntSummary>(CANDIDATES_KEY, '/knelpunten', { status, limit: 20 });
  const { fieldErrors, memberErrors, groupError, summary, other } = clusterErrors(error, sent, candidates.items[0]?.id);
  const organisations = [...new Set(selected.map((k) => k.organisation))].sort();

  function toggle(k: KnelpuntSummary, on: boolean) {
    setSelected((list) =>
      on
        ? [...list, { id: k.id, reference: k.reference, title: k.title, organisation: k.organisation }]
        : list.filter((s) => s.id !== k.id),
    );
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSent(selected);
    try {
      const cluster = await api.post<AcuCluster>('/acu/clusters', {
        title,
        description: description.trim() || undefined,
        knelpuntIds: selected.map((k) => k.id),
      });
      await queryClient.invalidateQueries({ queryKey: CLUSTERS_KEY });
      navigate(`/acu/clusters/${cluster.id}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const groupId = fieldId(FORM, 'knelpuntIds');
  return (
    <form id={FORM} onSubmit={submit} noValidate className="kp-form kp-acu-section" aria-labelledby={`${FORM}-kop`}>
      <Heading level={2} id={`${FORM}-kop`}>
        Cluster vormen
      </Heading>
      <Paragraph>
        Bundel knelpunten die om dezelfde oplossing vragen tot één overkoepelend knelpunt. Daarna neemt de ACU één besluit voor alle
        knelpunten in het cluster.
      </Paragraph>
      <ErrorSummary formId={FORM} errors={summary} />
      <ProblemAlert error={other} />
      <TextField
        formId={FORM}
        name="title"
        label={LABELS.title}
        description="Bijvoorbeeld ‘Gegevensdeling bij inkomensafhankelijke regelingen’."
        required
        value={title}
        onChange={setTitle}
        maxLength={300}
        error={fieldErrors.title}
      />
      <TextField
        formId={FORM}
        name="description"
        label={LABELS.description}
        multiline
        value={description}
        onChange={setDescription}
        error={fieldErrors.description}
      />
      <fieldset
        className={`utrecht-form-fieldset kp-fieldset${groupError ? ' utrecht-form-fieldset--invalid' : ''}`}
        aria-describedby={[`${groupId}-beschrijving`, groupError ? `${groupId}-fout` : ''].filter(Boolean).join(' ')}
      >
        <legend className="utrecht-form-fieldset__legend utrecht-form-label">Knelpunten in het cluster</legend>
        <div className="utrecht-form-field-description" id={`${groupId}-beschrijving`}>
          Kies minstens twee naar de ACU geëscaleerde knelpunten, bijvoorbeeld van verschillende organisaties. Een knelpunt kan in één
          cluster zitten.
        </div>
        {groupError ? <FormFieldErrorMessage id={`${groupId}-fout`}>{groupError}</FormFieldErrorMessage> : null}
        <SelectField
          formId={FORM}
          name="kandidaatStatus"
          label="Toon geëscaleerde knelpunten met status"
          required
          value={status}
          onChange={setStatus}
          options={CANDIDATE_STATUSES.map((s) => ({ value: s, label: label(STATUS_LABELS, s) }))}
        />
        <ProblemAlert error={candidates.error} />
        {candidates.isPending ? (
          <Paragraph className="kp-loading">Knelpunten laden…</Paragraph>
        ) : candidates.items.length === 0 && !candidates.isError ? (
          <Paragraph>Er zijn geen geëscaleerde knelpunten met deze status.</Paragraph>
        ) : (
          <ul className="kp-choices">
            {candidates.items.map((k) => {
              const id = fieldId(FORM, memberName(k.id));
              const memberError = memberErrors[k.id];
              return (
                <li key={k.id} className="kp-choice">
                  <Checkbox
                    id={id}
                    name="knelpuntIds"
                    value={k.id}
                    checked={selected.some((s) => s.id === k.id)}
                    invalid={!!memberError}
                    aria-invalid={memberError ? true : undefined}
                    aria-describedby={memberError ? `${id}-fout` : undefined}
                    onChange={(e: ChangeEvent<HTMLInputElement>) => toggle(k, e.target.checked)}
                  />
                  <div>
                    <label className="utrecht-form-label utrecht-form-label--checkbox kp-choice__label" htmlFor={id}>
                      <strong>{k.reference}</strong> — {k.title}{' '}
                      <span className="kp-muted">
                        ({k.organisation}, {label(THEMA_LABELS, k.theme)})
                      </span>
                    </label>
                    {memberError ? <FormFieldErrorMessage id={`${id}-fout`}>{memberError}</FormFieldErrorMessage> : null}
                  </div>
                </li>
              );
            })}
          </ul>
        )}
        {candidates.hasNextPage ? (
          <div>
            <Button
              type="button"
              appearance="secondary-action-button"
              disabled={candidates.isFetchingNextPage}
              onClick={() => void candidates.fetchNextPage()}
            >
              {candidates.isFetchingNextPage ? 'Laden…' : 'Meer knelpunten laden'}
            </Button>
          </div>
        ) : null}
      </fieldset>
      <Paragraph role="status">
        {selected.length === 0
          ? 'Nog geen knelpunten gekozen.'
          : `Gekozen: ${selected.map((k) => k.reference).join(', ')} (${selected.length} ${selected.length === 1 ? 'knelpunt' : 'knelpunten'} van ${organisations.join(' en ')}).`}
      </Paragraph>
      <div className="kp-actions">
        <Button type="submit" appearance="primary-action-button" disabled={busy} aria-disabled={busy || undefined}>
          Cluster vormen
        </Button>
      </div>
    </form>
  );
}

export default function ClustersPage() {
  const { user } = useSession();
  return (
    <>
      <Heading level={1}>Clusters</Heading>
      <Paragraph>
        Een cluster is een overkoepelend knelpunt: knelpunten van één of meer organisaties die de ACU samen behandelt en waarover zij één
        besluit neemt.
      </Paragraph>
      <section aria-labelledby="clusters-kop" className="kp-acu-section">
        <Heading level={2} id="clusters-kop">
          Gevormde clusters
        </Heading>
        <ClustersTable />
      </section>
      {user?.role === 'acu' || user?.role === 'programmadirectie' ? (
        <ClusterSuggesties canAct={user.role === 'acu'} refresh={[CLUSTERS_KEY, CANDIDATES_KEY]} />
      ) : null}
      {user?.role === 'acu' ? <ClusterForm /> : null}
    </>
  );
}
