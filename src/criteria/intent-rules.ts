import { z } from 'zod';
import { ACTIVITY_TYPES } from '../domain/activity.js';
import { Points } from './fit-rules.js';

/**
 * Points for a behaviour event, optionally only for a named asset (`content_download` of the
 * "ROI calculator") or a URL containing some text, at most `cap` points in all.
 */
export const IntentRule = z
  .object({
    event: z.enum(ACTIVITY_TYPES, { error: `expected an event type: ${ACTIVITY_TYPES.join(', ')}` }),
    asset: z.string().min(1).optional(),
    urlContains: z.string().min(1).optional(),
    points: Points,
    cap: z.number().positive().optional(),
    /** How the reason names it: "Downloaded the ROI calculator". Defaults from the event. */
    label: z.string().min(1).optional(),
  })
  .strict();
export type IntentRule = z.output<typeof IntentRule>;

/**
 * Intent: what the lead did, each event worth its points halved every `halfLifeDays`, events
 * older than `windowDays` ignored. The score is capped at 100.
 */
export const IntentRules = z
  .object({
    halfLifeDays: z.number().positive().default(14),
    windowDays: z.number().positive().default(90),
    rules: z.array(IntentRule).default([]),
  })
  .strict();
export type IntentRules = z.output<typeof IntentRules>;
