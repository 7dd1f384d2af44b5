export { escapeHtml, inlineSvg, pageHead, renderReportHtml, type ReportDiagram, type ReportInput, type ReportLab } from './html';
