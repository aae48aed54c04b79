// The `tessera` command line. Each command's module (and what it imports) loads only when that
// command runs, so a `tessera accounts create` beside a server starts in a fraction of a second;
// `tessera --help` and unknown words load them all.
import { Command } from 'commander';

type Register = (program: Command) => void;

const COMMANDS: Record<string, () => Promise<Register>> = {
  serve: async () => (await import('./serve-command.ts')).registerServe,
  accounts: async () => (await import('./accounts-command.ts')).registerAccounts,
  keys: async () => (await import('./keys-command.ts')).registerKeys,
  simulate: async () => (await import('./simulate-command.ts')).registerSimulate,
  instances: async () => (await import('./instances-command.ts')).registerInstances,
  oidc: async () => (await import('./oidc-command.ts')).registerOidc,
  roles: async () => (await import('./roles-command.ts')).registerRoles,
  saml: async () => (await import('./saml-command.ts')).registerSaml,
  audit: async () => (await import('./audit-command.ts')).registerAudit,
  import: async () => (await import('./import-command.ts')).registerImport,
  advise: async () => (await import('./advise-command.ts')).registerAdvise,
  graph: async () => (await import('./graph-command.ts')).registerGraph,
  'identity-center': async () => (await import('./identity-center-command.ts')).registerIdentityCenter,
};

const program = new Command('tessera').description('Self-hosted, AWS-compatible IAM and STS');
const word = process.argv[2];
const chosen = word !== undefined && Object.hasOwn(COMMANDS, word) ? [word] : Object.keys(COMMANDS);
for (const name of chosen) (await COMMANDS[name]!())(program);
await program.parseAsync(process.argv);
