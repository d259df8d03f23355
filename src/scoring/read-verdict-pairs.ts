import { AppError } from '../domain/app-error.js';
import { VERDICTS, type Verdict } from '../domain/decision.js';
import { readRecords } from '../intake/read/read-records.js';
import type { Rejection } from '../intake/intake-record.js';
import { readHumanVerdict, type VerdictPair } from './compare-verdicts.js';

const isVerdict = (v: string): v is Verdict => (VERDICTS as readonly string[]).includes(v);

/**
 * Read the rows of a qualified file (the output of `leadsift qualify`) that carry both
 * leadsift's verdict and a human verdict in `humanColumn`. Rows whose human verdict is not a
 * known word (see `readHumanVerdict`) are skipped with their line and reason.
 */
export const readVerdictPairs = async (
  path: string,
  humanColumn: string,
): Promise<{ pairs: VerdictPair[]; skipped: Rejection[] }> => {
  const source = await readRecords(path);
  const index = (name: string): number => source.header.indexOf(name);
  const [verdict, human, reasons] = [index('verdict'), index(humanColumn), index('reasons')];
  if (verdict === -1) {
    throw new AppError('INPUT_INVALID', {
      message: `${path}: no "verdict" column; compare reads the output of leadsift qualify`,
    });
  }
  if (human === -1) {
    throw new AppError('INPUT_INVALID', {
      message: `${path}: no column "${humanColumn}"; the columns are ${source.header.join(', ')}`,
    });
  }
  const pairs: VerdictPair[] = [];
  const skipped: Rejection[] = [];
  for await (const batch of source.batches) {
    for (const { line, fields, error } of batch) {
      const ours = fields[verdict] ?? '';
      const theirs = readHumanVerdict(fields[human] ?? '');
      if (error !== undefined) skipped.push({ line, problem: error });
      else if (!isVerdict(ours))
        skipped.push({ line, field: 'verdict', problem: `"${ours}" is not a leadsift verdict` });
      else if (theirs === undefined) {
        skipped.push({
          line,
          field: humanColumn,
          problem: `"${fields[human] ?? ''}" is not a verdict (qualified/yes/accepted, not_qualified/no/rejected, needs_info/unknown)`,
        });
      } else
        pairs.push({
          line,
          leadsift: ours,
          human: theirs,
          reasons: reasons === -1 ? '' : (fields[reasons] ?? ''),
        });
    }
  }
  return { pairs, skipped };
};
