export { BLUEPRINTS, type Blueprint, type ExamDomain } from '../model';
export { labProgress, progressReport, type DomainProgress, type LabProgress, type ProgressReport } from './report';
export { appendRun, progressHome, ProgressStoreError, readRuns, runOf, type ProgressRun, type StoredRequirement, type StoredRuns } from './store';
export { taskReport, taskWeight, type OpenRequirement, type TaskProgress, type TaskReport } from './tasks';
