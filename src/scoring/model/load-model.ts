import { z } from 'zod';
import { AppError } from '../../domain/app-error.js';
import { readDocumentFile } from '../../documents/read-document-file.js';
import { Calibration } from './calibrate/calibration.js';
import { planFeatures } from './features/feature-plan.js';
import { MODEL_FORMAT, type ModelDocument } from './model-document.js';
import { SerializedTree } from './serialize-tree.js';

const ColumnPlan = z.discriminatedUnion('kind', [
  z.object({ column: z.string(), kind: z.literal('numeric') }),
  z.object({ column: z.string(), kind: z.literal('boolean') }),
  z.object({ column: z.string(), kind: z.literal('categorical'), categories: z.array(z.string()) }),
  z.object({
    column: z.string(),
    kind: z.literal('date'),
    reference: z.number(),
    order: z.enum(['mdy', 'dmy']).optional(),
  }),
]);

const numbers = z.array(z.number());

/** What a model file must hold; the parts only reports read are checked loosely. */
const ModelFile = z.object({
  format: z.literal(MODEL_FORMAT),
  version: z.string().startsWith('model@'),
  createdAt: z.string(),
  kind: z.enum(['gbdt', 'logistic']),
  label: z.object({ column: z.string(), positive: z.string().optional() }),
  plan: z.object({
    columns: z.array(ColumnPlan),
    dropped: z.array(z.object({ column: z.string(), reason: z.string() })),
  }),
  gbdt: z
    .object({ base: z.number(), trees: z.array(SerializedTree), options: z.record(z.string(), z.number()) })
    .optional(),
  logistic: z
    .looseObject({
      kind: z.literal('logistic'),
      intercept: z.number(),
      weights: numbers,
      columnMeans: numbers,
      columnFeature: numbers,
    })
    .optional(),
  calibration: Calibration,
  thresholds: z.object({ qualifyAt: z.number().min(0).max(1), rejectAt: z.number().min(0).max(1) }),
  training: z.looseObject({ source: z.string(), rowsUsed: z.number() }),
  evaluation: z.looseObject({ auc: z.number().nullable() }),
  importance: z.array(z.object({ name: z.string(), importance: z.number() })),
});

const invalid = (path: string, problem: string): AppError =>
  new AppError('MODEL_INVALID', {
    message: `${path}: not a usable leadsift model: ${problem}; train one with \`leadsift train\``,
    details: { file: path },
  });

/** Checks what the schema cannot: the model's part exists and its trees name real features. */
const checkConsistent = (path: string, doc: ModelDocument): void => {
  const width = planFeatures(doc.plan).length;
  if (doc.kind === 'gbdt' && doc.gbdt === undefined) throw invalid(path, 'kind is gbdt but it has no trees');
  if (doc.kind === 'logistic' && doc.logistic === undefined)
    throw invalid(path, 'kind is logistic but it has no weights');
  doc.gbdt?.trees.forEach((t, i) => {
    if (t.feature.some((f) => f >= width))
      throw invalid(path, `tree ${i} splits on a feature the plan does not have (${width} features)`);
    // Children come after their parent and inside the tree: no cycles, no dangling nodes.
    t.feature.forEach((f, n) => {
      if (f < 0) return;
      const kids = [t.left[n] as number, t.right[n] as number];
      if (kids.some((k) => !(k > n && k < t.feature.length)))
        throw invalid(
          path,
          `tree ${i} node ${n} has a child outside the tree or before it (${kids.join(', ')})`,
        );
    });
  });
  const lr = doc.logistic;
  if (lr !== undefined) {
    const columns = lr.columnFeature.length;
    if (lr.weights.length !== columns || lr.columnMeans.length !== columns)
      throw invalid(
        path,
        `the logistic model has ${lr.weights.length} weights and ${lr.columnMeans.length} means for ${columns} encoded columns`,
      );
    if (lr.features.length !== width || lr.encoding.length !== width)
      throw invalid(
        path,
        `the logistic model encodes ${lr.encoding.length} features but the plan has ${width}`,
      );
    if (lr.columnFeature.some((f) => f >= width))
      throw invalid(path, 'the logistic model maps a column to a feature the plan does not have');
  }
};

/** Parses model JSON text; `path` names it in errors. */
export const parseModel = (path: string, text: string): ModelDocument => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw invalid(path, `not JSON (${(error as Error).message})`);
  }
  const parsed = ModelFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(path, `${issue?.path.join('.') || 'the document'}: ${issue?.message ?? 'invalid'}`);
  }
  const doc = parsed.data as unknown as ModelDocument;
  checkConsistent(path, doc);
  return doc;
};

/** Reads and checks a model file written by `leadsift train`. */
export const loadModelFile = async (path: string): Promise<ModelDocument> =>
  parseModel(path, await readDocumentFile(path, 'model file'));
