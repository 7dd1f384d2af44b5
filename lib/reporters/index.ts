export { renderJson, toJsonReport, type JsonReport } from './json';
export { renderJunit } from './junit';
export { renderTerminal } from './terminal';
