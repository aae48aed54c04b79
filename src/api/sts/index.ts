// Every STS action, for the registry.
import type { Action } from '../action.ts';
import { GetCallerIdentity } from './get-caller-identity.ts';

export const stsActions: Action[] = [GetCallerIdentity];
