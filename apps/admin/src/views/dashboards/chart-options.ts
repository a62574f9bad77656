import type { FigureColumn, FigureRow, FigureTable } from './dashboard-figures';

export type ChartKind = 'line' | 'bar' | 'stacked' | 'horizontal' | 'donut';

/** A point of a chart: which row and which column of its table it is. */
export interface ChartPoint {
  row: FigureRow;
  column: FigureColumn;
}

/** A rate is charted as a percentage; the table shows it the same way. */
export function chartValue(value: string | number | null | undefined, column: FigureColumn): number | null {
  if (typeof value !== 'number') return null;
  if (column.kind === 'rate') return Math.round(value * 1000) / 10;
  if (column.kind === 'days') return Math.round(value * 10) / 10;
  return value;
}

/** The table's first column names the points; the others are the series. */
export function seriesColumns(table: FigureTable): FigureColumn[] {
  return table.columns.slice(1).filter((c) => c.kind !== 'text');
}

function valueAxis(columns: FigureColumn[]) {
  const rate = columns.length > 0 && columns.every((c) => c.kind === 'rate');
  return {
    type: 'value' as const,
    minInterval: columns.every((c) => c.kind === 'count') ? 1 : undefined,
    max: rate ? 100 : undefined,
    axisLabel: { formatter: rate ? '{value}%' : '{value}' },
  };
}

/**
 * The ECharts option of a table: categories from its first column, a series per numeric column
 * (one for a donut or a ranking: `only` names the column).
 */
export function chartOption(table: FigureTable, kind: ChartKind, only?: string): Record<string, unknown> {
  const names = table.rows.map((r) => String(r.cells[table.columns[0].key] ?? ''));
  const columns = only ? table.columns.filter((c) => c.key === only) : seriesColumns(table);
  const tooltip = { trigger: kind === 'donut' ? 'item' : 'axis', confine: true };
  if (kind === 'donut') {
    const column = columns[0];
    return {
      tooltip,
      legend: { type: 'scroll', bottom: 0 },
      series: [
        {
          type: 'pie',
          name: column?.label,
          radius: ['40%', '68%'],
          label: { formatter: '{b}: {c} ({d}%)' },
          data: table.rows.map((r, i) => ({
            name: names[i],
            value: chartValue(r.cells[column.key], column),
          })),
        },
      ],
    };
  }
  const category = { type: 'category' as const, data: names, axisLabel: { interval: 0, hideOverlap: true } };
  const horizontal = kind === 'horizontal';
  return {
    tooltip,
    legend: columns.length > 1 ? { type: 'scroll', top: 0 } : undefined,
    grid: {
      left: 8,
      right: 24,
      top: columns.length > 1 ? 36 : 16,
      bottom: 8,
      // Keep the axis labels (long department names) inside the chart.
      outerBoundsMode: 'same',
      outerBoundsContain: 'axisLabel',
    },
    xAxis: horizontal ? valueAxis(columns) : category,
    yAxis: horizontal ? { ...category, inverse: true } : valueAxis(columns),
    series: columns.map((column) => ({
      type: kind === 'line' ? 'line' : 'bar',
      name: column.label,
      stack: kind === 'stacked' ? 'total' : undefined,
      connectNulls: false,
      emphasis: { focus: 'series' },
      label: horizontal
        ? { show: true, position: 'right', formatter: column.kind === 'rate' ? '{c}%' : '{c}' }
        : undefined,
      data: table.rows.map((r) => chartValue(r.cells[column.key], column)),
    })),
  };
}

/** The table cell behind a clicked point (ECharts' seriesIndex and dataIndex). */
export function pointAt(
  table: FigureTable,
  kind: ChartKind,
  seriesIndex: number,
  dataIndex: number,
  only?: string,
): ChartPoint | null {
  const columns = only ? table.columns.filter((c) => c.key === only) : seriesColumns(table);
  const column = kind === 'donut' ? columns[0] : columns[seriesIndex];
  const row = table.rows[dataIndex];
  return row && column ? { row, column } : null;
}
