// AWS's shapes of SSH public keys: SSHPublicKey (UploadSSHPublicKey, GetSSHPublicKey) and
// SSHPublicKeyMetadata (ListSSHPublicKeys).
import type { SSHPublicKey, SSHPublicKeyMetadata } from '../../../protocol/index.ts';
import type { SshPublicKeyRow } from '../../../store/index.ts';
import { encodeSshPublicKey, type KeyOwner, type SshKeyEncoding } from '../../../domain/index.ts';

/** A key of `owner` with its body in the encoding asked for. */
export function sshPublicKeyShape(
  owner: KeyOwner,
  row: SshPublicKeyRow,
  encoding: SshKeyEncoding,
): SSHPublicKey {
  return {
    UserName: owner.userName,
    SSHPublicKeyId: row.ssh_public_key_id,
    Fingerprint: row.fingerprint,
    SSHPublicKeyBody: encodeSshPublicKey(row, encoding),
    Status: row.status,
    UploadDate: new Date(row.uploaded_at),
  };
}

/** A key of `owner` as ListSSHPublicKeys lists it. */
export function sshPublicKeyMetadataShape(owner: KeyOwner, row: SshPublicKeyRow): SSHPublicKeyMetadata {
  return {
    UserName: owner.userName,
    SSHPublicKeyId: row.ssh_public_key_id,
    Status: row.status,
    UploadDate: new Date(row.uploaded_at),
  };
}
