// `npm start` runs compiled JavaScript: `npm run build:server` (what `npm run build` does before the
// console) emits dist/ with the API models beside the code, and the command `npm start` ends with
// serves signed AWS requests from it, without the tsx loader.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateUserCommand, GetUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { startServerProcess } from '../support/server-process.ts';
import { ROOT } from '../support/test-server.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('the compiled server', () => {
  it('is what npm start runs, and it answers IAM and STS', { timeout: 300_000 }, async () => {
    const scripts = (
      JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    expect(scripts['start']).toBe('npm run build && node dist/cli/main.js serve');
    expect(scripts['build']).toBe('npm run build:server && npm run build:console');

    execFileSync('npm', ['run', 'build:server'], { cwd: REPO, stdio: 'pipe' });
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tessera-compiled-'));
    const config = {
      ...loadConfig({}, {}),
      dataDir,
      rootAccessKeyId: ROOT.accessKeyId,
      rootSecretAccessKey: ROOT.secretAccessKey,
    };
    const proc = await startServerProcess(config, 60_000, {}, { compiled: true });
    try {
      // the process runs dist/cli/main.js, with no loader
      expect(proc.child.spawnargs).toContain('dist/cli/main.js');
      expect(proc.child.spawnargs.join(' ')).not.toContain('tsx');
      const client = { endpoint: proc.url, region: 'us-east-1', credentials: ROOT, maxAttempts: 1 };
      const identity = await new STSClient(client).send(new GetCallerIdentityCommand({}));
      expect(identity.Arn).toBe(`arn:aws:iam::${config.accountId}:root`);
      const iam = new IAMClient(client);
      await iam.send(new CreateUserCommand({ UserName: 'compiled' }));
      const user = await iam.send(new GetUserCommand({ UserName: 'compiled' }));
      expect(user.User?.Arn).toBe(`arn:aws:iam::${config.accountId}:user/compiled`);
      // the console is served from the same build's dist/console
      expect((await fetch(`${proc.url}/console/`)).status).toBe(200);
    } finally {
      await proc.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
