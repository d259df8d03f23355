import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const criteriaPath = fileURLToPath(new URL('../../../examples/criteria/bant.yaml', import.meta.url));

/** The BANT template (examples/criteria/bant.yaml) asking the prospect for their role and their company by name. */
export const askingCriteria = (): string =>
  readFileSync(criteriaPath, 'utf8').replace(
    /required:\n( {2}- .*\n)+/,
    'required:\n  - person.title\n  - { fact: company.name, how: ask, question: Which company are you with? }\n',
  );
