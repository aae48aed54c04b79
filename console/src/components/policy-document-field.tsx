// The one field every policy document is typed into (new and inline policies, trust policies, new
// policy versions): the policy editor, with its JSON highlighted and Access Analyzer's findings for
// the draft marked as it is typed; `policyType` tells the validator which kind of policy to check.
import type { EditorPolicyType } from '../policy-editor/findings.ts';
import { PolicyEditor } from './policy-editor.tsx';

export type PolicyType = EditorPolicyType;

export interface PolicyDocumentFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  policyType: PolicyType;
  id?: string;
}

export function PolicyDocumentField(props: PolicyDocumentFieldProps) {
  return <PolicyEditor {...props} />;
}
