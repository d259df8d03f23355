import { openStore, type StoreHandle } from './adapters/storage/open-store.js';
import type { Config } from './config.js';
import { systemClock, type Clock } from './domain/clock.js';

/** The adapters wired for one process: the clock and, once opened, the store. */
export interface Container {
  readonly config: Config;
  readonly clock: Clock;
  /** Open the configured database (migrating it) on first use; later calls share it. */
  store(): Promise<StoreHandle>;
  close(): Promise<void>;
}

/** Wire adapters from the validated config. Nothing is opened until a command needs it. */
export const createContainer = (config: Config, clock: Clock = systemClock): Container => {
  let store: Promise<StoreHandle> | undefined;
  return {
    config,
    clock,
    store: () => (store ??= openStore({ databaseUrl: config.databaseUrl }, { clock })),
    close: async () => {
      if (store !== undefined) await (await store).close();
    },
  };
};
