import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import type { KnelpuntSummary, Page } from '../api/types';
import { KnelpuntenTable, type KnelpuntenQuery } from './knelpunten-table';

function knelpunt(n: number, overrides: Partial<KnelpuntSummary> = {}): KnelpuntSummary {
  return {
    id: `id-${n}`,
    reference: `UWV-${String(n).padStart(5, '0')}`,
    title: `Knelpunt ${n}`,
    organisation: 'UWV',
    driehoek: 'UWV',
    theme: 'ict',
    status: 'bij_driehoek',
    outcome: null,
    overdue: false,
    escalated: false,
    doorbraakteam: null,
    nextDueAt: '2026-03-02T23:00:00.000Z',
    standId: 'stand',
    kamerstukken: [],
    moties: [],
    toezeggingen: [],
    bwbIds: [],
    createdAt: '2026-01-05T10:00:00.000Z',
    updatedAt: '2026-01-05T10:00:00.000Z',
    ...overrides,
  };
}

/** Three pages of two, chained by cursors "p2" and "p3", as the API pages. */
function fakeApi() {
  const calls: KnelpuntenQuery[] = [];
  const fetchPage = vi.fn(async (query: KnelpuntenQuery): Promise<Page<KnelpuntSummary>> => {
    calls.push(query);
    const start = query.cursor === 'p2' ? 3 : query.cursor === 'p3' ? 5 : 1;
    const items = [knelpunt(start, { overdue: start === 1 }), knelpunt(start + 1)];
    return { items, nextCursor: start === 1 ? 'p2' : start === 3 ? 'p3' : null };
  });
  return { fetchPage, calls };
}

function Location() {
  const location = useLocation();
  return <output data-testid="location">{location.search}</output>;
}

function renderTable(fetchPage: ReturnType<typeof fakeApi>['fetchPage'], initial = '/lijst') {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[initial]}>
        <Routes>
          <Route
            path="/lijst"
            element={
              <>
                <KnelpuntenTable
                  queryKey={['test']}
                  fetchPage={fetchPage}
                  baseQuery={{ organisation: 'UWV' }}
                  filters={['theme', 'overdue']}
                  caption="Knelpunten van UWV"
                  pageSize={2}
                />
                <Location />
              </>
            }
          />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

// A loaded CI machine renders jsdom slowly; the default 5 s is too tight for four page loads.
describe('KnelpuntenTable', { timeout: 20_000 }, () => {
  it('pages forward and back with the API’s cursors', async () => {
    const { fetchPage, calls } = fakeApi();
    renderTable(fetchPage);
    await screen.findByText('Knelpunt 1');
    expect(calls[0]).toEqual({ organisation: 'UWV', limit: 2, cursor: undefined });
    expect(screen.getByRole('button', { name: 'Vorige pagina' })).toHaveProperty('disabled', true);

    fireEvent.click(screen.getByRole('button', { name: 'Volgende pagina' }));
    await screen.findByText('Knelpunt 3');
    fireEvent.click(screen.getByRole('button', { name: 'Volgende pagina' }));
    await screen.findByText('Knelpunt 5');
    expect(screen.getByText('Pagina 3')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Volgende pagina' })).toHaveProperty('disabled', true);

    fireEvent.click(screen.getByRole('button', { name: 'Vorige pagina' }));
    await screen.findByText('Knelpunt 3');
    expect(screen.getByText('Pagina 2')).toBeTruthy();
    // Back is the cached page (refreshed in the background when stale): the same cursor again, no other.
    expect(calls.map((c) => c.cursor).slice(0, 3)).toEqual([undefined, 'p2', 'p3']);
    expect(new Set(calls.slice(3).map((c) => c.cursor))).toEqual(new Set(calls.length > 3 ? ['p2'] : []));
  });

  it('marks an overdue knelpunt in words and links each to its page by reference', async () => {
    const { fetchPage } = fakeApi();
    renderTable(fetchPage);
    const link = await screen.findByRole('link', { name: 'UWV-00001' });
    expect(link.getAttribute('href')).toBe('/knelpunten/UWV-00001');
    const row = link.closest('tr')!;
    expect(row.textContent).toContain('Termijn verstreken');
    expect(row.textContent).toContain('Bij de driehoek');
    expect(screen.getByRole('link', { name: 'UWV-00002' }).closest('tr')!.textContent).not.toContain('Termijn verstreken');
  });

  it('puts the chosen filters in the URL and the query, and starts again at page 1', async () => {
    const { fetchPage, calls } = fakeApi();
    renderTable(fetchPage);
    await screen.findByText('Knelpunt 1');
    fireEvent.click(screen.getByRole('button', { name: 'Volgende pagina' }));
    await screen.findByText('Knelpunt 3');

    fireEvent.change(screen.getByLabelText('Thema'), { target: { value: 'ict' } });
    fireEvent.change(screen.getByLabelText('Termijn'), { target: { value: 'true' } });
    fireEvent.click(screen.getByRole('button', { name: 'Filteren' }));
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('?theme=ict&overdue=true'));
    await waitFor(() => expect(calls.at(-1)).toEqual({ organisation: 'UWV', limit: 2, cursor: undefined, theme: 'ict', overdue: true }));
    expect(await screen.findByText('Pagina 1')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Filters wissen' }));
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe(''));
  });

  it('reads the filters from the URL it is opened with', async () => {
    const { fetchPage, calls } = fakeApi();
    renderTable(fetchPage, '/lijst?theme=wetgeving');
    await screen.findByText('Knelpunt 1');
    expect(calls[0]).toEqual({ organisation: 'UWV', limit: 2, cursor: undefined, theme: 'wetgeving' });
    expect((screen.getByLabelText('Thema') as HTMLSelectElement).value).toBe('wetgeving');
  });
});
