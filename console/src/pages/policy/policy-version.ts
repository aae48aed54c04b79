// One version of a managed policy as the console reads it: GetPolicyVersion's document, decoded and
// pretty-printed.
import { useCallback } from 'react';
import { readableDocument } from '../../policy-document.ts';
import { useCall, useLoad, type Loaded } from '../../use-api.ts';

export function usePolicyVersion(policyArn: string, versionId: string | undefined): Loaded<string> {
  const call = useCall();
  return useLoad(
    useCallback(
      () =>
        versionId === undefined
          ? Promise.resolve('')
          : call<{ PolicyVersion: { Document?: string } }>('iam', 'GetPolicyVersion', {
              PolicyArn: policyArn,
              VersionId: versionId,
            }).then((answer) => readableDocument(answer.PolicyVersion.Document)),
      [call, policyArn, versionId],
    ),
  );
}
