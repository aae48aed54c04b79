// The AWS Query protocol's response envelopes: <XResponse><XResult>…</XResult><ResponseMetadata>
// for success and <ErrorResponse><Error>…</Error><RequestId> for failure.
import type { AwsError } from '../errors.ts';
import { type ServiceModel, xmlNamespaceOf } from './service-model.ts';
import { encodeShape, escapeXml } from './xml-encode.ts';

export function successXml(
  model: ServiceModel,
  operation: string,
  output: unknown,
  requestId: string,
): string {
  const op = model.operations[operation]!;
  const ns = xmlNamespaceOf(model);
  const parts: string[] = [`<${operation}Response xmlns="${ns}">`];
  if (op.output) {
    const wrapper = op.resultWrapper ?? `${operation}Result`;
    parts.push(`<${wrapper}>`);
    encodeShape(model, op.output, output ?? {}, parts);
    parts.push(`</${wrapper}>`);
  }
  parts.push(
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`,
  );
  return parts.join('');
}

export function errorXml(namespace: string, error: AwsError, requestId: string): string {
  return (
    `<ErrorResponse xmlns="${namespace}"><Error><Type>${error.fault}</Type><Code>${error.code}</Code>` +
    `<Message>${escapeXml(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`
  );
}
