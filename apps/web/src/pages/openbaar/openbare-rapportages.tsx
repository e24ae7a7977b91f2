/**
 * The published quarterly reports (GET /openbaar/rapportages, no login): per publication the quarter, the version and
 * the date, with a link to the fixed JSON snapshot (GET /openbaar/rapportages/{kwartaal}/versies/{versie}).
 */
import { useQuery } from '@tanstack/react-query';
import {
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
import type { RapportagePublicatie } from '../../api/types';
import { ProblemAlert } from '../../components/form';
import { TableScroll } from '../../components/table-scroll';
import { formatDate } from '../../format';
import { quarterLabels } from '../dashboard/quarter';

export function OpenbareRapportages() {
  const list = useQuery({
    queryKey: ['openbaar', 'rapportages'],
    queryFn: ({ signal }) => api.get<{ items: RapportagePublicatie[] }>('/openbaar/rapportages', undefined, signal),
  });
  const items = list.data?.items ?? [];
  return (
    <section aria-labelledby="rapportages-kop" className="kp-section">
      <Heading level={2} id="rapportages-kop">
        Gepubliceerde kwartaalrapportages
      </Heading>
      <Paragraph>
        De voortgang van de knelpunten per kwartaal, zoals de programmadirectie die publiceerde. Een gecorrigeerde rapportage is een nieuwe
        versie; eerdere versies blijven beschikbaar.
      </Paragraph>
      <ProblemAlert error={list.error} />
      {list.isPending ? (
        <Paragraph role="status" className="kp-loading">
          Rapportages laden…
        </Paragraph>
      ) : items.length > 0 ? (
        <TableScroll label="Gepubliceerde kwartaalrapportages">
          <Table>
            <TableCaption>Gepubliceerde kwartaalrapportages, nieuwste eerst</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Kwartaal</TableHeaderCell>
                <TableHeaderCell scope="col">Versie</TableHeaderCell>
                <TableHeaderCell scope="col">Gepubliceerd op</TableHeaderCell>
                <TableHeaderCell scope="col">Gegevens</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((r) => (
                <TableRow key={`${r.kwartaal}-${r.versie}`}>
                  <TableHeaderCell scope="row">{quarterLabels(r.kwartaal).long}</TableHeaderCell>
                  <TableCell>{r.versie}</TableCell>
                  <TableCell>{formatDate(r.publishedOn)}</TableCell>
                  <TableCell>
                    <a className="utrecht-link nl-link" href={r.url}>
                      {quarterLabels(r.kwartaal).long}, versie {r.versie} (JSON)
                    </a>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableScroll>
      ) : !list.isError ? (
        <Paragraph>Er zijn nog geen kwartaalrapportages gepubliceerd.</Paragraph>
      ) : null}
    </section>
  );
}
