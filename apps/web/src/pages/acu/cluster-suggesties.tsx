/**
 * Cluster suggestions (GET /acu/cluster-suggesties): pairs of escalated knelpunten of different organisations that
 * look alike, with the API's score and reason. The ACU turns a pair into a cluster in one step
 * (POST /acu/cluster-suggesties/clusters) or rejects it for good (POST /acu/cluster-suggesties/afwijzingen); the list,
 * the clusters and the candidates are fetched again after each.
 */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Heading, Paragraph } from '@rijkshuisstijl-community/components-react';
import { api } from '../../api/client';
import { AppLink } from '../../components/app-link';
import { ProblemAlert } from '../../components/form';
import { THEMA_LABELS, label } from '../../labels';
import './cluster-suggesties.css';

interface SuggestieKnelpunt {
  id: string;
  reference: string;
  title: string;
  organisation: string;
  theme: string;
}

/** The API's ClusterSuggestieDto (libs/acu/src/dtos/cluster-suggestie.dto.ts), the fields shown here. */
interface ClusterSuggestie {
  knelpunten: SuggestieKnelpunt[];
  score: number;
  reason: string;
}

const SUGGESTIES_KEY = ['acu-cluster-suggesties'] as const;
const percentage = (score: number) => `${Math.round(score * 100).toLocaleString('nl-NL')}%`;
const refs = (s: ClusterSuggestie) => s.knelpunten.map((k) => k.reference).join(' en ');
const pairKey = (s: ClusterSuggestie) => s.knelpunten.map((k) => k.id).join('-');

export function ClusterSuggesties({ canAct, refresh }: { canAct: boolean; refresh: readonly (readonly string[])[] }) {
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: SUGGESTIES_KEY,
    queryFn: ({ signal }) => api.get<{ items: ClusterSuggestie[] }>('/acu/cluster-suggesties', { limit: 20 }, signal),
  });
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState('');

  async function act(s: ClusterSuggestie, action: 'clusters' | 'afwijzingen') {
    const key = pairKey(s);
    setBusy(key);
    setError(null);
    setMessage('');
    try {
      await api.post(`/acu/cluster-suggesties/${action}`, { knelpuntIds: s.knelpunten.map((k) => k.id) });
      setMessage(
        action === 'clusters' ? `Cluster gemaakt van ${refs(s)}.` : `Suggestie voor ${refs(s)} afgewezen; zij komt niet meer terug.`,
      );
      await Promise.all([SUGGESTIES_KEY, ...refresh].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  }

  const items = list.data?.items ?? [];
  return (
    <section aria-labelledby="suggesties-kop" className="kp-acu-section">
      <Heading level={2} id="suggesties-kop">
        Clustersuggesties
      </Heading>
      <Paragraph>
        Geëscaleerde knelpunten van verschillende organisaties die op elkaar lijken, de sterkste overeenkomst eerst. Knelpunten die al in
        een cluster zitten en afgewezen suggesties staan er niet in.
      </Paragraph>
      <ProblemAlert error={list.error ?? error} />
      <Paragraph role="status">{message}</Paragraph>
      {list.isPending ? (
        <Paragraph className="kp-loading">Suggesties laden…</Paragraph>
      ) : items.length === 0 && !list.isError ? (
        <Paragraph>Er zijn op dit moment geen clustersuggesties.</Paragraph>
      ) : (
        <ul className="kp-suggesties">
          {items.map((s, i) => {
            const key = pairKey(s);
            const id = `suggestie-${i}`;
            return (
              <li key={key} className="kp-suggesties__item">
                <Heading level={3} id={`${id}-naam`}>
                  Suggestie {i + 1}: {refs(s)} (overeenkomst {percentage(s.score)})
                </Heading>
                <ul className="kp-suggesties__leden">
                  {s.knelpunten.map((k) => (
                    <li key={k.id}>
                      <AppLink to={`/knelpunten/${encodeURIComponent(k.reference)}`}>{k.reference}</AppLink> — {k.title}{' '}
                      <span className="kp-muted">
                        ({k.organisation}, {label(THEMA_LABELS, k.theme)})
                      </span>
                    </li>
                  ))}
                </ul>
                <Paragraph>Reden: {s.reason}</Paragraph>
                {canAct ? (
                  <div className="kp-actions">
                    <Button
                      type="button"
                      appearance="primary-action-button"
                      disabled={busy !== null}
                      onClick={() => void act(s, 'clusters')}
                    >
                      Cluster maken
                      <span className="kp-visually-hidden">
                        {' '}
                        (suggestie {i + 1}: {refs(s)})
                      </span>
                    </Button>
                    <Button
                      type="button"
                      appearance="secondary-action-button"
                      disabled={busy !== null}
                      onClick={() => void act(s, 'afwijzingen')}
                    >
                      Afwijzen
                      <span className="kp-visually-hidden">
                        {' '}
                        (suggestie {i + 1}: {refs(s)})
                      </span>
                    </Button>
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
