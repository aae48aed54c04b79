// AWS's shape of a signing certificate (UploadSigningCertificate, ListSigningCertificates).
import type { SigningCertificate } from '../../../protocol/index.ts';
import type { SigningCertificateRow } from '../../../store/index.ts';
import type { KeyOwner } from '../../../domain/index.ts';

/** A certificate of `owner` (the account id names the root, as for access keys). */
export function signingCertificateShape(owner: KeyOwner, row: SigningCertificateRow): SigningCertificate {
  return {
    UserName: owner.userName,
    CertificateId: row.certificate_id,
    CertificateBody: row.certificate_body,
    Status: row.status,
    UploadDate: new Date(row.uploaded_at),
  };
}
