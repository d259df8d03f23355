import { readRecords } from '../intake/read/read-records.js';

/** Every record of a CSV/TSV/JSON(L) file as an object keyed by its header (empty for missing fields). */
export const readRows = async (path: string): Promise<Record<string, string>[]> => {
  const source = await readRecords(path);
  const rows: Record<string, string>[] = [];
  for await (const batch of source.batches)
    for (const { fields } of batch)
      rows.push(Object.fromEntries(source.header.map((h, i) => [h, fields[i] ?? ''])));
  return rows;
};
