// The policy editor's live validation: Access Analyzer's ValidatePolicy on the draft, asked again
// 400 ms after the typing stops; an answer for an older draft is dropped.
import { useEffect, useState } from 'react';
import { useCall } from '../use-api.ts';
import { validateInput, type EditorPolicyType, type Finding } from './findings.ts';

const DELAY_MS = 400;

export interface Validation {
  /** The findings for `checked`, the draft they were found in. */
  findings: readonly Finding[];
  checked: string | undefined;
  error?: unknown;
}

export function useFindings(draft: string, policyType: EditorPolicyType): Validation {
  const call = useCall();
  const [validation, setValidation] = useState<Validation>({ findings: [], checked: undefined });
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      call<{ findings: Finding[] }>(
        'accessanalyzer',
        'ValidatePolicy',
        validateInput(draft, policyType),
      ).then(
        (answer) => current && setValidation({ findings: answer.findings, checked: draft }),
        (error: unknown) => current && setValidation({ findings: [], checked: undefined, error }),
      );
    }, DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [call, draft, policyType]);
  return validation;
}
