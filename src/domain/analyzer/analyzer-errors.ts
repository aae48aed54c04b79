// IAM Access Analyzer's errors as its model shapes them: ResourceNotFoundException, ConflictException
// and ServiceQuotaExceededException name the resource; ValidationException names its reason.
import { AwsError } from '../../errors.ts';

export const ANALYZER_RESOURCE = 'AWS::AccessAnalyzer::Analyzer';
export const ARCHIVE_RULE_RESOURCE = 'AWS::AccessAnalyzer::ArchiveRule';
export const FINDING_RESOURCE = 'AWS::AccessAnalyzer::Finding';

export function resourceNotFound(message: string, resourceId: string, resourceType: string): AwsError {
  return new AwsError('ResourceNotFoundException', message, { fields: { resourceId, resourceType } });
}

export function conflict(message: string, resourceId: string, resourceType: string): AwsError {
  return new AwsError('ConflictException', message, { fields: { resourceId, resourceType } });
}

export function quotaExceeded(message: string, resourceId: string, resourceType: string): AwsError {
  return new AwsError('ServiceQuotaExceededException', message, { fields: { resourceId, resourceType } });
}

export function analyzerValidation(
  message: string,
  reason: 'fieldValidationFailed' | 'notSupported' | 'other' = 'fieldValidationFailed',
): AwsError {
  return new AwsError('ValidationError', message, { fields: { reason } });
}

export const analyzerNotFound = (name: string) =>
  resourceNotFound(`Analyzer ${name} not found.`, name, ANALYZER_RESOURCE);
