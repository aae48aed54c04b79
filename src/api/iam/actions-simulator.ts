// The policy simulator's actions in the registry.
import type { Action } from '../action.ts';
import { GetContextKeysForCustomPolicy } from './get-context-keys-for-custom-policy.ts';
import { GetContextKeysForPrincipalPolicy } from './get-context-keys-for-principal-policy.ts';
import { SimulateCustomPolicy } from './simulate-custom-policy.ts';
import { SimulatePrincipalPolicy } from './simulate-principal-policy.ts';

export const simulatorActions: Action[] = [
  SimulatePrincipalPolicy,
  SimulateCustomPolicy,
  GetContextKeysForPrincipalPolicy,
  GetContextKeysForCustomPolicy,
];
