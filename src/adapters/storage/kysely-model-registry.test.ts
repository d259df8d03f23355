import { beforeAll, expect, it } from 'vitest';
import { fixedClock } from '../../domain/clock.js';
import type { ModelDocument } from '../../scoring/model/model-document.js';
import { generateHistory, historyTable } from '../../scoring/model/test-support/generated-history.js';
import { trainModel } from '../../scoring/model/train-model.js';
import { describeStores } from '../../test-support/describe-stores.js';
import type { ModelsTable } from './kysely-model-registry.js';

let trained: ModelDocument;

beforeAll(() => {
  const table = historyTable(generateHistory({ rows: 400, seed: 5 }));
  trained = trainModel({ clock: fixedClock('2026-01-15T00:00:00Z') }, table, {
    kind: 'logistic',
    exclude: ['Notes'],
    criteria: 'criteria@abc123',
  }).document;
});

/** The trained model under another version and training time, as a second training would give. */
const variant = (version: string, createdAt: string): ModelDocument => ({ ...trained, version, createdAt });

describeStores('ModelRegistry', (t) => {
  it('saves a model once: saving the same version again reports it was already there', async () => {
    const models = t.store.models;
    expect(await models.saveModel(trained)).toEqual({ version: trained.version, created: true });
    expect(await models.saveModel(trained)).toEqual({ version: trained.version, created: false });
    expect(await models.listModels()).toHaveLength(1);
  });

  it('keeps the whole document and lists the figures read from it', async () => {
    await t.store.models.saveModel(trained);
    const stored = await t.store.models.getModel(trained.version);
    expect(stored.document).toStrictEqual(JSON.parse(JSON.stringify(trained)));
    expect(stored).toMatchObject({
      version: trained.version,
      kind: 'logistic',
      createdAt: '2026-01-15T00:00:00.000Z',
      rows: 400,
      positives: trained.training.positives,
      auc: trained.evaluation.auc,
      source: trained.training.source,
      criteria: 'criteria@abc123',
      active: false,
    });
    expect(stored.activatedAt).toBeUndefined();
  });

  it('lists models newest first, by training time then version', async () => {
    const models = t.store.models;
    await models.saveModel(variant('model@000000000002', '2026-02-01T00:00:00Z'));
    await models.saveModel(variant('model@000000000001', '2026-03-01T00:00:00Z'));
    await models.saveModel(variant('model@000000000003', '2026-02-01T00:00:00Z'));
    expect((await models.listModels()).map((m) => m.version)).toEqual([
      'model@000000000001',
      'model@000000000003',
      'model@000000000002',
    ]);
  });

  it('has no active model until a person activates one, and then exactly one', async () => {
    const store = await t.open({ clock: fixedClock('2026-04-01T10:00:00.000Z') });
    const models = store.models;
    await models.saveModel(variant('model@00000000000a', '2026-02-01T00:00:00Z'));
    await models.saveModel(variant('model@00000000000b', '2026-03-01T00:00:00Z'));
    expect(await models.activeModel()).toBeUndefined();

    expect(await models.activate('model@00000000000a')).toMatchObject({
      version: 'model@00000000000a',
      active: true,
      activatedAt: '2026-04-01T10:00:00.000Z',
    });
    await models.activate('model@00000000000b');
    expect((await models.activeModel())?.version).toBe('model@00000000000b');
    const listed = await models.listModels();
    expect(listed.filter((m) => m.active).map((m) => m.version)).toEqual(['model@00000000000b']);

    // Activating the active model again changes nothing.
    expect((await models.activate('model@00000000000b')).active).toBe(true);
    expect((await models.listModels()).filter((m) => m.active)).toHaveLength(1);
  });

  it('leaves exactly one active model when two writers activate different models at once', async () => {
    const other = await t.open();
    await t.store.models.saveModel(variant('model@0000000000c1', '2026-02-01T00:00:00Z'));
    await t.store.models.saveModel(variant('model@0000000000c2', '2026-02-02T00:00:00Z'));
    await Promise.all([
      t.store.models.activate('model@0000000000c1'),
      other.models.activate('model@0000000000c2'),
    ]);
    expect((await t.store.models.listModels()).filter((m) => m.active)).toHaveLength(1);
  });

  it('has the database itself refuse a second active model', async () => {
    await t.store.models.saveModel(variant('model@0000000000d1', '2026-02-01T00:00:00Z'));
    await t.store.models.saveModel(variant('model@0000000000d2', '2026-02-02T00:00:00Z'));
    await t.store.models.activate('model@0000000000d1');
    const db = t.store.db.withTables<{ models: ModelsTable }>();
    await expect(
      db.updateTable('models').set({ active: 1 }).where('version', '=', 'model@0000000000d2').execute(),
    ).rejects.toThrow(/unique|duplicate/i);
  });

  it('says NOT_FOUND for a version that was never saved, and keeps the active model', async () => {
    const models = t.store.models;
    await models.saveModel(trained);
    await models.activate(trained.version);
    await expect(models.getModel('model@ffffffffffff')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(models.activate('model@ffffffffffff')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('`leadsift models list`') as unknown,
    });
    expect((await models.activeModel())?.version).toBe(trained.version);
  });

  it('refuses a document that is not a usable model with MODEL_INVALID, storing nothing', async () => {
    const broken = { ...trained, kind: 'gbdt' } as ModelDocument;
    await expect(t.store.models.saveModel(broken)).rejects.toMatchObject({ code: 'MODEL_INVALID' });
    expect(await t.store.models.listModels()).toEqual([]);
  });
});
