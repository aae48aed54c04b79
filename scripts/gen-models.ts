// Generates src/protocol/models/: AWS's own API models (from botocore's data) trimmed to what the
// server needs (operations, shapes and constraints), and TypeScript types for every shape.
// Run: node --import tsx scripts/gen-models.ts [service …]  (needs python3 with botocore, as the AWS CLI
// v1 has); with services named (e.g. `sso sso-oidc`), only their files are written.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';

interface RawShape {
  type: string;
  members?: Record<string, { shape: string; locationName?: string; location?: string }>;
  member?: { shape: string; locationName?: string };
  key?: { shape: string };
  value?: { shape: string };
  required?: string[];
  enum?: string[];
  error?: { code?: string; httpStatusCode?: number; senderFault?: boolean };
  exception?: boolean;
  min?: number;
  max?: number;
  pattern?: string;
  flattened?: boolean;
  sensitive?: boolean;
  timestampFormat?: string;
  /** A Smithy document: any JSON value. */
  document?: boolean;
}
interface RawOperation {
  http?: { method: string; requestUri: string; responseCode?: number };
  input?: { shape: string };
  output?: { shape: string; resultWrapper?: string };
  errors?: { shape: string }[];
}
interface RawModel {
  metadata: {
    apiVersion: string;
    xmlNamespace?: string;
    protocol: string;
    targetPrefix?: string;
    jsonVersion?: string;
  };
  operations: Record<string, RawOperation>;
  shapes: Record<string, RawShape>;
}

const botocore = execFileSync('python3', [
  '-c',
  'import botocore,os;print(os.path.dirname(botocore.__file__))',
])
  .toString()
  .trim();
const outDir = path.resolve(import.meta.dirname, '../src/protocol/models');

/** Each service: botocore's folder name, API version, and the prefix of its generated type names. */
const services: [string, string, string][] = [
  ['iam', '2010-05-08', 'Iam'],
  ['sts', '2011-06-15', 'Sts'],
  ['cloudtrail', '2013-11-01', 'CloudTrail'],
  ['organizations', '2016-11-28', 'Organizations'],
  ['accessanalyzer', '2019-11-01', 'AccessAnalyzer'],
  ['identitystore', '2020-06-15', 'IdentityStore'],
  ['sso-admin', '2020-07-20', 'SsoAdmin'],
  ['sso-oidc', '2019-06-10', 'SsoOidc'],
  ['sso', '2019-06-10', 'SsoPortal'],
];

const only = process.argv.slice(2);
const unknown = only.filter((name) => !services.some(([service]) => service === name));
if (unknown.length > 0) throw new Error(`unknown service(s): ${unknown.join(', ')}`);

function trimShape(s: RawShape): RawShape {
  const out: RawShape = { type: s.type };
  for (const k of [
    'min',
    'max',
    'pattern',
    'enum',
    'required',
    'flattened',
    'sensitive',
    'error',
    'timestampFormat',
    'document',
  ] as const) {
    if (s[k] !== undefined) (out as unknown as Record<string, unknown>)[k] = s[k];
  }
  if (s.members) {
    out.members = Object.fromEntries(
      Object.entries(s.members).map(([n, m]) => [
        n,
        {
          shape: m.shape,
          ...(m.locationName ? { locationName: m.locationName } : {}),
          // REST protocols: where the member travels (uri, querystring, header); absent for the body
          ...(m.location ? { location: m.location } : {}),
        },
      ]),
    );
  }
  if (s.member)
    out.member = s.member.locationName
      ? { shape: s.member.shape, locationName: s.member.locationName }
      : { shape: s.member.shape };
  if (s.key) out.key = { shape: s.key.shape };
  if (s.value) out.value = { shape: s.value.shape };
  return out;
}

function tsType(model: RawModel, name: string): string {
  const s = model.shapes[name]!;
  switch (s.type) {
    case 'string':
      return s.enum ? s.enum.map((e) => JSON.stringify(e)).join(' | ') : 'string';
    case 'integer':
    case 'long':
    case 'double':
    case 'float':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'timestamp':
      return 'Date';
    case 'blob':
      return 'Uint8Array';
    case 'list':
      return `${wrap(tsType(model, s.member!.shape))}[]`;
    case 'map':
      return `Record<string, ${tsType(model, s.value!.shape)}>`;
    case 'structure':
      return s.document ? 'unknown' : name;
    default:
      throw new Error(`unknown shape type ${s.type}`);
  }
}
const wrap = (t: string) => (t.includes('|') ? `(${t})` : t);

for (const [service, version, prefix] of services) {
  if (only.length > 0 && !only.includes(service)) continue;
  const file = path.join(botocore, 'data', service, version, 'service-2.json.gz');
  const model = JSON.parse(gunzipSync(readFileSync(file)).toString()) as RawModel;
  const trimmed = {
    metadata: {
      apiVersion: model.metadata.apiVersion,
      protocol: model.metadata.protocol,
      ...(model.metadata.xmlNamespace ? { xmlNamespace: model.metadata.xmlNamespace } : {}),
      ...(model.metadata.targetPrefix ? { targetPrefix: model.metadata.targetPrefix } : {}),
      ...(model.metadata.jsonVersion ? { jsonVersion: model.metadata.jsonVersion } : {}),
    },
    operations: Object.fromEntries(
      Object.entries(model.operations).map(([n, op]) => [
        n,
        {
          // REST protocols route by method and URI template
          ...(model.metadata.protocol === 'rest-json' && op.http
            ? {
                http: {
                  method: op.http.method,
                  requestUri: op.http.requestUri,
                  responseCode: op.http.responseCode ?? 200,
                },
              }
            : {}),
          ...(op.input ? { input: op.input.shape } : {}),
          ...(op.output ? { output: op.output.shape, resultWrapper: op.output.resultWrapper } : {}),
          errors: (op.errors ?? []).map((e) => e.shape),
        },
      ]),
    ),
    shapes: Object.fromEntries(Object.entries(model.shapes).map(([n, s]) => [n, trimShape(s)])),
  };
  writeFileSync(path.join(outDir, `${service}.json`), JSON.stringify(trimmed) + '\n');

  // AWS models structures without members, which become empty interfaces: the one thing the linter
  // refuses in a generated file, so the disable is written only into a file that has one
  const hasEmptyStructure = Object.values(model.shapes).some(
    (s) => s.type === 'structure' && Object.keys(s.members ?? {}).length === 0,
  );
  const lines = [
    `// Generated by scripts/gen-models.ts from AWS's ${service.toUpperCase()} API model (${version}); do not edit.`,
    ...(hasEmptyStructure ? ['/* eslint-disable */'] : []),
    '',
  ];
  for (const [name, s] of Object.entries(model.shapes)) {
    if (s.type !== 'structure') continue;
    const req = new Set(s.required ?? []);
    lines.push(`export interface ${name} {`);
    for (const [m, ref] of Object.entries(s.members ?? {})) {
      lines.push(`  ${m}${req.has(m) ? '' : '?'}: ${tsType(model, ref.shape)};`);
    }
    lines.push('}');
  }
  lines.push('');
  lines.push("/** Every operation: its input and output shapes, so an action's name fixes its types. */");
  lines.push(`export interface ${prefix}Operations {`);
  for (const [name, op] of Object.entries(model.operations)) {
    const input = op.input ? op.input.shape : 'Record<string, never>';
    // an operation without output answers an empty result: its handler returns nothing
    const output = op.output ? op.output.shape : 'void';
    lines.push(`  ${name}: { input: ${input}; output: ${output} };`);
  }
  lines.push('}');
  lines.push('');
  lines.push(`export type ${prefix}OperationName = keyof ${prefix}Operations;`);
  writeFileSync(path.join(outDir, `${service}-types.ts`), lines.join('\n') + '\n');
}
