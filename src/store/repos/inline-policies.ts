// PLACEHOLDER: replaced by the engineer who owns this repository.
import type { Db, RecordChange } from './db.ts';

export function inlinePolicyRepo(_db: Db, _record: RecordChange) {
  return {};
}
