export { JSON_SCHEMA_VERSION, renderJson, toJsonReport, type JsonMeta, type JsonReport } from './json';
export { renderJunit } from './junit';
export { LiveReport, type LiveReportOptions } from './live';
export { renderRequirement, renderTerminal, summaryLines, type TerminalOptions } from './terminal';
export { renderTable } from './table';
export { sanitize } from './text';
