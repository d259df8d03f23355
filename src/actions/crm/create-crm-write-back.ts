import type { ResolvedCrm } from '../resolve-actions-config.js';
import type { CrmDeps, CrmWriteBack } from './crm-write-back.js';
import { createHubSpotWriteBack } from './hubspot/create-hubspot-write-back.js';
import { createSalesforceWriteBack } from './salesforce/create-salesforce-write-back.js';

/** The write-back for the CRM an actions file configures. */
export const createCrmWriteBack = (crm: ResolvedCrm, deps: CrmDeps): CrmWriteBack =>
  crm.kind === 'hubspot'
    ? createHubSpotWriteBack({ baseUrl: crm.baseUrl, token: crm.token, timeoutMs: crm.timeoutMs }, deps)
    : createSalesforceWriteBack(
        {
          loginUrl: crm.loginUrl,
          clientId: crm.clientId,
          clientSecret: crm.clientSecret,
          apiVersion: crm.apiVersion,
          externalIdField: crm.externalIdField,
          timeoutMs: crm.timeoutMs,
        },
        deps,
      );
