// AWS's Group shape from a group row.
import type { Group } from '../../../protocol/index.ts';
import type { GroupRow } from '../../../store/index.ts';

/** A group row in AWS's Group shape. */
export function groupShape(row: GroupRow): Group {
  return {
    Path: row.path,
    GroupName: row.group_name,
    GroupId: row.group_id,
    Arn: row.arn,
    CreateDate: new Date(row.created_at),
  };
}
