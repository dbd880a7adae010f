import {
  addCounts,
  emptyCounts,
  type PageReport,
  pageJson,
  renderPageReport,
  summaryLine,
} from '../docs/report.ts';

/** The reports as text (failures, a summary per page and a total) or as JSON. */
export function printReports(
  reports: readonly PageReport[],
  json: boolean,
  verbose: boolean,
  jsonOptions: Record<string, unknown>,
): void {
  const totals = emptyCounts();
  for (const r of reports) addCounts(totals, r.counts);
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ version: 1, options: jsonOptions, totals, files: reports.map(pageJson) }, null, 2)}\n`,
    );
    return;
  }
  for (const r of reports) process.stdout.write(renderPageReport(r, verbose));
  if (reports.length > 1) process.stdout.write(`total (${reports.length} files): ${summaryLine(totals)}\n`);
}
