/**
 * The ACU board: every knelpunt escalated to the ACU that is still on its table, in a lane per
 * doorbraakteam ("Nog geen doorbraakteam" first: that is where the decisions wait) and a column per
 * status. Each column is its own keyset-paged list (`GET /knelpunten?status=…&doorbraakteam=…`), a few
 * cards at a time with "Meer laden".
 */
import { useId } from 'react';
import { Button, Heading, Paragraph } from '@rijkshuisstijl-community/components-react';
import { DOORBRAAKTEAMS } from '@kp/domain/knelpunt/statuses';
import type { KnelpuntSummary } from '../../api/types';
import { AppLink } from '../../components/app-link';
import { ProblemAlert } from '../../components/form';
import { formatDate } from '../../format';
import { DOORBRAAKTEAM_LABELS, STATUS_LABELS, THEMA_LABELS, label } from '../../labels';
import { useSession } from '../../auth/session';
import { usePagedList } from './acu-paging';

/** The statuses in which a knelpunt is the ACU's (politieke opvolging included: the ACU sent it there). */
const BOARD_STATUSES = ['bij_acu', 'in_aanpak_acu', 'politieke_opvolging'] as const;
const NO_TEAM = 'geen';
const LANES = [NO_TEAM, ...DOORBRAAKTEAMS] as const;
const PAGE_SIZE = 5;

function laneTitle(team: string): string {
  return team === NO_TEAM ? 'Nog geen doorbraakteam' : `Doorbraakteam ${label(DOORBRAAKTEAM_LABELS, team)}`;
}

function BoardCard({ knelpunt }: { knelpunt: KnelpuntSummary }) {
  return (
    <li className="kp-card kp-board__card">
      <AppLink to={`/knelpunten/${encodeURIComponent(knelpunt.reference)}`} className="kp-board__link">
        <strong>{knelpunt.reference}</strong>
        <span className="kp-visually-hidden">: </span>
        <span className="kp-board__title">{knelpunt.title}</span>
      </AppLink>
      <span className="kp-board__meta">
        {knelpunt.organisation} · {label(THEMA_LABELS, knelpunt.theme)}
      </span>
      <span className="kp-board__meta">
        {knelpunt.nextDueAt ? `Termijn: ${formatDate(knelpunt.nextDueAt)}` : 'Geen lopende termijn'}
        {knelpunt.overdue ? (
          <>
            {' '}
            <span className="kp-tag kp-tag--verlopen">Termijn verstreken</span>
          </>
        ) : null}
      </span>
    </li>
  );
}

function BoardColumn({ status, team }: { status: (typeof BOARD_STATUSES)[number]; team: string }) {
  const headingId = useId();
  const list = usePagedList<KnelpuntSummary>(['acu-bord'], '/knelpunten', { status, doorbraakteam: team, limit: PAGE_SIZE });
  const where = `${label(STATUS_LABELS, status)}, ${laneTitle(team).toLowerCase()}`;
  return (
    <section className="kp-board__column" aria-labelledby={headingId}>
      <Heading level={3} appearanceLevel={5} id={headingId}>
        {label(STATUS_LABELS, status)}
      </Heading>
      <ProblemAlert error={list.error} />
      {list.isPending ? (
        <Paragraph className="kp-loading">Laden…</Paragraph>
      ) : list.items.length === 0 && !list.isError ? (
        <Paragraph className="kp-muted">Geen knelpunten.</Paragraph>
      ) : (
        <ul className="kp-board__cards">
          {list.items.map((k) => (
            <BoardCard key={k.id} knelpunt={k} />
          ))}
        </ul>
      )}
      {list.hasNextPage ? (
        <Button
          type="button"
          appearance="secondary-action-button"
          className="kp-no-print"
          disabled={list.isFetchingNextPage}
          onClick={() => void list.fetchNextPage()}
        >
          {list.isFetchingNextPage ? 'Laden…' : 'Meer laden'}
          <span className="kp-visually-hidden"> ({where})</span>
        </Button>
      ) : null}
    </section>
  );
}

export default function AcuBoardPage() {
  const { user } = useSession();
  return (
    <>
      <Heading level={1}>ACU-bord</Heading>
      <Paragraph>
        Alle knelpunten die naar de Ambtelijke Commissie Uitvoering zijn geëscaleerd en nog bij de ACU liggen, per doorbraakteam en per
        status. Elke kolom toont {PAGE_SIZE} knelpunten; met ‘Meer laden’ ziet u de volgende.
      </Paragraph>
      <Paragraph className="kp-actions kp-no-print">
        <AppLink to="/acu/vergaderingen">Vergaderingen en agenda’s</AppLink>
        {user?.role === 'acu' ? <AppLink to="/acu/clusters">Knelpunten clusteren</AppLink> : null}
      </Paragraph>
      {LANES.map((team) => (
        <section key={team} className="kp-board__lane" aria-label={laneTitle(team)}>
          <Heading level={2} appearanceLevel={3}>
            {laneTitle(team)}
          </Heading>
          <div className="kp-board__columns">
            {BOARD_STATUSES.map((status) => (
              <BoardColumn key={status} status={status} team={team} />
            ))}
          </div>
        </section>
      ))}
    </>
  );
}
