import type { Container } from '../../container.js';
import type { LoadedCriteria } from '../../criteria/load-criteria.js';
import { isAppError } from '../../domain/app-error.js';
import { formatCount } from '../../domain/format-count.js';
import { createModelRuntime, type ModelRuntime } from '../../scoring/model/model-runtime.js';
import { trainModel } from '../../scoring/model/train-model.js';
import { trainingFromStore } from '../../scoring/model/training-from-store.js';
import type { StoredDecision } from '../../scoring/qualify-stored-leads.js';
import { qualifyDemoAsArrived } from '../../demo/qualify-demo-as-arrived.js';
import { DecisionSummary } from '../../scoring/summarize-decisions.js';
import type { Output } from '../run-action.js';

/** The demo lets a model move verdicts only when it ranks this well on held-out leads… */
const TRUSTED_AUC = 0.7;
/** …and learned from at least this many. */
const TRUSTED_ROWS = 200;

/**
 * The demo's learning step: train a model on the stored leads' outcomes, keep it as the active
 * model, and qualify the leads again with it beside the rules. Returns the runtime, or undefined
 * (with the reason printed) when there are too few outcomes to learn from.
 */
export const learnFromDemoOutcomes = async (
  c: Container,
  output: Output,
): Promise<ModelRuntime | undefined> => {
  const store = await c.store();
  try {
    const table = await trainingFromStore({ leads: store.leads }, { source: 'the demo outcomes' });
    // A lead's age says how long it has had to be won, not whether it will be: a new lead is
    // always young. The demo leaves its created date out so the model learns from the lead.
    const { document } = trainModel({ clock: c.clock }, table, { exclude: ['Created Date'] });
    await store.models.saveModel(document);
    const e = document.evaluation;
    if ((e.auc ?? 0) < TRUSTED_AUC || document.training.rowsUsed < TRUSTED_ROWS) {
      output.out(
        `\nLearned from only ${formatCount(document.training.rowsUsed)} leads with an outcome: ${document.version} reaches a test AUC of ${e.auc?.toFixed(3) ?? 'n/a'} on ${formatCount(e.rows)} held-out leads, too weak to move verdicts; the rules decide alone until more outcomes arrive (saved, not activated).`,
      );
      return undefined;
    }
    await store.models.activate(document.version);
    output.out(
      `\nLearned from the ${formatCount(document.training.rowsUsed)} leads with an outcome (won vs lost or rejected): ${document.version}, ${document.kind === 'gbdt' ? 'gradient-boosted trees' : 'logistic regression'}, test AUC ${e.auc?.toFixed(3) ?? 'n/a'} on ${formatCount(e.rows)} held-out leads; saved as the active model. Strongest columns: ${document.importance
        .slice(0, 3)
        .map((i) => i.name)
        .join(', ')}.`,
    );
    return createModelRuntime(document);
  } catch (error) {
    if (!isAppError(error, 'INPUT_INVALID')) throw error;
    output.out(`\nNot enough outcomes to learn from yet: ${error.message}`);
    return undefined;
  }
};

/** Qualifies the stored leads with rules and model; prints how the model moved edge cases. */
export const qualifyWithModel = async (
  c: Container,
  criteria: LoadedCriteria,
  model: ModelRuntime,
  output: Output,
): Promise<StoredDecision | undefined> => {
  const store = await c.store();
  const summary = new DecisionSummary();
  let raised = 0;
  let lowered = 0;
  let disagree = 0;
  let example: StoredDecision | undefined;
  for await (const page of qualifyDemoAsArrived({ leads: store.leads }, criteria, model))
    for (const result of page) {
      const d = result.decision;
      summary.add(d);
      if (d.model?.effect === 'raised') raised++;
      if (d.model?.effect === 'lowered') lowered++;
      if (d.model?.agrees === false) disagree++;
      if (d.model?.effect !== 'none' && example === undefined) example = result;
    }
  output.out(
    `Qualified again with the model beside the rules: ${raised} edge cases raised to qualified, ${lowered} lowered; the model disagrees with ${disagree} other verdicts (shown in their reasons).`,
  );
  output.out(summary.format());
  return example;
};
