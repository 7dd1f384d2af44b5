// Exam domains and task statements, fixed by shared/EXAM-DOMAINS.md. Labs declare them; progress
// weighs them. Weights: the exam guides linked on
// https://aws.amazon.com/certification/certified-machine-learning-engineer-associate/ and
// https://aws.amazon.com/certification/certified-machine-learning-specialty/

export const MLA_DOMAINS = ['MLA-C01/D1', 'MLA-C01/D2', 'MLA-C01/D3', 'MLA-C01/D4'] as const;
export const MLS_DOMAINS = ['MLS-C01/D1', 'MLS-C01/D2', 'MLS-C01/D3', 'MLS-C01/D4'] as const;
export type MlaDomainId = (typeof MLA_DOMAINS)[number];
export type MlsDomainId = (typeof MLS_DOMAINS)[number];
export type ExamDomainId = MlaDomainId | MlsDomainId;

/** MLA-C01 task statements (shared/EXAM-DOMAINS.md); a requirement may declare the ones it trains. */
export const MLA_TASKS = {
  'MLA-C01/1.1': 'Ingest and store data',
  'MLA-C01/1.2': 'Transform data and perform feature engineering',
  'MLA-C01/1.3': 'Ensure data integrity and prepare data for modeling',
  'MLA-C01/2.1': 'Choose a modeling approach',
  'MLA-C01/2.2': 'Train and refine models',
  'MLA-C01/2.3': 'Analyze model performance',
  'MLA-C01/3.1': 'Select deployment infrastructure based on existing architecture and requirements',
  'MLA-C01/3.2': 'Create and script infrastructure based on existing architecture and requirements',
  'MLA-C01/3.3': 'Use automated orchestration tools to set up CI/CD pipelines',
  'MLA-C01/4.1': 'Monitor model inference',
  'MLA-C01/4.2': 'Monitor and optimize infrastructure and costs',
  'MLA-C01/4.3': 'Secure AWS resources',
} as const;
export type MlaTaskId = keyof typeof MLA_TASKS;

/** The domain a task statement belongs to: `MLA-C01/2.3` -> `MLA-C01/D2`. */
export function domainOfTask(task: MlaTaskId): MlaDomainId {
  return `MLA-C01/D${task.slice('MLA-C01/'.length, 'MLA-C01/'.length + 1)}` as MlaDomainId;
}

export interface ExamDomain {
  readonly id: ExamDomainId;
  readonly name: string;
  /** Share of scored questions in the exam guide (shared/EXAM-DOMAINS.md). */
  readonly weight: number;
}

export interface Blueprint {
  readonly id: 'MLA-C01' | 'MLS-C01';
  readonly name: string;
  readonly domains: readonly ExamDomain[];
}

export const BLUEPRINTS: readonly Blueprint[] = [
  {
    id: 'MLA-C01',
    name: 'AWS Certified Machine Learning Engineer - Associate',
    domains: [
      { id: 'MLA-C01/D1', name: 'Data Preparation for Machine Learning', weight: 0.28 },
      { id: 'MLA-C01/D2', name: 'ML Model Development', weight: 0.26 },
      { id: 'MLA-C01/D3', name: 'Deployment and Orchestration of ML Workflows', weight: 0.22 },
      { id: 'MLA-C01/D4', name: 'ML Solution Monitoring, Maintenance, and Security', weight: 0.24 },
    ],
  },
  {
    id: 'MLS-C01',
    name: 'AWS Certified Machine Learning - Specialty (retired)',
    domains: [
      { id: 'MLS-C01/D1', name: 'Data Engineering', weight: 0.2 },
      { id: 'MLS-C01/D2', name: 'Exploratory Data Analysis', weight: 0.24 },
      { id: 'MLS-C01/D3', name: 'Modeling', weight: 0.36 },
      { id: 'MLS-C01/D4', name: 'Machine Learning Implementation and Operations', weight: 0.2 },
    ],
  },
];
