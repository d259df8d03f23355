import type { Ruleset } from '../../criteria/load-criteria.js';

/**
 * The rules of a ruleset as short text for the prompt: fit points, hard disqualifiers and
 * required facts, written by the team (trusted), beside the plain-language ICP.
 */
export const criteriaSummary = (ruleset: Ruleset): string =>
  [
    `Playbook: ${ruleset.playbook}${ruleset.description === undefined ? '' : ` — ${ruleset.description}`}`,
    `Fit rules (points out of 100): ${JSON.stringify(ruleset.fit)}`,
    `Intent rules (points, halving every ${ruleset.intent.halfLifeDays} days): ${JSON.stringify(ruleset.intent.rules)}`,
    `Hard disqualifiers: ${JSON.stringify(ruleset.disqualifiers)}`,
    `Required facts: ${ruleset.required.map((r) => r.fact).join(', ') || 'none'}`,
  ].join('\n');
