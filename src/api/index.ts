// The actions layer's public face: the registry the server dispatches from, and the action types.
export type { Action, ActionContext, Services } from './action.ts';
export { findAction } from './registry.ts';
