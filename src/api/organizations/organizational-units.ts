// Organizational units: CreateOrganizationalUnit, DescribeOrganizationalUnit, UpdateOrganizationalUnit,
// DeleteOrganizationalUnit and ListOrganizationalUnitsForParent, each OU shown with its Path.
import { defineAction } from '../action.ts';
import {
  createOrganizationalUnit,
  deleteOrganizationalUnit,
  loadOrgTree,
  renameOrganizationalUnit,
  requireContainer,
  requireUnit,
} from '../../domain/index.ts';
import type { Org } from '../../protocol/index.ts';
import type { OrganizationRow, OrgUnitRow, ReadRepos } from '../../store/index.ts';
import { orgPage } from './org-paging.ts';
import { unitShape } from './org-shapes.ts';
import { readAsAdministrator, writeAsManagement } from './org-transactions.ts';

async function unitShapes(
  repos: ReadRepos,
  org: OrganizationRow,
  units: readonly OrgUnitRow[],
): Promise<Org.OrganizationalUnit[]> {
  const tree = await loadOrgTree(repos, org);
  return units.map((u) => unitShape(org, u, tree.pathOf(u.parent_id)));
}

export const CreateOrganizationalUnit = defineAction({
  service: 'organizations',
  name: 'CreateOrganizationalUnit',
  resource: () => '*',
  tagAction: 'organizations:TagResource',
  async handle(input, ctx) {
    const [unit] = await writeAsManagement(ctx, async (repos, org) =>
      unitShapes(repos, org, [await createOrganizationalUnit(repos, org, input, ctx.now)]),
    );
    return { OrganizationalUnit: unit! };
  },
});

export const DescribeOrganizationalUnit = defineAction({
  service: 'organizations',
  name: 'DescribeOrganizationalUnit',
  resource: () => '*',
  async handle(input, ctx) {
    const [unit] = await readAsAdministrator(ctx, 'DescribeOrganizationalUnit', async (repos, org) =>
      unitShapes(repos, org, [await requireUnit(repos, org, input.OrganizationalUnitId)]),
    );
    return { OrganizationalUnit: unit! };
  },
});

export const UpdateOrganizationalUnit = defineAction({
  service: 'organizations',
  name: 'UpdateOrganizationalUnit',
  resource: () => '*',
  async handle(input, ctx) {
    const [unit] = await writeAsManagement(ctx, async (repos, org) =>
      unitShapes(repos, org, [
        await renameOrganizationalUnit(repos, org, input.OrganizationalUnitId, input.Name),
      ]),
    );
    return { OrganizationalUnit: unit! };
  },
});

export const DeleteOrganizationalUnit = defineAction({
  service: 'organizations',
  name: 'DeleteOrganizationalUnit',
  resource: () => '*',
  async handle(input, ctx) {
    await writeAsManagement(ctx, (repos, org) =>
      deleteOrganizationalUnit(repos, org, input.OrganizationalUnitId),
    );
  },
});

export const ListOrganizationalUnitsForParent = defineAction({
  service: 'organizations',
  name: 'ListOrganizationalUnitsForParent',
  resource: () => '*',
  async handle(input, ctx) {
    const all = await readAsAdministrator(ctx, 'ListOrganizationalUnitsForParent', async (repos, org) => {
      await requireContainer(repos, org, input.ParentId);
      return unitShapes(repos, org, await repos.organizations.units(org.org_id, input.ParentId));
    });
    const { items, NextToken } = orgPage(all, input, 'ListOrganizationalUnitsForParent');
    return { OrganizationalUnits: items, ...(NextToken ? { NextToken } : {}) };
  },
});
