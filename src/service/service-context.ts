import type { StoreHandle } from '../adapters/storage/open-store.js';
import type { ChannelRuntime } from '../channels/converse/channel-runtime.js';
import type { Clock } from '../domain/clock.js';
import type { ActionsFunction, QualifiedLead, RouteFunction } from '../pipeline/qualify-jobs.js';
import type { ActiveSetup } from './active-setup.js';
import type { Authenticator } from './authenticate.js';
import type { JobWaiter } from './job-waiter.js';

/** What the routes share: the store, the active setup, the waiter, and how to wake the worker. */
export interface ServiceContext {
  readonly clock: Clock;
  readonly store: StoreHandle;
  readonly setup: ActiveSetup;
  readonly waiter: JobWaiter<QualifiedLead>;
  readonly authenticate: Authenticator;
  /** The actions a route takes (used when a review is accepted). */
  readonly actions: ActionsFunction;
  /** How a decision is routed (used when a review is overridden). */
  readonly route: RouteFunction;
  /** The first job of an accepted lead: `enrich` when providers are configured, else `qualify`. */
  readonly firstJob: string;
  /**
   * Tell the worker jobs of these kinds are waiting (every kind when not said; a no-op when
   * workers run elsewhere: they poll).
   */
  readonly wake: (kinds?: readonly string[]) => void;
  /** Country assumed for phone numbers without a country code. */
  readonly defaultCountry?: string;
  /** Conversations over chat, email and SMS, when a conversations file is given. */
  readonly channels?: ChannelRuntime;
  readonly limits: {
    /** Most leads (events, outcomes) in one request. */
    readonly maxBatch: number;
    /** Longest `?wait=true` before answering 202 with the lead still queued. */
    readonly waitTimeoutMs: number;
  };
}
