import type { LlmTotals } from '../llm/index.js';
import { formatCount } from '../domain/format-count.js';
import type { DecisionDraft } from './decide-with-rules.js';

const pct = (part: number, whole: number): string =>
  whole === 0 ? '—' : `${((100 * part) / whole).toFixed(1)} %`;

/** Counts over the LLM's part in many decisions: opinions, failures, agreement, changes. */
export class LlmTally {
  opinions = 0;
  /** Failures by kind (`timeout`, `invalid_answer`, …). */
  readonly failures = new Map<string, number>();
  agrees = 0;
  changed = 0;
  /** Opinions compared with a model verdict, and how many of them agreed. */
  comparedWithModel = 0;
  agreesWithModel = 0;
  cached = 0;

  add(decision: DecisionDraft): void {
    const llm = decision.llm;
    if (llm === undefined) return;
    if (llm.error !== undefined) {
      this.failures.set(llm.error.kind, (this.failures.get(llm.error.kind) ?? 0) + 1);
      return;
    }
    this.opinions++;
    if (llm.agrees === true) this.agrees++;
    if (llm.effect === 'changed') this.changed++;
    if (llm.cached) this.cached++;
    if (llm.agreesWithModel !== undefined) {
      this.comparedWithModel++;
      if (llm.agreesWithModel) this.agreesWithModel++;
    }
  }

  /** The tally and the client's accounting as text for a terminal. */
  format(model: string, policy: string, totals: LlmTotals): string {
    const f = formatCount;
    const failed = [...this.failures.values()].reduce((a, b) => a + b, 0);
    const kinds = [...this.failures].map(([kind, n]) => `${kind} ${f(n)}`).join(', ');
    return [
      `LLM ${model} (policy ${policy}): ${f(this.opinions)} opinions, ${f(failed)} failed${kinds === '' ? '' : ` (${kinds})`}`,
      `  agrees with the verdict reached without it: ${f(this.agrees)} (${pct(this.agrees, this.opinions)}); verdicts it changed: ${f(this.changed)}`,
      ...(this.comparedWithModel === 0
        ? []
        : [
            `  agrees with the model's own verdict: ${f(this.agreesWithModel)} of ${f(this.comparedWithModel)} (${pct(this.agreesWithModel, this.comparedWithModel)})`,
          ]),
      `  calls ${f(totals.httpCalls)}, answers from the cache ${f(totals.cacheHits)}, tokens in ${f(totals.inputTokens)} / out ${f(totals.outputTokens)}${totals.costUsd === undefined ? '' : `, cost $${totals.costUsd.toFixed(4)}`}`,
    ].join('\n');
  }
}
