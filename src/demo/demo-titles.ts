import type { JobFunction, Seniority } from '../domain/lead.js';

/** A job title as the demo writes it, with the seniority and function it really means. */
export interface DemoTitle {
  readonly title: string;
  readonly seniority: Seniority;
  readonly jobFunction: JobFunction;
  /** Relative frequency among leads. */
  readonly weight: number;
}

const t = (title: string, seniority: Seniority, jobFunction: JobFunction, weight = 1): DemoTitle => ({
  title,
  seniority,
  jobFunction,
  weight,
});

/**
 * Job titles across seniorities and functions, spelled the way people type them: abbreviations,
 * commas, other languages and a few odd ones. RevOps titles count as `operations`.
 */
export const DEMO_TITLES: readonly DemoTitle[] = [
  t('CEO', 'c_level', 'executive', 2),
  t('Chief Executive Officer', 'c_level', 'executive'),
  t('Co-Founder & CEO', 'founder', 'executive', 1.5),
  t('Founder', 'founder', 'executive', 1.5),
  t('Geschäftsführer', 'c_level', 'executive'),
  t('Président Directeur Général', 'c_level', 'executive', 0.4),
  t('Managing Director', 'c_level', 'executive'),
  t('COO', 'c_level', 'operations', 0.7),
  t('CRO', 'c_level', 'sales', 0.8),
  t('Chief Revenue Officer', 'c_level', 'sales', 0.8),
  t('CMO', 'c_level', 'marketing', 0.8),
  t('Chief Marketing Officer', 'c_level', 'marketing', 0.5),
  t('CTO', 'c_level', 'engineering', 0.8),
  t('CFO', 'c_level', 'finance', 0.6),
  t('CIO', 'c_level', 'it', 0.4),
  t('VP Sales', 'vp', 'sales', 2),
  t('VP, Sales & Marketing', 'vp', 'sales', 1),
  t('Vice President of Marketing', 'vp', 'marketing', 1.5),
  t('VP Revenue Operations', 'vp', 'operations', 0.8),
  t('SVP Global Sales', 'vp', 'sales', 0.5),
  t('VP Engineering', 'vp', 'engineering', 0.8),
  t('VP Customer Success', 'vp', 'customer_success', 0.6),
  t('VP Finance', 'vp', 'finance', 0.4),
  t('Head of Sales', 'director', 'sales', 2),
  t('Head of Growth', 'director', 'marketing', 1.5),
  t('Head of RevOps', 'director', 'operations', 1),
  t('Head of IT', 'director', 'it', 1),
  t('Head of Demand Generation', 'director', 'marketing', 1),
  t('Sales Director', 'director', 'sales', 2),
  t('Director of Marketing', 'director', 'marketing', 2),
  t('Sr. Dir. Marketing', 'director', 'marketing', 1),
  t('Director, Sales Operations', 'director', 'operations', 1),
  t('Director of Engineering', 'director', 'engineering', 1),
  t('Directeur commercial', 'director', 'sales', 0.6),
  t('Directrice marketing', 'director', 'marketing', 0.4),
  t('Vertriebsleiter', 'director', 'sales', 0.5),
  t('Director de Marketing', 'director', 'marketing', 0.4),
  t('Director of Finance', 'director', 'finance', 0.6),
  t('HR Director', 'director', 'hr', 0.5),
  t('Sales Manager', 'manager', 'sales', 3),
  t('Marketing Manager', 'manager', 'marketing', 3),
  t('Demand Gen Manager', 'manager', 'marketing', 1.5),
  t('Marketing Ops Manager', 'manager', 'operations', 1.5),
  t('Revenue Operations Manager', 'manager', 'operations', 1.5),
  t('Gerente de Ventas', 'manager', 'sales', 0.6),
  t('Gerente de Marketing', 'manager', 'marketing', 0.4),
  t('Responsable marketing', 'manager', 'marketing', 0.4),
  t('Customer Success Manager', 'manager', 'customer_success', 1.5),
  t('IT Manager', 'manager', 'it', 1.5),
  t('Engineering Manager', 'manager', 'engineering', 1),
  t('Product Manager', 'manager', 'product', 1.5),
  t('Office Manager', 'manager', 'operations', 0.8),
  t('Procurement Manager', 'manager', 'procurement', 0.5),
  t('Account Executive', 'senior', 'sales', 3),
  t('Sr. Account Executive', 'senior', 'sales', 1.5),
  t('Enterprise AE', 'senior', 'sales', 0.8),
  t('Senior Software Engineer', 'senior', 'engineering', 2),
  t('Senior Data Analyst', 'senior', 'data', 1),
  t('Data Scientist', 'senior', 'data', 1),
  t('Senior Marketing Specialist', 'senior', 'marketing', 1),
  t('Solutions Consultant', 'senior', 'consulting', 0.8),
  t('UX Designer', 'senior', 'design', 0.6),
  t('Financial Controller', 'senior', 'finance', 0.5),
  t('Legal Counsel', 'senior', 'legal', 0.3),
  t('SDR', 'entry', 'sales', 2),
  t('Sales Development Representative', 'entry', 'sales', 2),
  t('BDR', 'entry', 'sales', 1),
  t('Marketing Coordinator', 'entry', 'marketing', 1.5),
  t('Marketing Assistant', 'entry', 'marketing', 1),
  t('Software Engineer', 'entry', 'engineering', 2),
  t('Support Specialist', 'entry', 'customer_success', 1),
  t('Recruiter', 'entry', 'hr', 0.8),
  t('Nurse', 'entry', 'healthcare', 0.3),
  t('Teacher', 'entry', 'education', 0.3),
  t('Consultant', 'entry', 'consulting', 1),
  t('Sales Intern', 'intern', 'sales', 0.8),
  t('Marketing Intern', 'intern', 'marketing', 1),
  t('Werkstudent Marketing', 'intern', 'marketing', 0.3),
  t('Stagiaire', 'intern', 'other', 0.3),
  t('Owner', 'founder', 'executive', 1),
  t('Chief Happiness Officer', 'c_level', 'hr', 0.2),
  t('Growth Hacker', 'entry', 'marketing', 0.4),
  t('Ninja', 'entry', 'other', 0.2),
  t('Self-employed', 'founder', 'other', 0.4),
  t('-', 'entry', 'other', 0.3),
  t('Retired', 'entry', 'other', 0.2),
];

/** Titles of student leads (who write from a university address). */
export const DEMO_STUDENT_TITLES: readonly DemoTitle[] = [
  t('Student', 'intern', 'education', 3),
  t('MBA Candidate', 'intern', 'education', 1),
  t('Graduate Student', 'intern', 'education', 1),
  t('PhD Student', 'intern', 'education', 0.5),
  t('Research Assistant', 'intern', 'education', 0.5),
];
