// `tessera instances run|list|terminate|imds`: named instances carrying an instance profile,
// managed directly in the store, and the IMDSv2 endpoint that serves one instance's credentials to
// the AWS SDKs (it runs in the foreground beside the workload and fetches the credentials from the
// server's container-credentials endpoint with the instance's secret).
import type { Command } from 'commander';
import { type Config, loadConfig } from '../config/index.ts';
import { listInstances, runInstance, terminateInstance } from '../domain/index.ts';
import { openStore } from '../store/index.ts';
import {
  remoteMetadataSource,
  startImdsEndpoint,
  instanceShape,
  CONTAINER_CREDENTIALS_PREFIX,
} from '../server/index.ts';

interface StoreFlags {
  dataDir?: string;
  databaseUrl?: string;
  accountId?: string;
}

const storeOptions = (cmd: Command) =>
  cmd
    .option('--account-id <id>', 'the account (default: the server default account) [TESSERA_ACCOUNT_ID]')
    .option('--data-dir <dir>', 'data directory [TESSERA_DATA_DIR]')
    .option('--database-url <url>', 'PostgreSQL URL [TESSERA_DATABASE_URL]');

function configFrom(flags: StoreFlags): Config {
  const given = Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined));
  return loadConfig(given);
}

/** The server's URL as a local workload reaches it (loopback, as the SDKs require for http). */
function localServerUrl(config: Config, override: string | undefined): string {
  if (override) return override.replace(/\/+$/, '');
  const host = ['0.0.0.0', '::', ''].includes(config.host) ? '127.0.0.1' : config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.port}`;
}

async function serveImds(serverUrl: string, instanceId: string, secret: string, port: string): Promise<void> {
  const imds = await startImdsEndpoint({
    source: remoteMetadataSource(serverUrl, instanceId, secret),
    port: Number(port),
  });
  console.log(`export AWS_EC2_METADATA_SERVICE_ENDPOINT=${imds.url}`);
  console.error(`IMDSv2 endpoint for ${instanceId} on ${imds.url} (Ctrl-C to stop)`);
  const stop = async () => {
    await imds.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

export function registerInstances(program: Command): void {
  const instances = program
    .command('instances')
    .description('Run named instances that get an instance profile’s role credentials (IMDSv2, container)');

  storeOptions(
    instances
      .command('run <name>')
      .description('Run an instance carrying an instance profile; prints the environment for its workload')
      .requiredOption('--profile <name>', 'the instance profile')
      .option('--imds-port <port>', 'also serve IMDSv2 for it on 127.0.0.1:PORT (0: any free port)')
      .option('--server-url <url>', 'the Tessera server as the workload reaches it'),
  ).action(
    async (name: string, flags: StoreFlags & { profile: string; imdsPort?: string; serverUrl?: string }) => {
      const config = configFrom({ dataDir: flags.dataDir, databaseUrl: flags.databaseUrl });
      const accountId = flags.accountId ?? config.accountId;
      const store = await openStore(config);
      let run;
      try {
        run = await store.write(accountId, (r) =>
          runInstance(r, accountId, { name, profileName: flags.profile }, new Date()),
        );
      } finally {
        await store.close();
      }
      const { view, secret } = run;
      const serverUrl = localServerUrl(config, flags.serverUrl);
      const id = view.instance.instance_id;
      console.error(
        `Instance ${id} (${name}) carries instance profile ${view.profile?.name}` +
          (view.role ? ` (role ${view.role.role_name})` : ' (no role yet)') +
          '. The authorization token is shown only now.',
      );
      console.log(
        `export AWS_CONTAINER_CREDENTIALS_FULL_URI=${serverUrl}${CONTAINER_CREDENTIALS_PREFIX}${id}`,
      );
      console.log(`export AWS_CONTAINER_AUTHORIZATION_TOKEN=${secret}`);
      if (flags.imdsPort !== undefined) await serveImds(serverUrl, id, secret, flags.imdsPort);
    },
  );

  instances
    .command('imds <instance-id>')
    .description(
      'Serve IMDSv2 on 127.0.0.1 for an instance (token from --token or AWS_CONTAINER_AUTHORIZATION_TOKEN)',
    )
    .option('--token <token>', 'the instance’s authorization token')
    .option('--imds-port <port>', 'the port on 127.0.0.1 (0: any free port)', '0')
    .option('--server-url <url>', 'the Tessera server as the workload reaches it')
    .option('--data-dir <dir>', 'data directory [TESSERA_DATA_DIR]')
    .action(
      async (
        instanceId: string,
        flags: { token?: string; imdsPort: string; serverUrl?: string; dataDir?: string },
      ) => {
        const secret = flags.token ?? process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN;
        if (!secret) throw new Error('give the instance’s authorization token with --token');
        const config = configFrom({ dataDir: flags.dataDir });
        await serveImds(localServerUrl(config, flags.serverUrl), instanceId, secret, flags.imdsPort);
      },
    );

  storeOptions(
    instances.command('list').description('List the instances of an account, as JSON lines'),
  ).action(async (flags: StoreFlags) => {
    const config = configFrom({ dataDir: flags.dataDir, databaseUrl: flags.databaseUrl });
    const accountId = flags.accountId ?? config.accountId;
    const store = await openStore(config);
    try {
      for (const v of await store.read((r) => listInstances(r, accountId)))
        console.log(JSON.stringify(instanceShape(v)));
    } finally {
      await store.close();
    }
  });

  storeOptions(
    instances
      .command('terminate <name-or-id>')
      .description('Terminate an instance: it gets no more credentials'),
  ).action(async (nameOrId: string, flags: StoreFlags) => {
    const config = configFrom({ dataDir: flags.dataDir, databaseUrl: flags.databaseUrl });
    const accountId = flags.accountId ?? config.accountId;
    const store = await openStore(config);
    try {
      const row = await store.write(accountId, (r) => terminateInstance(r, accountId, nameOrId));
      console.log(`Terminated ${row.instance_id} (${row.name}).`);
    } finally {
      await store.close();
    }
  });
}
