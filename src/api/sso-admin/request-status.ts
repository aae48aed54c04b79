// The six status operations of Identity Center's asynchronous requests, from one table: Describe…
// reads one request of its kind by id, List… the instance's requests of that kind (oldest first),
// optionally those of one status.
import { defineFamilyAction, type Action } from '../action.ts';
import { ssoAdminError } from '../../domain/index.ts';
import type { OperationName } from '../action.ts';
import type { IdcRequestRow } from '../../store/index.ts';
import {
  assignmentStatusShape,
  page,
  provisioningStatusShape,
  readInstance,
  withSsoResources,
} from './sso-admin-scope.ts';

interface StatusKind {
  kind: IdcRequestRow['kind'];
  describe: OperationName<'sso-admin'>;
  list: OperationName<'sso-admin'>;
  /** The request member naming the request id in Describe…. */
  idMember: string;
  /** The response member of Describe… and of List…. */
  one: string;
  many: string;
  shape(row: IdcRequestRow): object;
}

const KINDS: readonly StatusKind[] = [
  {
    kind: 'ASSIGNMENT_CREATION',
    describe: 'DescribeAccountAssignmentCreationStatus',
    list: 'ListAccountAssignmentCreationStatus',
    idMember: 'AccountAssignmentCreationRequestId',
    one: 'AccountAssignmentCreationStatus',
    many: 'AccountAssignmentsCreationStatus',
    shape: assignmentStatusShape,
  },
  {
    kind: 'ASSIGNMENT_DELETION',
    describe: 'DescribeAccountAssignmentDeletionStatus',
    list: 'ListAccountAssignmentDeletionStatus',
    idMember: 'AccountAssignmentDeletionRequestId',
    one: 'AccountAssignmentDeletionStatus',
    many: 'AccountAssignmentsDeletionStatus',
    shape: assignmentStatusShape,
  },
  {
    kind: 'PERMISSION_SET_PROVISIONING',
    describe: 'DescribePermissionSetProvisioningStatus',
    list: 'ListPermissionSetProvisioningStatus',
    idMember: 'ProvisionPermissionSetRequestId',
    one: 'PermissionSetProvisioningStatus',
    many: 'PermissionSetsProvisioningStatus',
    shape: provisioningStatusShape,
  },
];

interface DescribeInput {
  InstanceArn: string;
  [member: string]: unknown;
}
interface ListInput {
  InstanceArn: string;
  MaxResults?: number;
  NextToken?: string;
  Filter?: { Status?: string };
}

const metadata = (row: IdcRequestRow) => ({
  Status: row.status,
  RequestId: row.request_id,
  CreatedDate: new Date(row.created_at),
});

function actionsFor(k: StatusKind): Action[] {
  return [
    withSsoResources(
      defineFamilyAction<'sso-admin', DescribeInput, Record<string, object>>({
        service: 'sso-admin',
        name: k.describe,
        resource: () => '*',
        handle: (input, ctx) =>
          readInstance(ctx, input.InstanceArn, async (repos, instance) => {
            const id = input[k.idMember];
            const row = typeof id === 'string' ? await repos.idcAssignments.request(id) : undefined;
            if (!row || row.instance_arn !== instance.instance_arn || row.kind !== k.kind)
              throw ssoAdminError(
                'ResourceNotFoundException',
                `Could not find request with id ${String(id)}.`,
              );
            return { [k.one]: k.shape(row) };
          }),
      }),
      ['instance'],
    ),
    withSsoResources(
      defineFamilyAction<'sso-admin', ListInput, Record<string, unknown>>({
        service: 'sso-admin',
        name: k.list,
        resource: () => '*',
        async handle(input, ctx) {
          const rows = await readInstance(ctx, input.InstanceArn, (repos, instance) =>
            repos.idcAssignments.requests(instance.instance_arn, k.kind),
          );
          const status = input.Filter?.Status;
          const matching = rows.filter((r) => status === undefined || r.status === status);
          const { items, nextToken } = page(matching, input.NextToken, input.MaxResults);
          return { [k.many]: items.map(metadata), ...(nextToken ? { NextToken: nextToken } : {}) };
        },
      }),
      ['instance'],
    ),
  ];
}

/** Describe… and List… for assignment creation, assignment deletion and permission set provisioning. */
export const requestStatusActions: Action[] = KINDS.flatMap(actionsFor);
