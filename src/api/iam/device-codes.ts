// EnableMFADevice and ResyncMFADevice: both prove a device by two consecutive codes, counted against
// the device's lockout. The write commits even when the codes are refused, so that they stay counted;
// the refusal is thrown after it.
import type { ActionContext } from '../action.ts';
import {
  credentialLockout,
  lockoutPolicy,
  type enableMfaDevice,
  type resyncMfaDevice,
  invalidAuthenticationCode,
} from '../../domain/index.ts';

type DeviceCodeStep = typeof enableMfaDevice | typeof resyncMfaDevice;

export async function proveDeviceCodes(
  ctx: ActionContext,
  step: DeviceCodeStep,
  input: Parameters<DeviceCodeStep>[3],
): Promise<void> {
  const { services } = ctx;
  const accepted = await services.store.write(ctx.accountId, (repos) =>
    step(
      repos,
      services.sealer,
      ctx.accountId,
      input,
      ctx.now,
      credentialLockout(repos, ctx.accountId, lockoutPolicy(services), ctx.now),
    ),
  );
  if (!accepted) throw invalidAuthenticationCode();
}
