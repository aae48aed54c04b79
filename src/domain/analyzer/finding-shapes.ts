// What an analyzer finds, before it is stored: its kind, the resource, and AWS's FindingDetails
// members (times as ISO 8601 text). `key` says which earlier finding a computation is the same one as.

export type AnalyzerFindingType =
  | 'ExternalAccess'
  | 'UnusedIAMRole'
  | 'UnusedIAMUserAccessKey'
  | 'UnusedIAMUserPassword'
  | 'UnusedPermission';

export type AnalyzedResourceType = 'AWS::IAM::Role' | 'AWS::IAM::User';

export interface ExternalAccessDetail {
  externalAccessDetails: {
    action: string[];
    condition: Record<string, string>;
    isPublic: boolean;
    principal: Record<string, string>;
    sources: { type: 'POLICY' }[];
  };
}

export type FindingDetail =
  | ExternalAccessDetail
  | { unusedIamRoleDetails: { lastAccessed?: string } }
  | { unusedIamUserAccessKeyDetails: { accessKeyId: string; lastAccessed?: string } }
  | { unusedIamUserPasswordDetails: { lastAccessed?: string } }
  | {
      unusedPermissionDetails: {
        serviceNamespace: string;
        lastAccessed?: string;
        actions?: { action: string; lastAccessed?: string }[];
      };
    };

export interface ComputedFinding {
  /** Stable for the same (kind, resource, principal or key). */
  key: string;
  findingType: AnalyzerFindingType;
  resource: string;
  resourceType: AnalyzedResourceType;
  resourceOwnerAccount: string;
  details: FindingDetail[];
}
