import { ACTIVITY_TYPES, type ActivityType } from '../domain/activity.js';
import { readRecords } from '../intake/read/read-records.js';
import type { Rejection } from '../intake/intake-record.js';
import type { ActivityFacts } from './rules/score-intent.js';

/** Behaviour events by the lead they belong to (lower-cased email or external id). */
export interface EventIndex {
  readonly byRef: ReadonlyMap<string, ActivityFacts[]>;
  readonly count: number;
  readonly rejected: readonly Rejection[];
}

const REF_COLUMNS = ['lead_ref', 'email', 'lead_id', 'external_id'];

const isActivityType = (t: string): t is ActivityType => (ACTIVITY_TYPES as readonly string[]).includes(t);

/**
 * Read a file of behaviour events (CSV or JSONL) with columns `lead_ref` (or `email`, `lead_id`),
 * `type`, `occurred_at` and optionally `properties` (a JSON object); other columns become
 * properties. Held in memory, indexed by lead. A row with an unknown type, a bad time or bad
 * properties is rejected with its line and reason, never dropped silently.
 */
export const loadEvents = async (path: string): Promise<EventIndex> => {
  const source = await readRecords(path);
  const column = (name: string): number => source.header.findIndex((h) => h.trim().toLowerCase() === name);
  const ref = REF_COLUMNS.map(column).find((i) => i !== -1) ?? -1;
  const [type, occurred, props] = [column('type'), column('occurred_at'), column('properties')];
  const byRef = new Map<string, ActivityFacts[]>();
  const rejected: Rejection[] = [];
  let count = 0;
  for await (const batch of source.batches) {
    for (const { line, fields, error } of batch) {
      const reject = (problem: string, field?: string): void => {
        rejected.push(field === undefined ? { line, problem } : { line, field, problem });
      };
      if (error !== undefined) reject(error);
      else if (ref === -1 || !fields[ref])
        reject('no lead_ref or email to say whose event it is', 'lead_ref');
      else if (!isActivityType(fields[type] ?? ''))
        reject(
          `unknown event type "${fields[type] ?? ''}"; expected one of ${ACTIVITY_TYPES.join(', ')}`,
          'type',
        );
      else if (Number.isNaN(Date.parse(fields[occurred] ?? '')))
        reject(`"${fields[occurred] ?? ''}" is not a date and time`, 'occurred_at');
      else {
        let properties: Record<string, string | number | boolean> = {};
        try {
          properties =
            props === -1 || !fields[props] ? {} : (JSON.parse(fields[props]!) as typeof properties);
        } catch {
          reject('properties is not a JSON object', 'properties');
          continue;
        }
        source.header.forEach((name, i) => {
          if (![ref, type, occurred, props].includes(i) && fields[i]) properties[name] = fields[i]!;
        });
        const key = fields[ref]!.trim().toLowerCase();
        const list = byRef.get(key) ?? [];
        list.push({
          type: fields[type] as ActivityType,
          occurredAt: new Date(Date.parse(fields[occurred]!)).toISOString(),
          properties,
          source: path,
        });
        byRef.set(key, list);
        count++;
      }
    }
  }
  return { byRef, count, rejected };
};
