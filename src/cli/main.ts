// The `tessera` command line.
import { Command } from 'commander';
import { registerAccounts } from './accounts-command.ts';
import { registerInstances } from './instances-command.ts';
import { registerKeys } from './keys-command.ts';
import { registerOidc } from './oidc-command.ts';
import { registerRoles } from './roles-command.ts';
import { registerSaml } from './saml-command.ts';
import { registerServe } from './serve-command.ts';
import { registerSimulate } from './simulate-command.ts';

const program = new Command('tessera').description('Self-hosted, AWS-compatible IAM and STS');
registerServe(program);
registerAccounts(program);
registerKeys(program);
registerSimulate(program);
registerInstances(program);
registerOidc(program);
registerRoles(program);
registerSaml(program);
await program.parseAsync(process.argv);
