// IAM's centralized root access for an organization: ListOrganizationsFeatures, and Enable/Disable of
// its two features (RootCredentialsManagement, RootSessions), built from one table. Each answers with
// the organization's id and every feature enabled after the call.
import {
  defineAction,
  defineFamilyAction,
  type Action,
  type OperationName,
  type OperationOutput,
} from '../action.ts';
import {
  listRootFeatures,
  setRootFeature,
  type RootAccessFeature,
  type RootAccessFeatures,
} from '../../domain/index.ts';

/** The answer every one of these actions gives (their outputs have the same shape in AWS's model). */
type FeaturesResponse = OperationOutput<'iam', 'ListOrganizationsFeatures'>;

function featuresShape(f: RootAccessFeatures): FeaturesResponse {
  return { OrganizationId: f.organizationId, EnabledFeatures: f.enabledFeatures };
}

export const ListOrganizationsFeatures = defineAction({
  service: 'iam',
  name: 'ListOrganizationsFeatures',
  resource: () => '*',
  async handle(_input, ctx) {
    const features = await ctx.services.store.read((repos) => listRootFeatures(repos, ctx.accountId));
    return featuresShape(features);
  },
});

const SWITCHES: readonly {
  name: OperationName<'iam'>;
  feature: RootAccessFeature;
  enabled: boolean;
}[] = [
  {
    name: 'EnableOrganizationsRootCredentialsManagement',
    feature: 'RootCredentialsManagement',
    enabled: true,
  },
  {
    name: 'DisableOrganizationsRootCredentialsManagement',
    feature: 'RootCredentialsManagement',
    enabled: false,
  },
  { name: 'EnableOrganizationsRootSessions', feature: 'RootSessions', enabled: true },
  { name: 'DisableOrganizationsRootSessions', feature: 'RootSessions', enabled: false },
];

export const organizationsFeatureActions: readonly Action[] = SWITCHES.map((s) =>
  defineFamilyAction<'iam', Record<string, never>, FeaturesResponse>({
    service: 'iam',
    name: s.name,
    resource: () => '*',
    async handle(_input, ctx) {
      const features = await ctx.services.store.write(ctx.accountId, (repos) =>
        setRootFeature(repos, ctx.accountId, s.feature, s.enabled),
      );
      return featuresShape(features);
    },
  }),
);
