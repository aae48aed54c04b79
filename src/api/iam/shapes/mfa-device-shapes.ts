// AWS's MFADevice shape (ListMFADevices) and VirtualMFADevice shape (ListVirtualMFADevices; no seed,
// no tags).
import type { MFADevice, VirtualMFADevice } from '../../../protocol/index.ts';
import type { EnabledMfaDevice, MfaDeviceEntry } from '../../../domain/index.ts';
import { rootUserShape, userShape } from './user-shapes.ts';

/** A device enabled for a user (or the root), as ListMFADevices lists it. */
export function mfaDeviceShape({ row, userName }: EnabledMfaDevice): MFADevice {
  return {
    UserName: userName,
    SerialNumber: row.serial_number,
    EnableDate: new Date(row.enabled_at ?? row.created_at),
  };
}

/**
 * A device in AWS's VirtualMFADevice shape, as ListVirtualMFADevices gives it (no seed, no tags); the
 * root's device names the root as its User.
 */
export function virtualMfaDeviceShape(entry: MfaDeviceEntry): VirtualMFADevice {
  return {
    SerialNumber: entry.row.serial_number,
    ...(entry.user ? { User: userShape(entry.user) } : {}),
    ...(entry.root ? { User: rootUserShape(entry.root.account_id, entry.root.created_at) } : {}),
    ...(entry.row.enabled_at ? { EnableDate: new Date(entry.row.enabled_at) } : {}),
  };
}
