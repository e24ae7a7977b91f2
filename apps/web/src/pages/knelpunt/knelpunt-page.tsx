import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Heading, Paragraph } from '@rijkshuisstijl-community/components-react';
import { api } from '../../api/client';
import type { KnelpuntDetail, Rol } from '../../api/types';
import { useSession } from '../../auth/session';
import { AppLink } from '../../components/app-link';
import { ProblemAlert } from '../../components/form';
import { NextDeadline, statusText } from '../../components/knelpunten-table';
import { formatDate, formatDateTime } from '../../format';
import { DOORBRAAKTEAM_LABELS, STATUS_LABELS, THEMA_LABELS, label } from '../../labels';
import { AmendForm } from './amend-form';
import { DeadlinesSection } from './deadlines-section';
import { DecisionsSection } from './decision-forms';
import { INHOUD_LABELS } from './knelpunt-text';
import { SummaryList, type SummaryItem } from './summary-list';
import { TimelineSection } from './timeline-section';
import { knelpuntKey } from './use-knelpunt-action';
import { VerwijzingenForm, verwijzingenItems } from './verwijzingen';
import { VoortgangForm } from './voortgang-form';

/** Roles that may suspend, resume or extend a deadline (the API decides per request). */
const DEADLINE_ROLES: Rol[] = ['driehoek', 'acu', 'programmadirectie'];
/** Roles that may report voortgang while the knelpunt is in aanpak. */
const VOORTGANG_ROLES: Rol[] = ['indiener', 'driehoek', 'acu'];

function backLink(role: Rol | undefined): { to: string; text: string } {
  switch (role) {
    case 'indiener':
      return { to: '/mijn-knelpunten', text: 'Terug naar mijn knelpunten' };
    case 'driehoek':
      return { to: '/werkvoorraad', text: 'Terug naar de werkvoorraad' };
    case 'acu':
      return { to: '/acu', text: 'Terug naar het ACU-bord' };
    default:
      return { to: '/knelpunten', text: 'Terug naar de knelpunten' };
  }
}

function StatusSection({ knelpunt }: { knelpunt: KnelpuntDetail }) {
  const items: SummaryItem[] = [
    { key: 'Status', value: <strong>{statusText(knelpunt)}</strong> },
    { key: 'Volgende termijn', value: <NextDeadline knelpunt={knelpunt} /> },
    { key: 'Organisatie', value: knelpunt.organisation },
    { key: 'Driehoek', value: knelpunt.driehoek },
  ];
  const question = knelpunt.details['question'];
  if (knelpunt.status === 'wacht_op_informatie' && typeof question === 'string') {
    items.push({ key: 'Openstaande vraag', value: <span className="kp-prewrap">{question}</span> });
  }
  if (knelpunt.escalated) items.push({ key: 'Geëscaleerd naar de ACU', value: 'Ja' });
  const team = knelpunt.details['team'];
  if (typeof team === 'string') items.push({ key: 'Doorbraakteam', value: label(DOORBRAAKTEAM_LABELS, team) });
  const meeting = knelpunt.details['acuMeetingDate'];
  if (typeof meeting === 'string' && knelpunt.status !== 'afgesloten') items.push({ key: 'ACU-vergadering', value: formatDate(meeting) });
  for (const [key, text] of [
    ['owner', 'Eigenaar van de aanpak'],
    ['lead', 'Trekker'],
    ['targetDate', 'Streefdatum'],
  ] as const) {
    const v = knelpunt.details[key];
    if (typeof v === 'string' && v) items.push({ key: text, value: key === 'targetDate' ? formatDate(v) : v });
  }
  items.push({ key: 'Laatst gewijzigd', value: formatDateTime(knelpunt.updatedAt) });
  return (
    <section aria-labelledby="status-titel" className="kp-section">
      <Heading level={2} id="status-titel">
        Status
      </Heading>
      <SummaryList items={items} />
    </section>
  );
}

function ContentSection({ knelpunt, children }: { knelpunt: KnelpuntDetail; children?: ReactNode }) {
  const text = (v: string | null) => (v ? <span className="kp-prewrap">{v}</span> : <span className="kp-muted">Niet opgegeven</span>);
  const items: SummaryItem[] = [
    { key: INHOUD_LABELS.description ?? 'Beschrijving', value: text(knelpunt.description) },
    { key: INHOUD_LABELS.theme ?? 'Thema', value: label(THEMA_LABELS, knelpunt.theme) },
    { key: INHOUD_LABELS.law ?? 'Wet', value: text(knelpunt.law) },
    { key: INHOUD_LABELS.ministry ?? 'Ministerie', value: text(knelpunt.ministry) },
    { key: INHOUD_LABELS.impact ?? 'Gevolgen', value: text(knelpunt.impact) },
    { key: INHOUD_LABELS.proposedSolution ?? 'Oplossing', value: text(knelpunt.proposedSolution) },
    { key: INHOUD_LABELS.externalRef ?? 'Eigen kenmerk', value: text(knelpunt.externalRef) },
    ...verwijzingenItems(knelpunt),
    { key: 'Ingediend op', value: formatDate(knelpunt.createdAt) },
    { key: 'Id (voor samenvoegen)', value: <code>{knelpunt.id}</code> },
  ];
  return (
    <section aria-labelledby="inhoud-titel" className="kp-section">
      <Heading level={2} id="inhoud-titel">
        Inhoud
      </Heading>
      <SummaryList items={items} />
      {children}
    </section>
  );
}

/**
 * One knelpunt, by id or by reference (/knelpunten/UWV-00018): its content, status, every deadline with
 * its explanation and log, the whole timeline, and the forms for what this user may do now. What is
 * allowed comes from the API (`allowedDecisions`); every refusal is shown in the form that caused it.
 */
export default function KnelpuntPage() {
  const { idOrReference = '' } = useParams<{ idOrReference: string }>();
  const { user } = useSession();
  const query = useQuery({
    queryKey: knelpuntKey(idOrReference),
    queryFn: ({ signal }) => api.get<KnelpuntDetail>(`/knelpunten/${encodeURIComponent(idOrReference)}`, undefined, signal),
  });
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);
  useEffect(() => setNotice(null), [idOrReference]);

  const back = backLink(user?.role);
  const k = query.data;
  useEffect(() => {
    if (k) document.title = `${k.reference}: ${k.title} — Knelpunten`;
  }, [k]);

  if (query.isPending) {
    return (
      <>
        <Heading level={1}>Knelpunt {idOrReference}</Heading>
        <Paragraph role="status" className="kp-loading">
          Laden…
        </Paragraph>
      </>
    );
  }
  if (query.isError || !k) {
    return (
      <>
        <Heading level={1}>Knelpunt {idOrReference}</Heading>
        <ProblemAlert error={query.error} />
        <Paragraph>
          <AppLink to={back.to}>{back.text}</AppLink>
        </Paragraph>
      </>
    );
  }

  const onDone = (message: string, updated: KnelpuntDetail) =>
    setNotice(`${message} De status is nu: ${label(STATUS_LABELS, updated.status)}.`);
  const role = user?.role;
  const open = k.status !== 'afgesloten';
  const inAanpak = k.status === 'in_aanpak_driehoek' || k.status === 'in_aanpak_acu';

  return (
    <>
      <Paragraph className="kp-no-print">
        <AppLink to={back.to}>{back.text}</AppLink>
      </Paragraph>
      <p className="kp-preheading">
        Knelpunt {k.reference} · {k.organisation}
      </p>
      <Heading level={1}>{k.title}</Heading>
      <p className="kp-lead">
        Status: <strong>{statusText(k)}</strong>
        {k.overdue ? (
          <>
            {' '}
            <span className="kp-tag kp-tag--verlopen">Termijn verstreken</span>
          </>
        ) : null}
      </p>

      <div ref={noticeRef} tabIndex={-1} className="kp-notice" role="status">
        {notice ? <Alert type="ok">{notice}</Alert> : null}
      </div>

      <StatusSection knelpunt={k} />
      <DecisionsSection key={`${k.status}-${k.allowedDecisions.join(',')}`} knelpunt={k} routeKey={idOrReference} onDone={onDone} />
      {inAanpak && role && VOORTGANG_ROLES.includes(role) ? <VoortgangForm knelpunt={k} routeKey={idOrReference} onDone={onDone} /> : null}
      <ContentSection knelpunt={k}>
        {role === 'indiener' && open ? (
          <details className="kp-disclosure kp-no-print">
            <summary className="kp-disclosure__summary">Inhoud wijzigen</summary>
            <div className="kp-disclosure__body">
              <AmendForm key={k.updatedAt} knelpunt={k} routeKey={idOrReference} onDone={onDone} />
            </div>
          </details>
        ) : null}
        {k.mayEditVerwijzingen ? (
          <details className="kp-disclosure kp-no-print">
            <summary className="kp-disclosure__summary">Verwijzingen naar Kamer en wetgeving</summary>
            <div className="kp-disclosure__body">
              <VerwijzingenForm key={k.updatedAt} knelpunt={k} routeKey={idOrReference} onDone={onDone} />
            </div>
          </details>
        ) : null}
      </ContentSection>
      <DeadlinesSection knelpunt={k} routeKey={idOrReference} mayChange={!!role && DEADLINE_ROLES.includes(role) && open} onDone={onDone} />
      <TimelineSection timeline={k.timeline} />
    </>
  );
}
