// The `tessera` command line.
import { Command } from 'commander';
import { registerAccounts } from './accounts-command.ts';
import { registerKeys } from './keys-command.ts';
import { registerServe } from './serve-command.ts';

const program = new Command('tessera').description('Self-hosted, AWS-compatible IAM and STS');
registerServe(program);
registerAccounts(program);
registerKeys(program);
await program.parseAsync(process.argv);
