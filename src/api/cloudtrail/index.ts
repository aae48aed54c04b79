// Every CloudTrail action Tessera serves, for the registry: reading the audit trail.
import type { Action } from '../action.ts';
import { LookupEvents } from './lookup-events.ts';

export const cloudtrailActions: readonly Action[] = [LookupEvents];
