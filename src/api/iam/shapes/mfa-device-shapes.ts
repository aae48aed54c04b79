// AWS's MFADevice shape (ListMFADevices) and VirtualMFADevice shape (ListVirtualMFADevices; no seed,
// no tags).
import type { MFADevice, VirtualMFADevice } from '../../../protocol/index.ts';
import type { EnabledMfaDevice, MfaDeviceEntry } from '../../../domain/index.ts';
import { userShape } from './user-shapes.ts';

/** A device enabled for a user, as ListMFADevices lists it. */
export function mfaDeviceShape({ row, user }: EnabledMfaDevice): MFADevice {
  return {
    UserName: user.user_name,
    SerialNumber: row.serial_number,
    EnableDate: new Date(row.enabled_at ?? row.created_at),
  };
}

/** A device in AWS's VirtualMFADevice shape, as ListVirtualMFADevices gives it (no seed, no tags). */
export function virtualMfaDeviceShape(entry: MfaDeviceEntry): VirtualMFADevice {
  return {
    SerialNumber: entry.row.serial_number,
    ...(entry.user ? { User: userShape(entry.user) } : {}),
    ...(entry.row.enabled_at ? { EnableDate: new Date(entry.row.enabled_at) } : {}),
  };
}
