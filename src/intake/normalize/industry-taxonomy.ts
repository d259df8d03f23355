/**
 * leadsift's industry taxonomy: a short list of B2B firmographic categories, in the spirit of
 * the sector lists that data vendors and LinkedIn publish, small enough to write criteria
 * against ("fit.industries: [software, it_services]").
 *
 * Each entry has a stable `id` (used in criteria files and stored on leads), a human `label`,
 * and `synonyms` that `normalizeIndustry` accepts, written as people write them; they are folded
 * (lower case, no accents, punctuation, "&" or "and") when the table is loaded. Synonyms cover
 * LinkedIn's industry names (2016 and 2022 versions), GICS-style sector names, the Fortune 1000
 * sectors and common short forms. `technology` catches sources that only say "Technology" and
 * hardware makers; prefer `software`, `it_services` or `internet` when the source is precise.
 */
// prettier-ignore
export const INDUSTRY_TAXONOMY = [
  { id: 'software', label: 'Software', synonyms: ['software', 'computer software', 'software development', 'saas', 'software as a service', 'software & services', 'enterprise software', 'application software', 'software publishers', 'cloud software'] },
  { id: 'it_services', label: 'IT Services & Consulting', synonyms: ['it services', 'information technology and services', 'information technology & services', 'information technology', 'it', 'it consulting', 'it services and it consulting', 'managed services', 'managed service provider', 'msp', 'systems integration', 'computer services'] },
  { id: 'internet', label: 'Internet', synonyms: ['internet', 'online services', 'internet services', 'technology, information and internet', 'online media', 'internet software & services', 'interactive media & services'] },
  { id: 'technology', label: 'Technology & Hardware', synonyms: ['technology', 'tech', 'high tech', 'hi-tech', 'technolgy', 'computer hardware', 'hardware', 'technology hardware & equipment', 'semiconductors', 'semiconductor', 'electronics', 'consumer electronics', 'computer networking', 'computers and electronics manufacturing'] },
  { id: 'telecommunications', label: 'Telecommunications', synonyms: ['telecommunications', 'telecommunication', 'telecom', 'telecoms', 'telco', 'wireless', 'telecommunication services', 'communication services'] },
  { id: 'financial_services', label: 'Financial Services', synonyms: ['financial services', 'finance', 'financials', 'fintech', 'fin tech', 'investment management', 'asset management', 'investment banking', 'capital markets', 'venture capital & private equity', 'venture capital', 'private equity', 'payments', 'diversified financials'] },
  { id: 'banking', label: 'Banking', synonyms: ['banking', 'banks', 'bank', 'commercial banking', 'retail banking', 'credit unions', 'savings institutions'] },
  { id: 'insurance', label: 'Insurance', synonyms: ['insurance', 'insurtech', 'reinsurance', 'insurance carriers'] },
  { id: 'healthcare', label: 'Hospitals & Health Care', synonyms: ['healthcare', 'health care', 'hospital & health care', 'hospitals and health care', 'hospitals', 'medical', 'medical practice', 'medical practices', 'health', 'health, wellness & fitness', 'wellness and fitness services', 'mental health care', 'health care providers & services'] },
  { id: 'pharma_biotech', label: 'Pharmaceuticals & Biotechnology', synonyms: ['pharmaceuticals', 'pharmaceutical', 'pharma', 'pharmaceutical manufacturing', 'biotechnology', 'biotech', 'life sciences', 'pharmaceuticals, biotechnology & life sciences'] },
  { id: 'medical_devices', label: 'Medical Devices', synonyms: ['medical devices', 'medical device', 'medical equipment', 'medical equipment manufacturing', 'health care equipment', 'health care equipment & services', 'medtech'] },
  { id: 'education', label: 'Education', synonyms: ['education', 'education management', 'higher education', 'primary/secondary education', 'e-learning', 'e-learning providers', 'edtech', 'schools', 'universities', 'education administration programs'] },
  { id: 'government', label: 'Government', synonyms: ['government', 'government administration', 'public sector', 'public administration', 'public policy', 'military', 'law enforcement', 'government relations'] },
  { id: 'nonprofit', label: 'Non-profit', synonyms: ['nonprofit', 'non-profit', 'non-profit organizations', 'nonprofit organization management', 'not for profit', 'ngo', 'charity', 'philanthropy', 'civic & social organization', 'religious institutions', 'fund-raising'] },
  { id: 'manufacturing', label: 'Manufacturing & Industrials', synonyms: ['manufacturing', 'industrials', 'industrial', 'machinery', 'machinery manufacturing', 'industrial automation', 'electrical/electronic manufacturing', 'mechanical or industrial engineering', 'capital goods', 'industrial machinery'] },
  { id: 'automotive', label: 'Automotive', synonyms: ['automotive', 'motor vehicles & parts', 'motor vehicle manufacturing', 'automobiles', 'automobiles & components', 'auto', 'auto parts', 'motor vehicles'] },
  { id: 'aerospace_defense', label: 'Aerospace & Defense', synonyms: ['aerospace & defense', 'aerospace and defence', 'aerospace', 'defense', 'defence', 'defense & space', 'aviation & aerospace', 'defense and space manufacturing'] },
  { id: 'energy_utilities', label: 'Energy & Utilities', synonyms: ['energy', 'utilities', 'utility', 'renewables', 'renewables & environment', 'renewable energy', 'electric utilities', 'power generation', 'solar', 'clean energy', 'environmental services'] },
  { id: 'oil_gas', label: 'Oil & Gas', synonyms: ['oil & gas', 'oil and energy', 'oil, gas & consumable fuels', 'petroleum', 'oil gas', 'oil and gas extraction'] },
  { id: 'retail', label: 'Retail', synonyms: ['retail', 'retailing', 'retail trade', 'food & drug stores', 'food & staples retailing', 'supermarkets', 'grocery', 'department stores', 'specialty retail', 'retail apparel and fashion'] },
  { id: 'ecommerce', label: 'E-commerce', synonyms: ['e-commerce', 'ecommerce', 'online retail', 'internet retail', 'internet & direct marketing retail', 'online marketplace', 'marketplace'] },
  { id: 'consumer_goods', label: 'Consumer Goods', synonyms: ['consumer goods', 'consumer products', 'household products', 'household & personal products', 'apparel', 'apparel & fashion', 'fashion', 'textiles', 'cosmetics', 'luxury goods & jewelry', 'consumer packaged goods', 'cpg', 'fmcg', 'sporting goods', 'household durables', 'consumer durables & apparel', 'furniture'] },
  { id: 'food_beverage', label: 'Food & Beverage', synonyms: ['food & beverages', 'food and beverage', 'food, beverages & tobacco', 'food production', 'food', 'beverages', 'beverage manufacturing', 'tobacco', 'dairy', 'wine & spirits', 'food and beverage manufacturing'] },
  { id: 'hospitality_travel', label: 'Hospitality & Travel', synonyms: ['hospitality', 'hotels, restaurants & leisure', 'hotels', 'restaurants', 'leisure', 'leisure, travel & tourism', 'travel', 'tourism', 'travel arrangements', 'hotels and motels', 'gambling & casinos', 'food and beverage services', 'consumer services'] },
  { id: 'media_entertainment', label: 'Media & Entertainment', synonyms: ['media', 'entertainment', 'media & entertainment', 'broadcast media', 'publishing', 'newspapers', 'book and periodical publishing', 'entertainment providers', 'music', 'motion pictures & film', 'computer games', 'video games', 'sports', 'media & communications'] },
  { id: 'marketing_advertising', label: 'Marketing & Advertising', synonyms: ['marketing', 'advertising', 'marketing & advertising', 'advertising services', 'marketing services', 'public relations & communications', 'public relations', 'market research', 'digital marketing'] },
  { id: 'real_estate', label: 'Real Estate', synonyms: ['real estate', 'commercial real estate', 'property management', 'reit', 'reits', 'real estate investment trusts', 'leasing real estate'] },
  { id: 'construction', label: 'Construction & Engineering', synonyms: ['construction', 'engineering & construction', 'building construction', 'building materials', 'civil engineering', 'architecture & planning', 'homebuilding', 'construction & engineering', 'engineering services'] },
  { id: 'transportation_logistics', label: 'Transportation & Logistics', synonyms: ['transportation', 'logistics', 'logistics & supply chain', 'transportation/trucking/railroad', 'transportation, logistics, supply chain and storage', 'truck transportation', 'shipping', 'freight', 'trucking', 'airlines', 'airlines/aviation', 'airlines and aviation', 'maritime', 'package/freight delivery', 'warehousing', 'supply chain'] },
  { id: 'wholesale_distribution', label: 'Wholesale & Distribution', synonyms: ['wholesale', 'wholesalers', 'wholesale trade', 'distribution', 'distributors', 'import and export'] },
  { id: 'professional_services', label: 'Professional & Business Services', synonyms: ['professional services', 'business services', 'services', 'commercial services', 'commercial & professional services', 'accounting', 'outsourcing/offshoring', 'facilities services', 'research services', 'design services', 'translation and localization'] },
  { id: 'legal', label: 'Legal Services', synonyms: ['legal', 'legal services', 'law practice', 'law firm', 'law firms', 'alternative dispute resolution'] },
  { id: 'consulting', label: 'Management Consulting', synonyms: ['consulting', 'management consulting', 'business consulting', 'business consulting and services', 'strategy consulting', 'consultancy', 'advisory'] },
  { id: 'staffing', label: 'Staffing & Recruiting', synonyms: ['staffing & recruiting', 'staffing and recruiting', 'staffing', 'recruiting', 'recruitment', 'employment', 'employment services', 'human resources', 'human resources services', 'hr services', 'executive search'] },
  { id: 'agriculture', label: 'Agriculture', synonyms: ['agriculture', 'farming', 'agribusiness', 'ranching', 'fishery', 'forestry', 'farming, ranching, forestry'] },
  { id: 'chemicals', label: 'Chemicals', synonyms: ['chemicals', 'chemical', 'chemical manufacturing', 'specialty chemicals', 'plastics'] },
  { id: 'materials_mining', label: 'Materials, Metals & Mining', synonyms: ['materials', 'mining & metals', 'mining', 'metals', 'metals & mining', 'steel', 'paper & forest products', 'packaging & containers', 'basic materials', 'glass, ceramics & concrete'] },
] as const satisfies ReadonlyArray<{ readonly id: string; readonly label: string; readonly synonyms: readonly string[] }>;

/** The id of an industry in `INDUSTRY_TAXONOMY`. */
export type IndustryId = (typeof INDUSTRY_TAXONOMY)[number]['id'];

/** Every industry id, in taxonomy order. */
export const INDUSTRY_IDS: readonly IndustryId[] = INDUSTRY_TAXONOMY.map((industry) => industry.id);
