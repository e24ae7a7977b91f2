import { clusterMemberProblems } from './create-cluster.use-case';
import type { ClusterCandidate } from '../../repositories/cluster.repository';

const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const k = (n: number, over: Partial<ClusterCandidate> = {}): ClusterCandidate => ({
  id: id(n),
  reference: `UWV-${String(n).padStart(5, '0')}`,
  organisation: 'UWV',
  status: 'bij_acu',
  escalated: true,
  clusterId: null,
  ...over,
});

describe('clusterMemberProblems', () => {
  it('accepts escalated, open knelpunten that are in no cluster', () => {
    expect(clusterMemberProblems([id(1), id(2)], [k(1), k(2, { organisation: 'SVB' })])).toEqual({ invalid: [], taken: [] });
  });

  it('names every knelpunt that is missing, not escalated or afgesloten, by its index', () => {
    const { invalid } = clusterMemberProblems(
      [id(1), id(2), id(3), id(4)],
      [k(1), k(2, { escalated: false }), k(3, { status: 'afgesloten' })],
    );
    expect(invalid.map((p) => p.name)).toEqual(['knelpuntIds[1]', 'knelpuntIds[2]', 'knelpuntIds[3]']);
    expect(invalid[0]!.reason).toContain('niet naar de ACU geëscaleerd');
    expect(invalid[2]!.reason).toContain('bestaat niet');
  });

  it('reports knelpunten already in a cluster separately (409)', () => {
    const { invalid, taken } = clusterMemberProblems([id(1), id(2)], [k(1), k(2, { clusterId: id(9) })]);
    expect(invalid).toEqual([]);
    expect(taken).toEqual([{ name: 'knelpuntIds[1]', reason: expect.stringContaining(id(9)) }]);
  });
});
