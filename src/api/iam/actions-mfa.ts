// The MFA device actions in the registry.
import type { Action } from '../action.ts';
import { CreateVirtualMFADevice } from './create-virtual-mfa-device.ts';
import { DeactivateMFADevice } from './deactivate-mfa-device.ts';
import { DeleteVirtualMFADevice } from './delete-virtual-mfa-device.ts';
import { EnableMFADevice } from './enable-mfa-device.ts';
import { ListMFADevices } from './list-mfa-devices.ts';
import { ListVirtualMFADevices } from './list-virtual-mfa-devices.ts';
import { ResyncMFADevice } from './resync-mfa-device.ts';

export const mfaActions: Action[] = [
  CreateVirtualMFADevice,
  EnableMFADevice,
  ResyncMFADevice,
  DeactivateMFADevice,
  DeleteVirtualMFADevice,
  ListMFADevices,
  ListVirtualMFADevices,
];
