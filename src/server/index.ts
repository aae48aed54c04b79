// The server's public face: starting it, and what its commands and tests use of it.
export { startServer } from './app.ts';
export { describeFailure } from './request-log.ts';
export { TlsConfigError } from './tls.ts';
export { remoteMetadataSource, startImdsEndpoint } from './workload-credentials/imds-endpoint.ts';
export { instanceShape } from './workload-credentials/instance-shape.ts';
export { CONTAINER_CREDENTIALS_PREFIX } from './workload-credentials/routes.ts';
