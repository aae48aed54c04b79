// `tessera serve`: runs the server with options from flags and environment variables.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { OPTIONS, loadConfig } from '../config/index.ts';
import { startServer, describeFailure, TlsConfigError } from '../server/index.ts';

export function registerServe(program: Command): void {
  const cmd = program.command('serve').description('Run the Tessera IAM/STS server');
  for (const o of OPTIONS) {
    if (o.default === 'false') cmd.option(o.flag, `${o.description} [${o.env}]`);
    else cmd.option(`${o.flag} <value>`, `${o.description} [${o.env}, default ${o.default || 'unset'}]`);
  }
  cmd.action(async (flags: Record<string, string | boolean>) => {
    const config = loadConfig(flags);
    const server = await startServer(config).catch((err: unknown) => {
      // a certificate or key that cannot be used: one clear line, no stack trace
      if (!(err instanceof TlsConfigError)) throw err;
      console.error(`tessera serve: ${err.message}`);
      process.exit(1);
    });
    const backend = config.databaseUrl ? 'PostgreSQL' : `SQLite in ${config.dataDir}`;
    console.log(
      `Tessera listening on ${server.url} (IAM, STS, CloudTrail, Organizations and Access Analyzer, ${backend})`,
    );
    console.log(`Default account: ${config.accountId}`);
    console.log(`Web console: ${server.url}/console/`);
    if (server.tls?.selfSigned)
      console.log(
        `TLS: self-signed certificate ${server.tls.certFile}; clients trust it with --ca-bundle ${server.tls.certFile}`,
      );
    else if (server.tls) console.log(`TLS: certificate ${server.tls.certFile}, reloaded on SIGHUP`);
    if (config.rootAccessKeyId)
      console.log(`Root credentials: from TESSERA_ROOT_ACCESS_KEY_ID (${config.rootAccessKeyId})`);
    else if (server.rootCredentialsFile)
      console.log(`Root credentials written to ${server.rootCredentialsFile} (mode 0600)`);
    else {
      const file = path.join(config.dataDir, `root-credentials-${config.accountId}.json`);
      console.log(
        existsSync(file)
          ? `Root credentials: in ${file} from the first start`
          : 'Root credentials: written at the first start into the data directory of the node that made the account (not this one)',
      );
    }
    if (config.dev)
      console.log(
        'DEV MODE (unsafe): unknown access keys act as the default root; POST /_tessera/reset wipes state',
      );
    // SIGTERM and SIGINT drain: the node answers not ready and serves on for the drain time, then
    // requests in flight finish (up to the shutdown timeout), buffered last-used data is flushed, the
    // store is closed; a second signal exits at once
    const stop = async (signal: NodeJS.Signals) => {
      process.once(signal, () => process.exit(1));
      try {
        await server.shutdown(config.shutdownTimeoutSeconds * 1000, config.shutdownDrainSeconds * 1000);
        process.exit(0);
      } catch (err) {
        server.log.error({ err: describeFailure(err) }, 'shutdown failed');
        server.log.flush();
        process.exit(1);
      }
    };
    process.once('SIGINT', (s) => void stop(s));
    process.once('SIGTERM', (s) => void stop(s));
    // SIGHUP reads the certificate and key again: new connections get them, open ones go on; a pair
    // that fails its checks is refused and the running one stays
    if (server.tls)
      process.on('SIGHUP', () => {
        server.reloadTls().then(
          () => server.log.info({ certFile: server.tls?.certFile }, 'TLS certificate reloaded'),
          (err: unknown) =>
            server.log.error(
              { err: describeFailure(err) },
              'TLS reload failed; the previous certificate stays in use',
            ),
        );
      });
  });
}
