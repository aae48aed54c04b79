// PLACEHOLDER: the AWS managed policies present in every account; replaced by the policies owner.
import type { Store } from '../store/index.ts';

export async function seedAwsManagedPolicies(_store: Store, _now: Date): Promise<void> {}
