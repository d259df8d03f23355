import type { DemoLeadHeader } from './demo-data.js';
import { createDemoLeadContext } from './generate-demo-data.js';
import type { DemoOptions } from './generate-demo-data.js';
import { generateDemoLead } from './generate-demo-lead.js';

/**
 * The lead rows of `generateDemoData(options)`, one at a time, without events, outcomes or the
 * rows before: memory stays at the companies (one per four leads) however many rows are asked.
 */
export function* demoLeadRows(
  options: DemoOptions,
): Generator<Record<DemoLeadHeader, string>, void, undefined> {
  const context = createDemoLeadContext(options);
  for (let index = 0; index < context.leads; index++) yield generateDemoLead(context, index).row;
}
