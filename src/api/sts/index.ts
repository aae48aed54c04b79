// Every STS action, for the registry.
import type { Action } from '../action.ts';
import { GetCallerIdentity } from './get-caller-identity.ts';

export const stsActions: Action[] = [GetCallerIdentity];

/** Actions every authenticated caller may perform without a policy allowing them. */
export const UNAUTHORIZED_ACTIONS = new Set(['sts:GetCallerIdentity']);
