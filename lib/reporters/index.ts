export { JSON_SCHEMA_VERSION, renderJson, toJsonReport, type JsonMeta, type JsonReport } from './json';
export { renderJunit } from './junit';
export { LiveReport, type LiveReportOptions } from './live';
export { renderRequirement, renderTerminal, summaryLines, type TerminalOptions } from './terminal';
export { fittedTable, renderTable, type FittedTableOptions } from './table';
export { sanitize } from './text';
