// PLACEHOLDER: replaced by the engineer who owns these actions.
import type { Action } from '../action.ts';

export const groupActions: Action[] = [];
