import type { ExamDomainId } from '../check/types';

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

// Weights: shared/EXAM-DOMAINS.md, from the exam guides linked on
// https://aws.amazon.com/certification/certified-machine-learning-engineer-associate/ and
// https://aws.amazon.com/certification/certified-machine-learning-specialty/
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
