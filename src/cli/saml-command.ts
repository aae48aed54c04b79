// `tessera saml idp` (development only): a local SAML identity provider to try AssumeRoleWithSAML
// without a real IdP. Its key and self-signed certificate live in a directory (made with openssl on
// first use); `metadata` prints the IdP metadata to upload with CreateSAMLProvider, `assertion`
// prints a signed base64 SAMLResponse for the attributes given.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { generateDevIdp, idpMetadataXml, signedSamlResponse, type DevIdp } from '../federation/index.ts';

const DEFAULT_ENTITY_ID = 'https://idp.tessera.localhost/saml';

interface IdpFlags {
  dir: string;
  entityId: string;
}

/** The IdP kept in `dir` (key.pem, cert.pem), created there on first use. */
function loadIdp(flags: IdpFlags): DevIdp {
  const keyFile = path.join(flags.dir, 'key.pem');
  const certFile = path.join(flags.dir, 'cert.pem');
  if (!existsSync(keyFile) || !existsSync(certFile)) {
    const idp = generateDevIdp(flags.entityId);
    mkdirSync(flags.dir, { recursive: true, mode: 0o700 });
    writeFileSync(keyFile, idp.privateKeyPem, { mode: 0o600 });
    writeFileSync(certFile, idp.certificatePem);
    console.error(`Created a dev IdP key and certificate in ${flags.dir}`);
    return idp;
  }
  return {
    entityId: flags.entityId,
    privateKeyPem: readFileSync(keyFile, 'utf8'),
    certificatePem: readFileSync(certFile, 'utf8'),
  };
}

const collect = (value: string, previous: string[]) => [...previous, value];

function keyValue(text: string, what: string): [string, string] {
  const i = text.indexOf('=');
  if (i <= 0) throw new Error(`${what} must be KEY=VALUE: ${text}`);
  return [text.slice(0, i), text.slice(i + 1)];
}

export function registerSaml(program: Command): void {
  const saml = program.command('saml').description('SAML 2.0 federation tools (development only)');
  const idp = saml
    .command('idp')
    .description('A local SAML IdP that signs test assertions with a local key (dev only, never production)')
    .option('--dir <dir>', 'where the IdP key and certificate are kept', 'tessera-saml-idp')
    .option('--entity-id <url>', 'the IdP entityID (the Issuer of its assertions)', DEFAULT_ENTITY_ID);

  idp
    .command('metadata')
    .description('Print the IdP metadata XML, for CreateSAMLProvider --saml-metadata-document')
    .action(() => {
      console.log(idpMetadataXml(loadIdp(idp.opts<IdpFlags>())));
    });

  idp
    .command('assertion')
    .description('Print a signed base64 SAMLResponse, for AssumeRoleWithSAML --saml-assertion')
    .requiredOption('--role <roleArn,providerArn>', 'a Role attribute value (repeatable)', collect, [])
    .requiredOption('--subject <nameId>', 'the NameID of the subject')
    .option('--session-name <name>', 'the RoleSessionName attribute (defaults to the subject)')
    .option(
      '--subject-format <uri>',
      'the NameID Format',
      'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
    )
    .option('--session-duration <seconds>', 'the SessionDuration attribute')
    .option('--tag <key=value>', 'a PrincipalTag attribute (repeatable)', collect, [])
    .option('--transitive-tag-key <key>', 'a TransitiveTagKeys value (repeatable)', collect, [])
    .option('--source-identity <value>', 'the SourceIdentity attribute')
    .option('--attribute <name=value>', 'any other attribute (repeatable)', collect, [])
    .option('--lifetime <seconds>', 'how long the assertion is valid', '300')
    .option('--sign <element>', 'what to sign: Assertion or Response', 'Assertion')
    .action(
      (flags: {
        role: string[];
        subject: string;
        sessionName?: string;
        subjectFormat: string;
        sessionDuration?: string;
        tag: string[];
        transitiveTagKey: string[];
        sourceIdentity?: string;
        attribute: string[];
        lifetime: string;
        sign: string;
      }) => {
        if (flags.sign !== 'Assertion' && flags.sign !== 'Response')
          throw new Error('--sign must be Assertion or Response');
        const roles = flags.role.map((r) => {
          const [roleArn, providerArn] = r.split(',').map((s) => s.trim());
          if (!roleArn || !providerArn) throw new Error(`--role must be roleArn,providerArn: ${r}`);
          return { roleArn, providerArn };
        });
        const attributes: Record<string, string[]> = {};
        for (const a of flags.attribute) {
          const [k, v] = keyValue(a, '--attribute');
          (attributes[k] ??= []).push(v);
        }
        const xml64 = signedSamlResponse(
          loadIdp(idp.opts<IdpFlags>()),
          {
            roles,
            subject: flags.subject,
            subjectFormat: flags.subjectFormat,
            roleSessionName: flags.sessionName ?? flags.subject,
            ...(flags.sessionDuration ? { sessionDuration: Number(flags.sessionDuration) } : {}),
            principalTags: Object.fromEntries(flags.tag.map((t) => keyValue(t, '--tag'))),
            transitiveTagKeys: flags.transitiveTagKey,
            ...(flags.sourceIdentity ? { sourceIdentity: flags.sourceIdentity } : {}),
            attributes,
            lifetimeSeconds: Number(flags.lifetime),
          },
          flags.sign,
        );
        console.log(xml64);
      },
    );
}
