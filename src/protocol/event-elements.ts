// An operation's input and output as CloudTrail records them (requestParameters, responseElements):
// walked by AWS's own model, member names in lower camel case, timestamps as CloudTrail writes them
// for IAM and STS, and every secret left out — the shapes AWS's model marks sensitive (passwords,
// secret keys, private keys, SAML assertions, web identity tokens) and the ones it does not mark but
// CloudTrail still never shows (session tokens, MFA codes).
import { eventElementDate } from '../audit/index.ts';
import { type ServiceModel, shapeOf } from './service-model.ts';

/** Shapes that hold a secret although the model does not mark them sensitive. */
const UNMARKED_SECRETS: ReadonlySet<string> = new Set([
  'tokenType', // STS Credentials.SessionToken
  'tokenCodeType', // STS TokenCode (an MFA code)
  'authenticationCodeType', // IAM AuthenticationCode1/2 (MFA codes)
  'tradeInTokenType',
]);

function isSecret(shapeName: string, sensitive: boolean | undefined): boolean {
  return sensitive === true || UNMARKED_SECRETS.has(shapeName);
}

/** `UserName` → `userName`, `SAMLProviderArn` → `sAMLProviderArn`, as CloudTrail writes member names. */
export function eventMemberName(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** A structure member CloudTrail may show: its name in the input or output, in the event, its shape. */
interface ShownMember {
  name: string;
  eventName: string;
  shape: string;
}

/** Each model's structures' shown members (secrets left out), worked out once per structure. */
const shownMembersByModel = new WeakMap<ServiceModel, Map<string, readonly ShownMember[]>>();

function shownMembers(model: ServiceModel, structure: string): readonly ShownMember[] {
  let byStructure = shownMembersByModel.get(model);
  if (byStructure === undefined) {
    byStructure = new Map();
    shownMembersByModel.set(model, byStructure);
  }
  let members = byStructure.get(structure);
  if (members === undefined) {
    members = Object.entries(shapeOf(model, structure).members ?? {})
      .filter(([, ref]) => !isSecret(ref.shape, shapeOf(model, ref.shape).sensitive))
      .map(([name, ref]) => ({ name, eventName: eventMemberName(name), shape: ref.shape }));
    byStructure.set(structure, members);
  }
  return members;
}

function convert(model: ServiceModel, shapeName: string, value: unknown): unknown {
  const shape = shapeOf(model, shapeName);
  switch (shape.type) {
    case 'structure': {
      const record = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const member of shownMembers(model, shapeName)) {
        const v = record[member.name];
        if (v === undefined || v === null) continue;
        out[member.eventName] = convert(model, member.shape, v);
      }
      return out;
    }
    case 'list':
      return (value as unknown[]).map((item) => convert(model, shape.member!.shape, item));
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>))
        out[k] = convert(model, shape.value!.shape, v);
      return out;
    }
    case 'timestamp':
      return eventElementDate(value instanceof Date ? value : new Date(value as string));
    case 'blob':
      return undefined;
    default:
      return isSecret(shapeName, shape.sensitive) ? undefined : value;
  }
}

/** The requestParameters of a call: its validated input, or null for a call that takes none. */
export function requestParametersOf(
  model: ServiceModel,
  operation: string,
  input: unknown,
): Record<string, unknown> | null {
  const shapeName = model.operations[operation]?.input;
  if (!shapeName || input === null || typeof input !== 'object') return null;
  const out = convert(model, shapeName, input) as Record<string, unknown>;
  return Object.keys(out).length > 0 ? out : null;
}

/** The responseElements of a call: its output, or null where it returns nothing. */
export function responseElementsOf(
  model: ServiceModel,
  operation: string,
  output: unknown,
): Record<string, unknown> | null {
  const shapeName = model.operations[operation]?.output;
  if (!shapeName || output === null || typeof output !== 'object') return null;
  const out = convert(model, shapeName, output) as Record<string, unknown>;
  return Object.keys(out).length > 0 ? out : null;
}
