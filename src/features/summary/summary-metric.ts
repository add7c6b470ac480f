import type { SummaryFormats } from './use-summary-formats';

/** What the bars measure: how many leads, or their value. */
export type Metric = 'count' | 'sum';

export type MetricDisplay = {
  format: (n: number) => string;
  valueAxis: { tickFormatter: (n: number) => string; allowDecimals: false };
  series: { name: string; label: string }[];
  valueOf: (totals: { count: number; sum: number }) => number;
};

/** The charts' numbers, axis ticks and series for the metric shown. */
export function metricDisplay(metric: Metric, formats: SummaryFormats, labels: { sum: string; count: string }): MetricDisplay {
  const format = (n: number) => (metric === 'sum' ? formats.money(n) : formats.number.format(n));
  const formatTick = (n: number) => (metric === 'sum' ? formats.moneyTick(n) : formats.numberTick.format(n));
  return {
    format,
    valueAxis: { tickFormatter: formatTick, allowDecimals: false },
    series: [{ name: 'value', label: metric === 'sum' ? labels.sum : labels.count }],
    valueOf: (totals) => (metric === 'sum' ? totals.sum : totals.count),
  };
}
