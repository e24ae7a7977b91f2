/**
 * Bar charts for the dashboard (recharts: only imported from this folder, so it loads with the dashboard's
 * lazy chunk) and the table with the same numbers beside each chart for screen readers and keyboard users.
 *
 * Accessibility: the chart is an image with an accessible name (role="img" + aria-label, inside a figure with a
 * figcaption); its numbers are in the table. Series are told apart by pattern (solid, stripes, dots, cross-hatch)
 * as well as by colour, each bar carries its value as text, and the legend shows the patterns.
 */
import { useId, type ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, Legend, XAxis, YAxis } from 'recharts';
import { Table, TableBody, TableCaption, TableCell, TableHeader, TableRow } from '@rijkshuisstijl-community/components-react';
import { TableHeaderCell } from '../../components/table-header-cell';
import { TableScroll } from '../../components/table-scroll';

/** Rijkshuisstijl colours with at least 3:1 contrast on white (WCAG 1.4.11). */
const COLOURS = ['#154273', '#007bc7', '#39870c', '#a90061'];
const PATTERN_NAMES = ['effen', 'gestreept', 'gestippeld', 'geruit'];

export interface Series {
  key: string;
  label: string;
}

export type ChartRow = { label: string } & Record<string, string | number>;

function Patterns({ prefix }: { prefix: string }) {
  return (
    <defs>
      <pattern id={`${prefix}-1`} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="8" height="8" fill="#ffffff" />
        <rect width="4" height="8" fill={COLOURS[1]} />
      </pattern>
      <pattern id={`${prefix}-2`} width="7" height="7" patternUnits="userSpaceOnUse">
        <rect width="7" height="7" fill="#ffffff" />
        <circle cx="3.5" cy="3.5" r="2.2" fill={COLOURS[2]} />
      </pattern>
      <pattern id={`${prefix}-3`} width="8" height="8" patternUnits="userSpaceOnUse">
        <rect width="8" height="8" fill="#ffffff" />
        <path d="M0 0L8 8M8 0L0 8" stroke={COLOURS[3]} strokeWidth="2" />
      </pattern>
    </defs>
  );
}

const fillFor = (prefix: string, index: number): string => (index % 4 === 0 ? COLOURS[0]! : `url(#${prefix}-${index % 4})`);

/** Zero stays unlabelled (no "0" on an empty bar); the table has every number. */
const valueLabel = (value: unknown): string => (typeof value === 'number' && value > 0 ? String(value) : '');

export interface BarChartFigureProps {
  /** Shown as the figure's caption; also the start of the chart's accessible name. */
  title: string;
  /** Where the numbers are, for the accessible name (e.g. "de tabel hiernaast"). */
  tableHint?: string;
  data: ChartRow[];
  series: Series[];
  /** `bars`: horizontal bars with the categories on the left (long labels); `columns`: vertical bars. */
  orientation: 'bars' | 'columns';
}

export function BarChartFigure({ title, tableHint = 'de tabel bij deze grafiek', data, series, orientation }: BarChartFigureProps) {
  const prefix = `kp-patroon-${useId().replace(/[^A-Za-z0-9]/g, '')}`;
  const horizontal = orientation === 'bars';
  const groupSize = horizontal ? Math.max(1, series.length) * 18 + 14 : 0;
  const height = horizontal ? Math.max(160, data.length * groupSize + (series.length > 1 ? 90 : 50)) : 320;
  const seriesNames = series.length > 1 ? ` (${series.map((s, i) => `${s.label}: ${PATTERN_NAMES[i % 4]}`).join(', ')})` : '';
  return (
    <figure className="kp-chart">
      <div className="kp-chart__plot" role="img" aria-label={`Staafdiagram: ${title}${seriesNames}. De getallen staan in ${tableHint}.`}>
        <BarChart
          responsive
          accessibilityLayer={false}
          style={{ width: '100%', height }}
          data={data}
          layout={horizontal ? 'vertical' : 'horizontal'}
          margin={{ top: 16, right: 40, bottom: 8, left: 8 }}
          barCategoryGap={horizontal ? 6 : '18%'}
        >
          <Patterns prefix={prefix} />
          <CartesianGrid stroke="#cbd5e1" horizontal={!horizontal} vertical={horizontal} />
          {horizontal ? (
            <>
              <XAxis type="number" allowDecimals={false} tick={{ fill: '#1f2937' }} stroke="#475569" />
              <YAxis type="category" dataKey="label" width="auto" interval={0} tick={{ fill: '#1f2937' }} stroke="#475569" />
            </>
          ) : (
            <>
              <XAxis type="category" dataKey="label" interval={0} tick={{ fill: '#1f2937' }} stroke="#475569" />
              <YAxis type="number" allowDecimals={false} tick={{ fill: '#1f2937' }} stroke="#475569" />
            </>
          )}
          {series.length > 1 ? <Legend verticalAlign="top" iconSize={16} itemSorter={null} wrapperStyle={{ paddingBottom: 8 }} /> : null}
          {series.map((s, i) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.label}
              fill={fillFor(prefix, i)}
              stroke={COLOURS[i % 4]}
              strokeWidth={1.5}
              isAnimationActive={false}
              maxBarSize={horizontal ? 18 : 48}
            >
              <LabelList dataKey={s.key} position={horizontal ? 'right' : 'top'} formatter={valueLabel} fill="#1f2937" />
            </Bar>
          ))}
        </BarChart>
      </div>
      <figcaption className="kp-chart__caption">
        {title}: staafdiagram; de getallen staan in {tableHint}.
      </figcaption>
    </figure>
  );
}

export interface DataTableColumn {
  key: string;
  header: string;
}

/**
 * The chart's numbers as a table: the first column is the row header (th scope="row"), the others the counts,
 * and a total row when asked.
 */
export function DataTable({
  caption,
  rowHeader,
  rows,
  columns,
  total,
}: {
  caption: string;
  rowHeader: string;
  rows: { key: string; header: ReactNode; values: Record<string, number> }[];
  columns: DataTableColumn[];
  total?: boolean;
}) {
  const sum = (key: string) => rows.reduce((n, r) => n + (r.values[key] ?? 0), 0);
  return (
    <TableScroll label={caption}>
      <Table className="kp-data-table">
        <TableCaption>{caption}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{rowHeader}</TableHeaderCell>
            {columns.map((c) => (
              <TableHeaderCell key={c.key} scope="col" className="kp-number">
                {c.header}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.key}>
              <TableHeaderCell scope="row">{r.header}</TableHeaderCell>
              {columns.map((c) => (
                <TableCell key={c.key} className="kp-number">
                  {r.values[c.key] ?? 0}
                </TableCell>
              ))}
            </TableRow>
          ))}
          {total ? (
            <TableRow className="kp-total-row">
              <TableHeaderCell scope="row">Totaal</TableHeaderCell>
              {columns.map((c) => (
                <TableCell key={c.key} className="kp-number">
                  {sum(c.key)}
                </TableCell>
              ))}
            </TableRow>
          ) : null}
        </TableBody>
      </Table>
    </TableScroll>
  );
}
