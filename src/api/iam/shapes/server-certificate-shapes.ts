// AWS's ServerCertificateMetadata and ServerCertificate shapes: never the private key.
import type { ServerCertificate, ServerCertificateMetadata } from '../../../protocol/index.ts';
import type { ServerCertificateRow } from '../../../store/index.ts';
import type { Tag } from '../../../domain/index.ts';

/** A certificate's metadata, as UploadServerCertificate and ListServerCertificates give it. */
export function serverCertificateMetadataShape(row: ServerCertificateRow): ServerCertificateMetadata {
  return {
    Path: row.path,
    ServerCertificateName: row.name,
    ServerCertificateId: row.server_certificate_id,
    Arn: row.arn,
    UploadDate: new Date(row.uploaded_at),
    Expiration: new Date(row.expires_at),
  };
}

/** A certificate with its body, chain and tags, as GetServerCertificate gives it. */
export function serverCertificateShape(row: ServerCertificateRow, tags: readonly Tag[]): ServerCertificate {
  return {
    ServerCertificateMetadata: serverCertificateMetadataShape(row),
    CertificateBody: row.certificate_body,
    ...(row.certificate_chain !== null ? { CertificateChain: row.certificate_chain } : {}),
    ...(tags.length ? { Tags: [...tags] } : {}),
  };
}
