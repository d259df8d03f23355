import { expect, it } from 'vitest';
import { describeStores } from '../../test-support/describe-stores.js';

describeStores('ImportLog', (t) => {
  it('records a run and every rejected row, and the counts add up', async () => {
    const log = t.store.imports;
    const runId = await log.startImport({ file: 'leads.csv', startedAt: '2026-01-01T00:00:00.000Z' });
    await log.addRejections(runId, [
      { line: 9, problem: 'no email and no external id', raw: { Name: 'Bo' } },
      { line: 4, field: 'email', problem: 'not an email address', raw: { Email: 'bo@' } },
      { line: 4, field: 'phone', problem: 'too short', raw: { Email: 'bo@' } },
    ]);
    const finish = {
      finishedAt: '2026-01-01T00:00:05.000Z',
      rowsIn: 10,
      accepted: 8,
      rejected: 2,
      created: 6,
      updated: 2,
    };
    const run = await log.finishImport(runId, finish);
    expect(run).toStrictEqual({
      id: runId,
      file: 'leads.csv',
      startedAt: '2026-01-01T00:00:00.000Z',
      ...finish,
    });
    expect(await log.getImportRun(runId)).toStrictEqual(run);
    const rejections = await log.listRejections(runId);
    expect(rejections.map((r) => [r.line, r.field])).toEqual([
      [4, 'email'],
      [4, 'phone'],
      [9, undefined],
    ]);
    expect(rejections[2]).toStrictEqual({
      line: 9,
      problem: 'no email and no external id',
      raw: { Name: 'Bo' },
    });
  });

  it('refuses to finish a run whose counts lose rows', async () => {
    const log = t.store.imports;
    const runId = await log.startImport({ file: 'leads.csv', startedAt: '2026-01-01T00:00:00.000Z' });
    await log.addRejections(runId, [{ line: 3, problem: 'empty row' }]);
    const counts = { finishedAt: '2026-01-01T00:00:01.000Z', created: 5, updated: 0 };
    await expect(log.finishImport(runId, { ...counts, rowsIn: 7, accepted: 5, rejected: 1 })).rejects.toThrow(
      /rowsIn 7 ≠ accepted 5 \+ rejected 1/,
    );
    await expect(log.finishImport(runId, { ...counts, rowsIn: 7, accepted: 5, rejected: 2 })).rejects.toThrow(
      /rejected 2 ≠ 1 distinct rejected lines/,
    );
    expect((await log.getImportRun(runId))?.finishedAt).toBeUndefined();
  });

  it('says NOT_FOUND when finishing a run that was never started', async () => {
    const finish = {
      finishedAt: '2026-01-01T00:00:00Z',
      rowsIn: 0,
      accepted: 0,
      rejected: 0,
      created: 0,
      updated: 0,
    };
    await expect(t.store.imports.finishImport('nope', finish)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
