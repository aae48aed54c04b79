// The edge families, in the order the graph asks them (a path search prefers earlier edges between
// the same principals): admin rights held, role assumption, passing a role to a service, policy
// edits, another user's credentials; and from admin, the take-over of a role.
import { adminRights } from './admin-rights.ts';
import { adminTakeover } from './admin-takeover.ts';
import { assumeRole } from './assume-role.ts';
import { credentials } from './credentials.ts';
import type { EdgeFamily } from './edge-family.ts';
import { passRole } from './pass-role.ts';
import { policyEdits } from './policy-edits.ts';

export type { EdgeContext, EdgeFamily, Source } from './edge-family.ts';
export { CODE_RUNNERS } from './pass-role.ts';
export { ADMINISTRATOR_ACCESS } from './policy-edits.ts';

export const EDGE_FAMILIES: readonly EdgeFamily[] = [
  adminRights,
  assumeRole,
  passRole,
  policyEdits,
  credentials,
  adminTakeover,
];
