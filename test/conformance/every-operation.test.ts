// Every operation of AWS's IAM and STS API models, called over HTTP with a signed Query request and no
// parameters, answers as AWS would: a result, or an AWS-shaped error (ErrorResponse with a Type, a
// Code other than InvalidAction, a Message and a RequestId) — except the operations not built yet,
// listed below, which answer InvalidAction until they are (issue 14). Building one without taking it
// off the list fails this suite, as does an operation that stops answering.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendSigned } from '../example-service/signed-http.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** Operations of the models that Tessera does not answer yet. */
const NOT_YET_BUILT = new Set<string>([]);

interface Model {
  metadata: { apiVersion: string };
  operations: Record<string, unknown>;
}
const model = (name: string) =>
  JSON.parse(
    readFileSync(new URL(`../../src/protocol/models/${name}.json`, import.meta.url), 'utf8'),
  ) as Model;

const SERVICES = [
  { service: 'iam', model: model('iam') },
  { service: 'sts', model: model('sts') },
];

describe('every IAM and STS operation answers', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('sqlite');
  });
  afterAll(() => t.destroy());

  for (const { service, model: m } of SERVICES) {
    it(`answers each of the ${Object.keys(m.operations).length} ${service.toUpperCase()} operations`, async () => {
      const wrong: string[] = [];
      for (const op of Object.keys(m.operations).sort()) {
        const reply = await sendSigned(t.url + '/', {
          method: 'POST',
          body: `Action=${op}&Version=${m.metadata.apiVersion}`,
          headers: FORM,
          service,
          credentials: t.root,
        });
        const code = /<Code>([^<]+)<\/Code>/.exec(reply.body)?.[1];
        const answered =
          reply.status === 200
            ? reply.body.includes(`<${op}Response`)
            : /^<ErrorResponse[^>]*><Error><Type>(Sender|Receiver)<\/Type><Code>[^<]+<\/Code><Message>[^<]*<\/Message><\/Error><RequestId>[^<]+<\/RequestId><\/ErrorResponse>$/.test(
                reply.body,
              ) && reply.status < 500;
        if (NOT_YET_BUILT.has(op)) {
          if (code !== 'InvalidAction') wrong.push(`${op} is built: take it off NOT_YET_BUILT`);
        } else if (!answered || code === 'InvalidAction')
          wrong.push(`${op}: ${reply.status} ${reply.body.slice(0, 200)}`);
      }
      expect(wrong).toEqual([]);
    });
  }
});
