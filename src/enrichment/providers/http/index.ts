export { createHttpProvider, type HttpProviderOptions } from './create-http-provider.js';
export { HttpProviderConfig, type HttpProviderConfigInput } from './http-provider-config.js';
export { loadHttpProviderConfig, parseHttpProviderConfig } from './load-http-provider-config.js';
