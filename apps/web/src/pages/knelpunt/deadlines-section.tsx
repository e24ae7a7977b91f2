import { useState, type FormEvent } from 'react';
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
import type { Deadline, KnelpuntDetail } from '../../api/types';
import { ErrorSummary, ProblemAlert, SelectField, TextField, splitApiError } from '../../components/form';
import { formatDate, formatDateTime } from '../../format';
import { TERMIJN_STATUS_LABELS, label } from '../../labels';
import { actorText, describeDeadlineLog, termText } from './knelpunt-text';
import { SummaryList, type SummaryItem } from './summary-list';
import { sendDeadlineAction, useKnelpuntAction, type DeadlineActionBody } from './use-knelpunt-action';

const RUNNING: Deadline['state'][] = ['lopend', 'verlopen', 'opgeschort'];

const ACTION_LABELS: Record<DeadlineActionBody['action'], string> = {
  opschorten: 'Opschorten (de klok stopt tot hervatten)',
  hervatten: 'Hervatten (de opgeschorte dagen schuiven de datum op)',
  verlengen: 'Verlengen',
};

const DONE_WORDS: Record<DeadlineActionBody['action'], string> = {
  opschorten: 'opgeschort',
  hervatten: 'hervat',
  verlengen: 'verlengd',
};

const UNIT_OPTIONS = [
  { value: 'werkdagen', label: 'werkdagen' },
  { value: 'dagen', label: 'kalenderdagen' },
  { value: 'weken', label: 'weken' },
  { value: 'maanden', label: 'maanden' },
];

const FIELD_LABELS: Record<string, string> = {
  action: 'Actie',
  reason: 'Reden',
  'extension.amount': 'Verlengen met (aantal)',
  'extension.unit': 'Eenheid',
  extension: 'Verlenging',
  deadline: 'Termijn',
};

/** The state in words, with a marking that is more than colour (the word is always there). */
export function DeadlineState({ state }: { state: Deadline['state'] }) {
  const text = label(TERMIJN_STATUS_LABELS, state);
  if (state === 'verlopen') return <span className="kp-tag kp-tag--verlopen">{text}</span>;
  if (state === 'opgeschort') return <span className="kp-tag kp-tag--opgeschort">{text}</span>;
  return <span className="kp-tag">{text}</span>;
}

/** Opschorten / hervatten / verlengen of one running deadline, with a reason (driehoek, ACU, programmadirectie). */
function DeadlineActionForm({
  knelpunt,
  routeKey,
  deadline,
  onDone,
}: {
  knelpunt: KnelpuntDetail;
  routeKey: string;
  deadline: Deadline;
  onDone: (message: string, updated: KnelpuntDetail) => void;
}) {
  const formId = `termijn-${deadline.id}`;
  const actions: DeadlineActionBody['action'][] =
    deadline.state === 'opgeschort' ? ['hervatten', 'verlengen'] : ['opschorten', 'verlengen'];
  const [action, setAction] = useState<string>(actions[0] ?? 'verlengen');
  const [reason, setReason] = useState('');
  const [amount, setAmount] = useState('');
  const [unit, setUnit] = useState('werkdagen');
  const mutation = useKnelpuntAction(knelpunt, routeKey, sendDeadlineAction, (updated) => {
    setReason('');
    setAmount('');
    onDone(`De termijn "${deadline.label}" is ${DONE_WORDS[action as DeadlineActionBody['action']] ?? 'aangepast'}.`, updated);
  });
  const { fieldErrors, summary, other } = splitApiError(mutation.error, FIELD_LABELS);
  const amountError = fieldErrors['extension.amount'] ?? fieldErrors['extension'];

  function submit(e: FormEvent) {
    e.preventDefault();
    const body: DeadlineActionBody = { action: action as DeadlineActionBody['action'], deadline: deadline.id, reason: reason.trim() };
    if (action === 'verlengen') body.extension = { amount: amount.trim() === '' ? Number.NaN : Number(amount), unit };
    mutation.mutate(body);
  }

  return (
    <form id={formId} className="kp-form" aria-label={`Termijn "${deadline.label}" aanpassen`} noValidate onSubmit={submit}>
      <ErrorSummary formId={formId} errors={summary} />
      <ProblemAlert error={other} />
      <SelectField
        formId={formId}
        name="action"
        label="Actie"
        required
        value={action}
        onChange={setAction}
        error={fieldErrors['action']}
        options={actions.map((a) => ({ value: a, label: ACTION_LABELS[a] }))}
      />
      {action === 'verlengen' ? (
        <div className="kp-field-row">
          <TextField
            formId={formId}
            name="extension.amount"
            label="Verlengen met (aantal)"
            type="number"
            required
            value={amount}
            onChange={setAmount}
            error={amountError}
          />
          <SelectField
            formId={formId}
            name="extension.unit"
            label="Eenheid"
            required
            value={unit}
            onChange={setUnit}
            error={fieldErrors['extension.unit']}
            options={UNIT_OPTIONS}
          />
        </div>
      ) : null}
      <TextField
        formId={formId}
        name="reason"
        label="Reden"
        description="Komt in het logboek van de termijn en in de tijdlijn."
        required
        multiline
        rows={3}
        value={reason}
        onChange={setReason}
        error={fieldErrors['reason']}
      />
      <div className="kp-actions">
        <Button type="submit" appearance="primary-action-button" disabled={mutation.isPending}>
          Termijn aanpassen
        </Button>
      </div>
    </form>
  );
}

function DeadlineLog({ deadline }: { deadline: Deadline }) {
  if (deadline.log.length === 0) return <Paragraph className="kp-muted">Het logboek is leeg.</Paragraph>;
  return (
    <div className="kp-table-wrap">
      <Table className="kp-table">
        <TableCaption>Logboek van de termijn "{deadline.label}"</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Wanneer</TableHeaderCell>
            <TableHeaderCell scope="col">Wat</TableHeaderCell>
            <TableHeaderCell scope="col">Wie</TableHeaderCell>
            <TableHeaderCell scope="col">Reden</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {deadline.log.map((entry, i) => {
            const text = describeDeadlineLog(entry);
            return (
              <TableRow key={`${entry.at ?? ''}-${i}`}>
                <TableCell>{formatDateTime(entry.at)}</TableCell>
                <TableCell>
                  {text.title}
                  {text.details ? <span className="kp-muted">: {text.details}</span> : null}
                </TableCell>
                <TableCell>{actorText(entry.actor)}</TableCell>
                <TableCell>{entry.reason ?? ''}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}

function DeadlineCard({
  knelpunt,
  routeKey,
  deadline,
  mayChange,
  onDone,
}: {
  knelpunt: KnelpuntDetail;
  routeKey: string;
  deadline: Deadline;
  mayChange: boolean;
  onDone: (message: string, updated: KnelpuntDetail) => void;
}) {
  const running = RUNNING.includes(deadline.state);
  const extensions = (deadline.extensions ?? []).map(termText).filter(Boolean);
  const items: SummaryItem[] = [
    { key: 'Status', value: <DeadlineState state={deadline.state} /> },
    { key: 'Uiterste datum', value: formatDate(deadline.dueDate) },
    { key: 'Gestart op', value: formatDate(deadline.startedOn) },
  ];
  // A fixed date (streefdatum, ACU meeting) has no counted term (amount 0).
  const counted = typeof deadline.term['amount'] === 'number' && deadline.term['amount'] > 0;
  if (deadline.fixedDueDate || !counted) items.push({ key: 'Termijn', value: 'vaste datum' });
  else items.push({ key: 'Termijn', value: termText(deadline.term) });
  if (deadline.suspendedDays > 0) items.push({ key: 'Opgeschort', value: `${deadline.suspendedDays} dagen` });
  if (extensions.length > 0) items.push({ key: 'Verlengd met', value: extensions.join(' + ') });
  return (
    <article className="kp-card kp-deadline" aria-labelledby={`termijn-${deadline.id}-titel`}>
      <Heading level={3} id={`termijn-${deadline.id}-titel`}>
        {deadline.label}
      </Heading>
      <SummaryList items={items} />
      <details className="kp-disclosure kp-why">
        <summary className="kp-disclosure__summary">Waarom deze datum?</summary>
        <div className="kp-disclosure__body">
          {deadline.explanation.length > 0 ? (
            <ul className="utrecht-unordered-list">
              {deadline.explanation.map((line, i) => (
                <li key={i} className="utrecht-unordered-list__item">
                  {line}
                </li>
              ))}
            </ul>
          ) : (
            <Paragraph>Voor deze termijn is geen toelichting vastgelegd.</Paragraph>
          )}
        </div>
      </details>
      <DeadlineLog deadline={deadline} />
      {running && mayChange ? (
        <details className="kp-disclosure kp-no-print">
          <summary className="kp-disclosure__summary">Termijn opschorten, hervatten of verlengen</summary>
          <div className="kp-disclosure__body">
            <DeadlineActionForm knelpunt={knelpunt} routeKey={routeKey} deadline={deadline} onDone={onDone} />
          </div>
        </details>
      ) : null}
    </article>
  );
}

/** Every deadline of the knelpunt: the running ones first, the finished ones folded away. */
export function DeadlinesSection({
  knelpunt,
  routeKey,
  mayChange,
  onDone,
}: {
  knelpunt: KnelpuntDetail;
  routeKey: string;
  mayChange: boolean;
  onDone: (message: string, updated: KnelpuntDetail) => void;
}) {
  const running = knelpunt.deadlines.filter((d) => RUNNING.includes(d.state));
  const finished = knelpunt.deadlines.filter((d) => !RUNNING.includes(d.state));
  return (
    <section aria-labelledby="termijnen-titel" className="kp-section">
      <Heading level={2} id="termijnen-titel">
        Termijnen
      </Heading>
      {running.length === 0 ? <Paragraph>Er loopt nu geen termijn.</Paragraph> : null}
      {running.map((d) => (
        <DeadlineCard key={d.id} knelpunt={knelpunt} routeKey={routeKey} deadline={d} mayChange={mayChange} onDone={onDone} />
      ))}
      {finished.length > 0 ? (
        <details className="kp-disclosure">
          <summary className="kp-disclosure__summary">Afgelopen termijnen ({finished.length})</summary>
          <div className="kp-disclosure__body">
            {finished.map((d) => (
              <DeadlineCard key={d.id} knelpunt={knelpunt} routeKey={routeKey} deadline={d} mayChange={false} onDone={onDone} />
            ))}
          </div>
        </details>
      ) : null}
    </section>
  );
}
