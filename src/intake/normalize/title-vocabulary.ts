import type { JobFunction, Seniority } from '../../domain/lead.js';

/**
 * How strongly a term names a job function. When a title names several functions, the lowest
 * tier wins; see `normalizeTitle` for the whole rule.
 *
 * - 0 — role nouns that say what the person *is* whatever the subject ("Tax Attorney",
 *   "Marketing Professor", "IT Recruiter"). Among these the last one wins: it is the head noun
 *   of an English title.
 * - 1 — department and discipline words ("Sales", "Finance", "Engineer"). Among these the first
 *   one wins, so "VP, Sales & Marketing" is sales.
 * - 2 — domain modifiers that only hint at a function ("Software", "Commercial", "Medical").
 * - 3 — fallbacks used only when nothing else is named: the executive function of CEOs and
 *   founders, operations for clerical words ("Assistant", "Clerk").
 */
export type FunctionTier = 0 | 1 | 2 | 3;

/**
 * Seniority terms, written folded (lower case, no diacritics, one space between words). Multi-word
 * entries are matched as phrases before their words; the longest phrase wins.
 *
 * "Head of" is vp: companies that use it (start-ups, European firms) put a "Head of X" at the top
 * of a function, reporting to the C-level, where a US company would put a VP. A bare "Head"
 * ("Head Nurse", "Head Cashier") is a team lead, so manager.
 */
// prettier-ignore
export const SENIORITY_TERMS: ReadonlyArray<readonly [Seniority, readonly string[]]> = [
  [
    'founder',
    [
      'founder', 'cofounder', 'co founder', 'founding partner', 'owner', 'co owner', 'business owner',
      'proprietor', 'entrepreneur', 'inhaber', 'inhaberin', 'grunder', 'grunderin', 'mitgrunder',
      'fondateur', 'fondatrice', 'cofondateur', 'fundador', 'fundadora', 'cofundador', 'propietario',
      'propietaria', 'dueno', 'duena', 'proprietaire', 'fondatore', 'proprietario', 'oprichter', 'eigenaar',
      'socio fundador', 'socio', 'socia',
    ],
  ],
  [
    'c_level',
    [
      'ceo', 'cto', 'cfo', 'coo', 'cmo', 'cro', 'cio', 'ciso', 'cpo', 'cdo', 'cso', 'cco', 'chro', 'clo',
      'cao', 'cxo', 'c level', 'chief executive', 'president', 'presidente', 'prasident', 'prasidentin',
      'pdg', 'managing director', 'managing partner', 'senior partner', 'general partner', 'equity partner',
      'partner', 'chairman', 'chairwoman', 'chairperson', 'chair of the board', 'geschaftsfuhrer',
      'geschaftsfuhrerin', 'geschaftsfuhrung', 'vorstand', 'vorstandsvorsitzender', 'directeur general',
      'directrice generale', 'director general', 'directora general', 'gerente general', 'diretor geral',
      'diretora geral', 'direttore generale', 'amministratore delegato', 'algemeen directeur', 'dg',
    ],
  ],
  [
    'vp',
    [
      'vp', 'svp', 'evp', 'avp', 'vice president', 'vicepresident', 'vice presidente', 'vicepresidente',
      'vizeprasident', 'head of', 'head of the', 'global head', 'hoofd',
    ],
  ],
  [
    'director',
    [
      'director', 'directors', 'directeur', 'directrice', 'directora', 'direktor', 'direktorin', 'diretor',
      'diretora', 'direttore', 'direttrice', 'leiter', 'leiterin', 'leitung', 'chief', 'chief of staff',
      'general manager', 'abteilungsleiter', 'personal leiter', 'leiter personal', 'leitung personal', 'drh',
      'daf', 'dsi',
    ],
  ],
  [
    'manager',
    [
      'manager', 'managers', 'managerin', 'gerente', 'gestor', 'gestora', 'responsable', 'responsabile',
      'lead', 'team lead', 'team leader', 'leader', 'supervisor', 'supervisora', 'superviseur',
      'superintendent', 'foreman', 'forewoman', 'head', 'jefe', 'jefa', 'chef de projet', 'chef de produit',
      'chef des ventes', 'chef de service', 'team leiter', 'gruppen leiter', 'projekt leiter',
      'schicht leiter', 'teamleider', 'team leider', 'leider', 'verantwortlicher',
    ],
  ],
  [
    'senior',
    [
      'senior', 'principal', 'specialist', 'specialiste', 'spezialist', 'spezialistin', 'especialista',
      'expert', 'experte', 'staff engineer', 'staff software', 'staff data', 'staff developer',
      'staff scientist', 'staff designer', 'staff product',
    ],
  ],
  [
    'entry',
    [
      'associate', 'junior', 'executive assistant', 'executive secretary', 'coordinator', 'coordinador', 'coordinadora', 'coordinateur', 'assistant',
      'assistante', 'asistente', 'assistente', 'assistent', 'assistentin', 'analyst', 'analista', 'analyste',
      'representative', 'representante', 'engineer', 'developer', 'programmer', 'clerk', 'receptionist',
      'secretary', 'sachbearbeiter', 'sachbearbeiterin', 'mitarbeiter', 'mitarbeiterin', 'medewerker',
      'impiegato', 'impiegata', 'empleado', 'empleada', 'auxiliar', 'graduate',
    ],
  ],
  [
    'intern',
    [
      'intern', 'interns', 'internship', 'trainee', 'student', 'werkstudent', 'werkstudentin', 'stagiaire',
      'stagiair', 'stagista', 'tirocinante', 'becario', 'becaria', 'praktikant', 'praktikantin',
      'estagiario', 'estagiaria', 'apprentice', 'apprenti', 'azubi', 'auszubildender', 'co op',
    ],
  ],
];

/** Function terms: `[function, tier, folded terms]`. A term may appear in several tiers' lists only once. */
// prettier-ignore
export const FUNCTION_TERMS: ReadonlyArray<readonly [JobFunction, FunctionTier, readonly string[]]> = [
  [
    'education',
    0,
    [
      'teacher', 'teachers', 'professor', 'instructor', 'lecturer', 'tutor', 'educator', 'profesor',
      'profesora', 'professeur', 'enseignant', 'enseignante', 'lehrer', 'lehrerin', 'docente', 'dozent',
      'leraar',
    ],
  ],
  [
    'legal',
    0,
    [
      'attorney', 'lawyer', 'paralegal', 'solicitor', 'barrister', 'judge', 'magistrate', 'abogado',
      'abogada', 'advogado', 'advogada', 'avocat', 'avocate', 'avvocato', 'rechtsanwalt', 'rechtsanwaltin',
      'advocaat', 'jurist', 'juriste',
    ],
  ],
  [
    'healthcare',
    0,
    [
      'doctor', 'nurses', 'physicians', 'optician', 'medic', 'emt', 'nurse', 'physician', 'surgeon', 'pharmacist', 'therapist', 'dentist', 'veterinarian', 'psychiatrist',
      'pediatrician', 'obstetrician', 'anesthesiologist', 'radiologist', 'pathologist', 'audiologist',
      'optometrist', 'chiropractor', 'podiatrist', 'orthodontist', 'hygienist', 'paramedic', 'midwife',
      'dietitian', 'dietician', 'phlebotomist', 'sonographer', 'physiotherapist', 'enfermero', 'enfermera',
      'infirmier', 'infirmiere', 'arzt', 'arztin', 'medecin', 'medico',
    ],
  ],
  ['hr', 0, ['recruiter', 'recruiters', 'headhunter', 'recruteur', 'reclutador']],
  ['design', 0, ['designer', 'designers', 'staff designer', 'disenador', 'disenadora', 'graphiste']],
  [
    'procurement',
    0,
    ['buyer', 'buyers', 'acheteur', 'acheteuse', 'comprador', 'compradora', 'einkaufer', 'inkoper'],
  ],
  [
    'finance',
    0,
    [
      'accountant', 'bookkeeper', 'auditor', 'controller', 'comptroller', 'treasurer', 'comptable',
      'contador', 'contadora', 'buchhalter', 'buchhalterin', 'commercialista', 'contabile', 'boekhouder',
      'actuary',
    ],
  ],
  [
    'sales',
    1,
    [
      'sales', 'sale', 'selling', 'salesperson', 'salespeople', 'salesman', 'saleswoman',
      'account executive', 'account manager', 'account management', 'account director', 'key account',
      'account owner', 'ae', 'sdr', 'bdr', 'business development', 'biz development', 'revenue operations',
      'cro', 'inside sales', 'telemarketer', 'telemarketing', 'telesales', 'real estate agent',
      'real estate broker', 'insurance agent', 'leasing agent', 'charge d affaires', 'ingenieur commercial',
      'vertrieb', 'vertriebs', 'verkauf', 'verkaufs', 'verkaufer', 'verkauferin', 'ventas', 'vendas',
      'vendite', 'verkoop', 'verkoper', 'vendedor', 'vendedora', 'vendeur', 'vendeuse', 'venditore',
      'canvasser',
    ],
  ],
  [
    'marketing',
    1,
    [
      'marketing', 'cmo', 'publicity', 'public affairs', 'marketer', 'growth', 'demand generation', 'demand gen', 'lead generation',
      'lead gen', 'brand', 'branding', 'seo', 'sem', 'ppc', 'communications', 'communication',
      'public relations', 'pr', 'advertising', 'product marketing', 'social media', 'market research',
      'mercadeo', 'mercadotecnia', 'marketingleiter', 'kommunikation', 'comunicacion',
    ],
  ],
  [
    'customer_success',
    1,
    [
      'customer success', 'customer service', 'customer services', 'customer support', 'customer experience',
      'customer care', 'client services', 'client success', 'customer relations', 'call center',
      'contact center', 'kundenservice', 'kundenbetreuung', 'service client', 'atencion al cliente',
    ],
  ],
  [
    'engineering',
    1,
    [
      'cto', 'staff engineer', 'staff software', 'staff developer', 'product engineer', 'product development', 'engineer', 'engineers', 'engineering', 'developer', 'developers', 'programmer', 'programming',
      'devops', 'sre', 'site reliability', 'architect', 'rnd', 'research and development', 'tester',
      'firmware', 'embedded', 'frontend', 'front end', 'backend', 'back end', 'full stack', 'fullstack',
      'ingenieur', 'ingenieurin', 'ingeniero', 'ingeniera', 'engenheiro', 'engenheira', 'ingegnere',
      'entwickler', 'entwicklerin', 'desarrollador', 'desarrolladora', 'developpeur', 'developpeuse',
      'desenvolvedor', 'sviluppatore', 'ontwikkelaar', 'entwicklung',
    ],
  ],
  [
    'it',
    1,
    [
      'it', 'cio', 'ciso', 'information technology', 'information systems', 'informatics',
      'systems administrator', 'system administrator', 'sysadmin', 'network', 'networks', 'networking',
      'infrastructure', 'cybersecurity', 'cyber security', 'information security', 'infosec', 'penetration',
      'helpdesk', 'help desk', 'service desk', 'desktop support', 'technical support', 'tech support',
      'web administrator', 'webmaster', 'informatique', 'informatica', 'informatik', 'sistemas',
    ],
  ],
  [
    'data',
    1,
    [
      'biostatistician', 'biostatistics', 'data', 'cdo', 'staff data', 'staff scientist', 'analytics', 'bi', 'business intelligence', 'data scientist', 'statistician',
      'statistics', 'statistical', 'machine learning', 'ml', 'database', 'databases', 'data warehouse',
      'data warehousing', 'datos', 'donnees', 'daten',
    ],
  ],
  [
    'product',
    1,
    ['product', 'cpo', 'staff product', 'product owner', 'produit', 'producto', 'produkt', 'produto', 'prodotto'],
  ],
  [
    'design',
    1,
    [
      'ux', 'ui', 'user experience', 'graphic', 'graphics', 'art director', 'art direction',
      'interior design', 'diseno',
    ],
  ],
  [
    'finance',
    1,
    [
      'account clerk', 'accounts', 'actuarial', 'bursar', 'finance', 'financial', 'financials', 'accounting', 'accounts payable', 'accounts receivable',
      'treasury', 'audit', 'tax', 'taxation', 'bookkeeping', 'fp a', 'budget', 'cfo', 'investment',
      'investments', 'finanzen', 'finanz', 'finances', 'financier', 'financiere', 'finanzas', 'financiero',
      'financiera', 'financeiro', 'financeira', 'finanza', 'finanziario', 'financien', 'comptabilite',
      'contabilidad', 'contabilidade', 'contabilita', 'buchhaltung',
    ],
  ],
  [
    'operations',
    1,
    [
      'operations', 'operation', 'coo', 'executive assistant', 'executive secretary', 'supply chain', 'logistics', 'logistician', 'facilities', 'facility',
      'data entry', 'process owner', 'operaciones', 'operacoes', 'logistica', 'logistik', 'logistique',
    ],
  ],
  [
    'hr',
    1,
    [
      'total rewards', 'industrial relations', 'organizational development', 'organisational development', 'hr', 'hrbp', 'human resources', 'human resource', 'talent acquisition', 'talent management',
      'recruiting', 'recruitment', 'personnel', 'chro', 'labor relations', 'employee relations',
      'learning and development', 'rrhh', 'recursos humanos', 'ressources humaines', 'risorse umane',
      'personeelszaken', 'personalabteilung', 'personal leiter', 'leiter personal', 'leitung personal',
      'personal referent', 'personalwesen',
    ],
  ],
  [
    'legal',
    1,
    [
      'legal', 'counsel', 'general counsel', 'compliance', 'litigation', 'law', 'clo', 'title examiner',
      'title searcher', 'title abstractor', 'hearing officer', 'arbitrator', 'mediator', 'adjudicator',
      'juridique', 'juridico', 'juridica', 'legale', 'recht', 'rechtsabteilung',
    ],
  ],
  [
    'procurement',
    1,
    [
      'purchasing', 'procurement', 'sourcing', 'purchase', 'vendor management', 'einkauf', 'einkaufs',
      'achats', 'achat', 'compras', 'acquisti', 'inkoop',
    ],
  ],
  [
    'education',
    1,
    [
      'instructional', 'classroom', 'tutoring', 'headmaster', 'headmistress', 'teaching', 'education', 'educational', 'curriculum', 'faculty', 'dean', 'provost', 'kindergarten',
      'preschool', 'school teacher',
    ],
  ],
  [
    'healthcare',
    1,
    [
      'orthodontic', 'orthodontics', 'prosthodontist', 'endodontist', 'periodontist', 'denturist', 'chiropractic', 'anesthesia', 'anesthetic', 'histology', 'histologic', 'cardiovascular', 'cardiac', 'echocardiograph', 'echocardiographic', 'ekg', 'ecg', 'dialysis', 'ultrasound', 'mri', 'oncology', 'pathology', 'cytology', 'pediatric', 'psychiatric', 'ophthalmic', 'nutrition', 'dietary', 'health care', 'nursing', 'pharmacy', 'dental', 'surgical', 'radiologic', 'radiology', 'clinic', 'clinician',
      'hospital', 'patient care', 'home health', 'mental health', 'emergency medical', 'physical therapy',
      'veterinary', 'respiratory', 'orderly',
    ],
  ],
  ['consulting', 1, ['consulting', 'consultancy', 'conseil', 'consultoria', 'consulenza', 'beratung']],
  ['product', 2, ['products']],
  [
    'sales',
    2,
    [
      'territory', 'retail', 'store', 'dealership', 'ecommerce', 'e commerce', 'commercial', 'commerciale', 'comercial', 'revenue', 'broker', 'channel', 'partnerships', 'vendor',
      'merchant',
    ],
  ],
  [
    'marketing',
    2,
    ['community', 'content', 'promotions', 'promotion', 'market', 'media', 'events', 'campaign', 'campaigns'],
  ],
  [
    'engineering',
    2,
    [
      'software', 'technology', 'web', 'qa', 'quality assurance', 'blockchain',
      'cloud', 'mobile', 'ios', 'android',
    ],
  ],
  [
    'it',
    2,
    [
      'hacker', 'malware', 'vulnerability', 'erp', 'enterprise architecture', 'computer', 'systems', 'system', 'security', 'information', 'telecommunications', 'forensic',
      'forensics', 'support',
    ],
  ],
  ['design', 2, ['design', 'creative', 'visual', 'illustrator', 'animator']],
  ['finance', 2, ['risk', 'bank', 'asset', 'assets', 'cash', 'collections', 'mortgage', 'cost', 'escrow', 'payroll', 'billing', 'credit', 'fiscal', 'banking', 'banker', 'quantitative', 'quant']],
  [
    'operations',
    2,
    [
      'maintenance', 'factory', 'materials', 'production', 'manufacturing', 'plant', 'warehouse', 'inventory', 'shipping', 'dispatcher', 'dispatch',
      'fleet', 'transportation', 'distribution', 'mail', 'postal', 'courier', 'typist', 'stenographer',
      'administration', 'expediter', 'scheduler',
    ],
  ],
  [
    'hr',
    2,
    [
      'rewards', 'learning', 'onboarding', 'manpower', 'people', 'talent', 'staffing', 'compensation', 'benefits', 'training', 'diversity', 'workforce',
      'employee',
    ],
  ],
  ['legal', 2, ['ethics', 'licensing', 'contracts', 'regulatory', 'privacy', 'court', 'notary']],
  [
    'education',
    2,
    [
      'chancellor', 'enrollment', 'campus', 'school', 'schools', 'academic', 'university', 'college', 'student', 'students', 'admissions',
      'registrar',
    ],
  ],
  [
    'healthcare',
    2,
    [
      'medical', 'clinical', 'health', 'healthcare', 'therapy', 'rehabilitation', 'hospice', 'caregiver',
      'ambulance', 'aide',
    ],
  ],
  [
    'consulting',
    2,
    [
      'consultant', 'consultants', 'advisory', 'berater', 'beraterin', 'consultor', 'consultora',
      'consulente',
    ],
  ],
  [
    'executive',
    3,
    [
      'ceo', 'president', 'presidente', 'prasident', 'pdg', 'chief executive', 'founder', 'cofounder',
      'co founder', 'owner', 'co owner', 'business owner', 'proprietor', 'entrepreneur', 'inhaber',
      'inhaberin', 'managing director', 'general manager', 'managing partner', 'chairman', 'chairwoman',
      'chairperson', 'executive director', 'chief of staff', 'geschaftsfuhrer', 'geschaftsfuhrerin',
      'geschaftsfuhrung', 'directeur general', 'directrice generale', 'director general',
      'directora general', 'gerente general', 'diretor geral', 'direttore generale',
      'amministratore delegato', 'algemeen directeur', 'oprichter', 'eigenaar', 'fondateur', 'fundador',
      'dg',
    ],
  ],
  [
    'operations',
    3,
    [
      'executive', 'administrator', 'assistant', 'administrative', 'admin', 'office', 'clerk', 'clerical', 'secretary', 'receptionist',
      'quality',
    ],
  ],
];

/** Abbreviations and spelling variants, rewritten to a vocabulary word before matching. */
// prettier-ignore
export const TOKEN_ALIASES: Readonly<Record<string, string>> = {
  sr: 'senior',
  snr: 'senior',
  jr: 'junior',
  jnr: 'junior',
  dir: 'director',
  mgr: 'manager',
  mngr: 'manager',
  mktg: 'marketing',
  mkt: 'marketing',
  eng: 'engineering',
  engr: 'engineer',
  ops: 'operations',
  acct: 'account',
  svc: 'service',
  svcs: 'services',
  exec: 'executive',
  asst: 'assistant',
  assoc: 'associate',
  coord: 'coordinator',
  rep: 'representative',
  reps: 'representative',
  dev: 'development',
  biz: 'business',
  admin: 'administrative',
  hrm: 'hr',
  pres: 'president',
  cofounders: 'cofounder',
  founders: 'founder',
  owners: 'owner',
  supervisors: 'supervisor',
  analysts: 'analyst',
  specialists: 'specialist',
  coordinators: 'coordinator',
  assistants: 'assistant',
  associates: 'associate',
  clerks: 'clerk',
};

/**
 * Endings of German and Dutch compound titles ("Vertriebsleiter", "Verkoopmanager"). An unknown
 * word ending in one of these is split in two so that both halves are looked up.
 */
// prettier-ignore
export const COMPOUND_SUFFIXES: readonly string[] = [
  'leiterin', 'leiter', 'leider', 'managerin', 'manager', 'direktorin', 'direktor', 'referentin', 'referent',
  'mitarbeiterin', 'mitarbeiter', 'medewerker', 'assistentin', 'assistent', 'beraterin', 'berater',
  'spezialistin', 'spezialist', 'entwicklerin', 'entwickler', 'ingenieurin', 'ingenieur', 'analyst',
  'engineer', 'developer', 'verantwortlicher',
];
