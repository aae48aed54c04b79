// `tessera oidc issuer`: a local OpenID Connect test issuer (dev only) to try web identity
// federation without an identity provider. It prints its URL and how to mint a token.
import type { Command } from 'commander';
import { startTestIssuer, type TestIssuerAlgorithm } from '../federation/index.ts';

export function registerOidc(program: Command): void {
  const oidc = program.command('oidc').description('OpenID Connect federation tools (development only)');
  oidc
    .command('issuer')
    .description('Run a local OIDC test issuer on 127.0.0.1 that mints tokens with chosen claims (dev only)')
    .option('--port <port>', 'port to listen on (0 picks a free one)', '0')
    .option('--path <path>', 'path of the issuer URL, e.g. /ci', '')
    .option('--alg <alg>', 'signing algorithm: RS256 or ES256', 'RS256')
    .option('--sub <sub>', 'print one token for this subject at start')
    .option('--aud <aud>', 'audience of that token', 'sts.amazonaws.com')
    .action(async (flags: { port: string; path: string; alg: string; sub?: string; aud: string }) => {
      if (flags.alg !== 'RS256' && flags.alg !== 'ES256') throw new Error('--alg must be RS256 or ES256');
      const issuer = await startTestIssuer({
        port: Number(flags.port),
        path: flags.path,
        alg: flags.alg as TestIssuerAlgorithm,
      });
      console.log(`OIDC test issuer (dev only): ${issuer.url}`);
      console.log(`  discovery: ${issuer.url}/.well-known/openid-configuration`);
      console.log(
        `  mint a token: curl -s -X POST ${issuer.url}/token -d '{"sub":"repo:ORG/REPO:ref:refs/heads/main","aud":"sts.amazonaws.com"}'`,
      );
      console.log('Tessera accepts this plain-http issuer only when it runs with --dev.');
      if (flags.sub) console.log(await issuer.mint({ sub: flags.sub, aud: flags.aud }));
      const stop = () => void issuer.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
