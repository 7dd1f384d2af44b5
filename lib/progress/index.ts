export { BLUEPRINTS, type Blueprint, type ExamDomain } from '../model';
export { labProgress, progressReport, type DomainProgress, type LabProgress, type ProgressReport } from './report';
export { appendRun, progressHome, ProgressStoreError, readRuns, runOf, type ProgressRun, type StoredRuns } from './store';
