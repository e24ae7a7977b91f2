/** The Stand the API accepted, with its knelpunten (kenmerk, status) and a link to each. */
import { useEffect, useRef } from 'react';
import { Heading, Paragraph } from '@rijkshuisstijl-community/components-react';
import type { Stand } from '../../api/types';
import { ButtonLink } from '../../components/app-link';
import { formatDate } from '../../format';
import { StandKnelpuntenTable } from '../../components/stand-knelpunten-table';

export function StandResult({ stand, ownList, via }: { stand: Stand; ownList: boolean; via: 'formulier' | 'csv' }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The page changed under the user's hands: move focus to the new heading (WCAG 2.4.3).
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <>
      <Heading level={1} ref={headingRef} tabIndex={-1}>
        {via === 'csv' ? 'Stand geïmporteerd' : 'Stand ingediend'}
      </Heading>
      <div role="status">
        <Paragraph>
          De Stand <strong>{stand.title}</strong> van {stand.organisation} over {stand.period} is ontvangen met {stand.knelpunten.length}{' '}
          {stand.knelpunten.length === 1 ? 'knelpunt' : 'knelpunten'}. Elk knelpunt gaat nu naar de driehoek van {stand.organisation}.
        </Paragraph>
      </div>
      <dl className="kp-facts">
        <dt>Periode</dt>
        <dd>{stand.period}</dd>
        <dt>Publicatiedatum</dt>
        <dd>{formatDate(stand.publishedOn)}</dd>
        <dt>Vindplaats</dt>
        <dd>
          {stand.sourceUrl ? (
            <a className="utrecht-link" href={stand.sourceUrl} rel="noreferrer noopener">
              {stand.sourceUrl}
            </a>
          ) : (
            '—'
          )}
        </dd>
      </dl>
      <StandKnelpuntenTable caption="Knelpunten van deze Stand" knelpunten={stand.knelpunten} linked />
      <div className="kp-actions kp-actions--after">
        {ownList ? (
          <ButtonLink to="/mijn-knelpunten">Naar mijn knelpunten</ButtonLink>
        ) : (
          <ButtonLink to="/knelpunten">Naar de knelpunten</ButtonLink>
        )}
        <ButtonLink to={`/openbaar/standen/${stand.id}`} appearance="secondary-action-button">
          Openbare pagina van deze Stand
        </ButtonLink>
      </div>
    </>
  );
}
