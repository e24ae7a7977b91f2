import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { TableHeaderCell } from './table-header-cell';

describe('TableHeaderCell', () => {
  it('renders scope, so assistive technology knows row headers from column headers', () => {
    render(
      <table>
        <thead>
          <tr>
            <TableHeaderCell scope="col">Thema</TableHeaderCell>
            <TableHeaderCell scope="col" className="kp-extra">
              Aantal
            </TableHeaderCell>
          </tr>
        </thead>
        <tbody>
          <tr>
            <TableHeaderCell scope="row">ICT</TableHeaderCell>
            <td>3</td>
          </tr>
        </tbody>
      </table>,
    );
    expect(screen.getByRole('columnheader', { name: 'Thema' }).getAttribute('scope')).toBe('col');
    expect(screen.getByRole('columnheader', { name: 'Aantal' }).className).toBe('utrecht-table__header-cell kp-extra');
    const row = screen.getByRole('rowheader', { name: 'ICT' });
    expect(row.getAttribute('scope')).toBe('row');
    expect(row.className).toBe('utrecht-table__header-cell utrecht-table__header--cell-row');
  });
});
