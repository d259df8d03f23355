import type { ChannelSetup } from '../channels/converse/channel-runtime.js';
import { baseDirOf } from '../channels/converse/channel-runtime.js';
import { loadChannelsConfig, resolveChannelSecrets } from '../channels/channels-config.js';

/**
 * Reads a conversations file and the secrets it names from `env`, once at start-up: a problem
 * in the file is CONFIG_INVALID at its line, an unset variable CONFIG_INVALID naming it.
 */
export const loadChannelSetup = async (
  path: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<ChannelSetup> => {
  const config = await loadChannelsConfig(path);
  return Object.freeze({ config, secrets: resolveChannelSecrets(config, env), baseDir: baseDirOf(path) });
};
