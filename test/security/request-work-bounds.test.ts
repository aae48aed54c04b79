// No single request can stall the server: the simulator and the authorization API bound the context they
// take and the work they do, and evaluate in slices that give the event loop back, so that another client's
// GetCallerIdentity is answered while the most expensive request those bounds accept runs. Bounded by work,
// not by a clock: the wildcard matcher counts its steps (countMatchingWork), and a watcher on the event loop
// records the most steps done in one turn. Real server, real SDK clients, on each storage backend.
import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  PutUserPolicyCommand,
  SimulateCustomPolicyCommand,
  type ContextEntry,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countMatchingWork,
  stopCountingMatchingWork,
  type MatchingWork,
} from '../../src/policy/glob-pattern.ts';
import { CONTEXT_LIMITS, WORK_LIMITS } from '../../src/policy/index.ts';
import { sendSigned, type SigningCredentials } from '../example-service/signed-http.ts';
import {
  awsError,
  BACKENDS,
  startTestServer,
  type Credentials,
  type TestServer,
} from '../support/test-server.ts';

const ACCOUNT = '123456789012';
const doc = (statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

/** The attack: a `?`-heavy pattern against a 400 KB context value. */
const ATTACK_PATTERN = `*${'a?'.repeat(2000)}b*`;
const ATTACK_VALUE = 'a'.repeat(400_000);

/**
 * The most expensive single evaluation the bounds accept: several patterns of about a thousand characters,
 * each as long as a value, tested against every value of a context key at its size limits (every value
 * long, the key's total at its limit). Each pattern costs about (its length / 32) steps per value
 * character, so the automaton's state is fully live on every character.
 */
function heaviestAccepted(): { patterns: string[]; values: string[] } {
  const valueLength = CONTEXT_LIMITS.valueLength;
  const count = Math.floor(CONTEXT_LIMITS.totalLength / (valueLength + 1));
  const values = Array.from({ length: count }, () => 'a'.repeat(valueLength));
  // distinct patterns, each failing only at its last character, so every one scans every value in full
  const pattern = (i: number) => `*${'a?'.repeat(valueLength / 2 - 2 - i)}b*`;
  const keyChars = values.reduce((n, v) => n + v.length + 1, 0);
  const perPattern = (Math.ceil(pattern(0).length / 32) + 1) * (keyChars + 1);
  // leave room for the statements' own steps
  const fit = Math.floor((WORK_LIMITS.stepsPerEvaluation - 10 * WORK_LIMITS.stepsPerStatement) / perPattern);
  return { patterns: Array.from({ length: fit }, (_, i) => pattern(i)), values };
}

/**
 * Matching steps counted while `run` runs, process-wide (the server runs in this process), and the most of
 * them done in one turn of the event loop: a watcher takes the count at every turn (setImmediate), so a
 * turn's work is the difference between two readings. Work the server did without giving the loop back
 * shows as one large difference, whatever the speed of the machine.
 */
async function matchingWorkDuring<T>(
  run: () => Promise<T>,
): Promise<{ result: T; steps: number; mostInOneTurn: number; turns: number }> {
  const work: MatchingWork = countMatchingWork();
  let last = 0;
  let mostInOneTurn = 0;
  let turns = 0;
  let watching = true;
  const reading = () => {
    mostInOneTurn = Math.max(mostInOneTurn, work.steps - last);
    last = work.steps;
    turns++;
  };
  const watch = () => {
    reading();
    if (watching) setImmediate(watch);
  };
  setImmediate(watch);
  try {
    const result = await run();
    reading(); // the work since the last turn's reading
    return { result, steps: work.steps, mostInOneTurn, turns };
  } finally {
    watching = false;
    stopCountingMatchingWork();
  }
}

/**
 * Runs `attack` (repeatedly, one request at a time) and, meanwhile, GetCallerIdentity from another client;
 * returns how many of those answers came while the attack ran, and the matching work of the whole and of
 * its largest turn of the event loop.
 */
async function observeDuring(
  t: TestServer,
  observer: Credentials,
  attack: () => Promise<unknown>,
  rounds: number,
): Promise<{ samples: number; steps: number; mostInOneTurn: number; turns: number }> {
  const sts = t.sts(observer);
  await sts.send(new GetCallerIdentityCommand({})); // warm the connection and the caches
  const { result: samples, ...work } = await matchingWorkDuring(async () => {
    let running = true;
    const attacking = (async () => {
      for (let i = 0; i < rounds; i++) await attack();
    })().finally(() => {
      running = false;
    });
    let samples = 0;
    await new Promise((r) => setImmediate(r));
    while (running) {
      await sts.send(new GetCallerIdentityCommand({}));
      if (running) samples++; // answered while the attack still ran
    }
    await attacking;
    return samples;
  });
  return { samples, ...work };
}

describe.each(BACKENDS)('work bounds on %s', (backend) => {
  let t: TestServer;
  let readOnly: Credentials;
  let observer: Credentials;
  let service: SigningCredentials;

  const key = async (user: string): Promise<Credentials> => {
    const k = (await t.iam().send(new CreateAccessKeyCommand({ UserName: user }))).AccessKey!;
    return { accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! };
  };
  const authorize = (body: unknown) =>
    sendSigned(`${t.url}/_tessera/authorize`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
      service: 'tessera',
      credentials: service,
    }).then((r) => ({ status: r.status, json: JSON.parse(r.body) as Record<string, unknown> }));

  beforeAll(async () => {
    t = await startTestServer(backend);
    const iam = t.iam();
    for (const name of ['attacker', 'observer', 'notes-service', 'writer'])
      await iam.send(new CreateUserCommand({ UserName: name }));
    await iam.send(
      new AttachUserPolicyCommand({
        UserName: 'attacker',
        PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      }),
    );
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'notes-service',
        PolicyName: 'authorize',
        PolicyDocument: doc([{ Effect: 'Allow', Action: 'tessera:Authorize', Resource: '*' }]),
      }),
    );
    readOnly = await key('attacker');
    observer = await key('observer');
    service = await key('notes-service');
  });
  afterAll(async () => {
    await t.destroy();
  });

  describe('SimulateCustomPolicy', () => {
    const simulate = (
      creds: Credentials,
      input: { policy: string; actions: string[]; resources?: string[]; context?: ContextEntry[] },
    ) =>
      t.iam(creds).send(
        new SimulateCustomPolicyCommand({
          PolicyInputList: [input.policy],
          ActionNames: input.actions,
          ...(input.resources ? { ResourceArns: input.resources } : {}),
          ...(input.context ? { ContextEntries: input.context } : {}),
        }),
      );
    const likePolicy = (patterns: string[]) =>
      doc([
        {
          Effect: 'Allow',
          Action: 's3:*',
          Resource: '*',
          Condition: { 'ForAnyValue:StringLike': { 'aws:PrincipalTag/x': patterns } },
        },
      ]);

    it("refuses the issue's attack (a 400 KB context value) at once with InvalidInput, naming the limit", async () => {
      const { result: err, steps } = await matchingWorkDuring(() =>
        awsError(() =>
          simulate(readOnly, {
            policy: likePolicy([ATTACK_PATTERN]),
            actions: ['s3:GetObject'],
            context: [{ ContextKeyName: 'aws:PrincipalTag/x', ContextKeyValues: [ATTACK_VALUE] }],
          }),
        ),
      );
      expect(err).toMatchObject({ code: 'InvalidInput', status: 400 });
      expect(err.message).toContain(`${CONTEXT_LIMITS.valueLength} characters`);
      // refused before matching: the value is never read by the matcher (one search of it would take
      // at least its 400,000 characters; what is counted is the caller's own authorization)
      expect(steps).toBeLessThan(ATTACK_VALUE.length / 100);
    });

    it('refuses context past its bounds: too many keys, too many values, too many characters in all', async () => {
      const policy = likePolicy(['a*']);
      const tooManyKeys = Array.from({ length: CONTEXT_LIMITS.keys + 1 }, (_, i) => ({
        ContextKeyName: `aws:PrincipalTag/k${i}`,
        ContextKeyValues: ['v'],
      }));
      const tooManyValues = [
        {
          ContextKeyName: 'aws:PrincipalTag/x',
          ContextKeyType: 'stringList' as const,
          ContextKeyValues: Array.from({ length: CONTEXT_LIMITS.valuesPerKey + 1 }, () => 'v'),
        },
      ];
      const tooLongInAll = [
        {
          ContextKeyName: 'aws:PrincipalTag/x',
          ContextKeyType: 'stringList' as const,
          ContextKeyValues: Array.from({ length: 40 }, () =>
            'v'.repeat(Math.ceil(CONTEXT_LIMITS.totalLength / 32)),
          ),
        },
      ];
      for (const context of [tooManyKeys, tooManyValues, tooLongInAll]) {
        const err = await awsError(() => simulate(readOnly, { policy, actions: ['s3:GetObject'], context }));
        expect(err).toMatchObject({ code: 'InvalidInput', status: 400 });
        expect(err.message).toMatch(/limit is \d+/);
      }
    });

    it('refuses 600 actions × 600 resources × 20 statements as past the work budget', async () => {
      const statements = Array.from({ length: 20 }, (_, i) => ({
        Effect: 'Allow',
        Action: `s3:Get${i}*`,
        Resource: `arn:aws:s3:::bucket-${i}/*`,
      }));
      const actions = Array.from({ length: 600 }, (_, i) => `s3:GetObject${i}`);
      const resources = Array.from({ length: 600 }, (_, i) => `arn:aws:s3:::b/${i}`);
      const { result: err, steps } = await matchingWorkDuring(() =>
        awsError(() => simulate(readOnly, { policy: doc(statements), actions, resources })),
      );
      expect(err).toMatchObject({ code: 'InvalidInput', status: 400 });
      expect(err.message).toContain('work budget');
      expect(err.message).toContain(String(WORK_LIMITS.stepsPerRequest));
      // refused before evaluating: fewer matching steps than one per evaluation asked (each would match
      // the action against 20 patterns)
      expect(steps).toBeLessThan(actions.length * resources.length);
    });

    it('refuses a single evaluation past its budget (long patterns against long values)', async () => {
      const { patterns, values } = heaviestAccepted();
      const { result: err, steps } = await matchingWorkDuring(() =>
        awsError(() =>
          simulate(readOnly, {
            policy: likePolicy([...patterns, ...patterns]),
            actions: ['s3:GetObject'],
            context: [
              {
                ContextKeyName: 'aws:PrincipalTag/x',
                ContextKeyType: 'stringList',
                ContextKeyValues: values,
              },
            ],
          }),
        ),
      );
      expect(err).toMatchObject({ code: 'InvalidInput', status: 400 });
      expect(err.message).toContain(String(WORK_LIMITS.stepsPerEvaluation));
      // refused before matching: not one value was searched with one pattern
      expect(steps).toBeLessThan(CONTEXT_LIMITS.valueLength);
    });

    it("keeps GetCallerIdentity without a stall while the issue's attack is sent again and again", async () => {
      const attack = () =>
        awsError(() =>
          simulate(readOnly, {
            policy: likePolicy([ATTACK_PATTERN]),
            actions: ['s3:GetObject'],
            context: [{ ContextKeyName: 'aws:PrincipalTag/x', ContextKeyValues: [ATTACK_VALUE] }],
          }),
        ).then((err) => expect(err.code).toBe('InvalidInput'));
      const { samples, steps } = await observeDuring(t, observer, attack, 8);
      expect(samples).toBeGreaterThanOrEqual(3);
      // eight refusals, none of which matched the value (each search of it: 400,000 steps and more)
      expect(steps).toBeLessThan(ATTACK_VALUE.length / 10);
    });

    it('keeps GetCallerIdentity without a stall while the costliest accepted simulation runs', async () => {
      const { patterns, values } = heaviestAccepted();
      const policy = likePolicy(patterns);
      const context: ContextEntry[] = [
        { ContextKeyName: 'aws:PrincipalTag/x', ContextKeyType: 'stringList', ContextKeyValues: values },
      ];
      // as many actions as the request budget allows
      const perAction = WORK_LIMITS.stepsPerEvaluation;
      const actions = Array.from(
        { length: Math.floor(WORK_LIMITS.stepsPerRequest / perAction) },
        (_, i) => `s3:GetObject${i}`,
      );
      const once = await matchingWorkDuring(() => simulate(readOnly, { policy, actions, context }));
      expect(once.result.EvaluationResults).toHaveLength(actions.length);
      expect(once.result.EvaluationResults?.[0]?.EvalDecision).toBe('implicitDeny');
      // the real work stays within the budget the request was accepted under, and is most of it (the
      // attack is as heavy as the bounds allow)
      expect(once.steps).toBeLessThanOrEqual(WORK_LIMITS.stepsPerRequest);
      expect(once.steps).toBeGreaterThan(WORK_LIMITS.stepsPerRequest / 4);
      // spread over turns of the event loop: no turn does a quarter of it (the simulator rests every few
      // milliseconds, after one evaluation or a few; a simulation that does not rest does all of it in one)
      expect(once.mostInOneTurn).toBeLessThan(once.steps / 4);
      const { samples, mostInOneTurn } = await observeDuring(
        t,
        observer,
        () => simulate(readOnly, { policy, actions, context }),
        2,
      );
      expect(samples).toBeGreaterThanOrEqual(3);
      expect(mostInOneTurn).toBeLessThan(WORK_LIMITS.stepsPerRequest / 4);
    });
  });

  describe('/_tessera/authorize', () => {
    it("refuses the issue's attack (a 400 KB context value) at once with InvalidInput", async () => {
      const r = await authorize({
        principalArn: `arn:aws:iam::${ACCOUNT}:user/attacker`,
        action: 's3:GetObject',
        resource: '*',
        context: { 'aws:PrincipalTag/x': ATTACK_VALUE },
      });
      expect(r.status).toBe(400);
      expect(r.json.error).toMatchObject({ code: 'InvalidInput' });
      expect((r.json.error as { message: string }).message).toContain(
        `${CONTEXT_LIMITS.valueLength} characters`,
      );
    });

    it("keeps GetCallerIdentity without a stall while the issue's attack is sent again and again", async () => {
      const attack = () =>
        authorize({
          principalArn: `arn:aws:iam::${ACCOUNT}:user/attacker`,
          action: 's3:GetObject',
          resource: '*',
          context: { 'aws:PrincipalTag/x': ATTACK_VALUE },
        }).then((r) => expect(r.status).toBe(400));
      const { samples, steps } = await observeDuring(t, observer, attack, 8);
      expect(samples).toBeGreaterThanOrEqual(3);
      // eight refusals, none of which matched the value
      expect(steps).toBeLessThan(ATTACK_VALUE.length / 10);
    });

    it('refuses too many context keys and a key name past 256 characters', async () => {
      const base = {
        principalArn: `arn:aws:iam::${ACCOUNT}:user/attacker`,
        action: 's3:GetObject',
        resource: '*',
      };
      const many = Object.fromEntries(
        Array.from({ length: CONTEXT_LIMITS.keys + 1 }, (_, i) => [`k:${i}`, 'v']),
      );
      const long = { [`k:${'x'.repeat(CONTEXT_LIMITS.keyNameLength)}`]: 'v' };
      for (const context of [many, long]) {
        const r = await authorize({ ...base, context });
        expect(r.status).toBe(400);
        expect(r.json.error).toMatchObject({ code: 'InvalidInput' });
      }
    });

    it('keeps GetCallerIdentity without a stall while the costliest accepted authorize requests run', async () => {
      const { patterns, values } = heaviestAccepted();
      // the principal's own managed policies hold the patterns (each within the managed policy size quota)
      for (let i = 0; i < patterns.length; i++) {
        const arn = (
          await t.iam().send(
            new CreatePolicyCommand({
              PolicyName: `Like${i}`,
              PolicyDocument: doc([
                {
                  Effect: 'Allow',
                  Action: 's3:GetObject',
                  Resource: '*',
                  Condition: { 'ForAnyValue:StringLike': { 's3:prefix': patterns[i] } },
                },
              ]),
            }),
          )
        ).Policy!.Arn!;
        await t.iam().send(new AttachUserPolicyCommand({ UserName: 'writer', PolicyArn: arn }));
      }
      const question = {
        principalArn: `arn:aws:iam::${ACCOUNT}:user/writer`,
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::data/x',
        context: { 's3:prefix': values },
      };
      const once = await matchingWorkDuring(() => authorize(question));
      expect(once.result.status).toBe(200);
      expect(once.result.json.decision).toBe('ImplicitDeny');
      // one evaluation, as heavy as its budget allows, and no heavier than the budget
      expect(once.steps).toBeGreaterThan(WORK_LIMITS.stepsPerEvaluation / 4);
      expect(once.steps).toBeLessThanOrEqual(WORK_LIMITS.stepsPerEvaluation);
      const { samples, mostInOneTurn } = await observeDuring(t, observer, () => authorize(question), 15);
      expect(samples).toBeGreaterThanOrEqual(3);
      // requests one at a time: no turn of the event loop does more than one evaluation's budget
      expect(mostInOneTurn).toBeLessThanOrEqual(WORK_LIMITS.stepsPerEvaluation);
    });
  });
});
