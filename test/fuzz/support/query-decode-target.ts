// The Query decoder as a fuzz target: form bodies and query strings built from each IAM and STS
// operation's own parameter names (Tags.member.2.Key …), with valid-looking and hostile values and
// text edits, decoded by decodeParams, read by the operation's input shape and validated.
import fc from 'fast-check';
import { AwsError } from '../../../src/errors.ts';
import { readQueryInput, validateInput } from '../../../src/protocol/query-decode.ts';
import {
  type ServiceModel,
  type ServiceName,
  serviceModel,
  shapeOf,
} from '../../../src/protocol/service-model.ts';
import { decodeParams } from '../../../src/server/query-endpoint.ts';
import { describeThrown, expectShape, type FuzzTarget, UnexpectedFailure } from './fuzz-target.ts';
import { hostileString, mutatedText, randomUtf8 } from './mutations.ts';

export interface QueryDecodeInput {
  service: ServiceName;
  operation: string;
  query: string;
  contentType: string | undefined;
  body: string;
}

/** The parameter names an input shape reads, with list members 1 and 2, a few levels deep. */
export function parameterNames(model: ServiceModel, shapeName: string, prefix = '', depth = 0): string[] {
  const shape = shapeOf(model, shapeName);
  if (depth > 4) return [];
  switch (shape.type) {
    case 'structure':
      return Object.entries(shape.members ?? {}).flatMap(([name, ref]) =>
        parameterNames(
          model,
          ref.shape,
          `${prefix}${prefix ? '.' : ''}${ref.locationName ?? name}`,
          depth + 1,
        ),
      );
    case 'list': {
      const base = shape.flattened ? prefix : `${prefix}.${shape.member?.locationName ?? 'member'}`;
      return [
        prefix,
        ...[1, 2, 3].flatMap((i) => parameterNames(model, shape.member!.shape, `${base}.${i}`, depth + 1)),
      ];
    }
    case 'map':
      return [1, 2].flatMap((i) => [
        `${prefix}.entry.${i}.key`,
        ...parameterNames(model, shape.value!.shape, `${prefix}.entry.${i}.value`, depth + 1),
      ]);
    default:
      return [prefix];
  }
}

/** Values a member might get: well-formed for its type, or not. */
const value = fc.oneof(
  fc.constantFrom(
    'true',
    'false',
    '0',
    '1',
    '3600',
    '-5',
    '1.5',
    '2026-03-01T12:00:00Z',
    '1700000000',
    'AAAA',
    '/',
  ),
  fc.constantFrom(
    'arn:aws:iam::123456789012:role/r',
    'arn:aws:iam::aws:policy/ReadOnlyAccess',
    '{"Version":"2012-10-17","Statement":[]}',
    'user-1',
    'ReadOnlyAccess',
  ),
  hostileString,
);

const CONTENT_TYPES = [
  undefined,
  'application/x-www-form-urlencoded',
  'application/x-www-form-urlencoded; charset=utf-8',
  'text/plain',
  'application/json',
  '',
];

export const FORM_TOKENS = [
  '&',
  '=',
  '%',
  '%2',
  '%2E',
  '+',
  '.member.',
  '.1',
  '.0',
  '.entry.1.key',
  'Action=',
  'X-Amz-Date=',
  '&&',
  '==',
];

const enc = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return s; // a lone surrogate: sent as it is
  }
};

/** A form body for one of the service's operations: `Action=…` and parameters from its input shape. */
export function formFor(service: ServiceName): fc.Arbitrary<{ operation: string; form: string }> {
  const model = serviceModel(service);
  const operations = Object.keys(model.operations);
  return fc.constantFrom(...operations).chain((operation) => {
    const input = model.operations[operation]?.input;
    const names = input ? parameterNames(model, input) : [];
    const name = names.length
      ? fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...names) }, hostileString)
      : hostileString;
    return fc.array(fc.tuple(name, value), { maxLength: 12 }).map((pairs) => ({
      operation,
      form: [`Action=${operation}`, ...pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`)].join('&'),
    }));
  });
}

export const queryDecodeInputs: fc.Arbitrary<QueryDecodeInput> = fc
  .constantFrom<ServiceName>('iam', 'sts')
  .chain((service) =>
    fc.record({
      service: fc.constant(service),
      form: fc.oneof(
        { weight: 4, arbitrary: formFor(service) },
        {
          weight: 3,
          arbitrary: formFor(service).chain(({ operation, form }) =>
            mutatedText(fc.constant(form), FORM_TOKENS).map((f) => ({ operation, form: f })),
          ),
        },
        {
          weight: 1,
          arbitrary: fc
            .tuple(fc.constantFrom(...Object.keys(serviceModel(service).operations)), randomUtf8)
            .map(([operation, form]) => ({ operation, form })),
        },
      ),
      inQuery: fc.boolean(),
      contentType: fc.constantFrom(...CONTENT_TYPES),
      extraQuery: fc.oneof(
        fc.constant(''),
        fc.constantFrom(
          'X-Amz-Date=20260301T120000Z',
          'Version=2010-05-08',
          'Version=2011-06-15&Action=GetCallerIdentity',
        ),
        hostileString.map(enc),
      ),
    }),
  )
  .map(({ service, form, inQuery, contentType, extraQuery }) => ({
    service,
    operation: form.operation,
    query: inQuery ? `${form.form}&${extraQuery}` : extraQuery,
    contentType,
    body: inQuery ? '' : form.form,
  }));

const VALIDATION_MESSAGE = /^(\d+) validation errors? detected: Value/;

/** Decodes and validates one request; only a ValidationError in AWS's words may be thrown. */
export function runQueryDecode(input: QueryDecodeInput): { accepted: boolean; code?: string } {
  const model = serviceModel(input.service);
  const shape = model.operations[input.operation]?.input;
  try {
    const params = decodeParams(input.query, input.contentType, Buffer.from(input.body, 'utf8'));
    // X-Amz-* parameters of the query string are the signature's, never the action's
    const fromBody = new URLSearchParams(input.body);
    for (const k of params.keys())
      expectShape(!k.startsWith('X-Amz-') || fromBody.has(k), `query parameter ${k} kept`, input);
    if (!shape) return { accepted: true };
    validateInput(model, shape, readQueryInput(model, shape, params));
    return { accepted: true };
  } catch (err) {
    if (err instanceof UnexpectedFailure) throw err;
    if (!(err instanceof AwsError))
      throw new UnexpectedFailure(`threw ${describeThrown(err)}`, input, { cause: err });
    const m = VALIDATION_MESSAGE.exec(err.message);
    expectShape(
      err.code === 'ValidationError' && err.status === 400 && err.fault === 'Sender',
      `error ${err.code}/${err.status}`,
      input,
    );
    expectShape(m !== null, `ValidationError message ${JSON.stringify(err.message.slice(0, 120))}`, input);
    const listed = err.message.split(/; Value/).length;
    expectShape(Number(m![1]) === listed, `says ${m![1]} errors but lists ${listed}`, input);
    return { accepted: false, code: err.code };
  }
}

export function queryDecodeTarget(): FuzzTarget<QueryDecodeInput> {
  return {
    name: 'Query decoder (decodeParams, readQueryInput, validateInput)',
    inputs: queryDecodeInputs,
    run: runQueryDecode,
  };
}
