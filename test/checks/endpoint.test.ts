/**
 * Where execute-api requests go on the aws target: AWS_ENDPOINT_URL_EXECUTE_API, then
 * AWS_ENDPOINT_URL, then the API's baseUrl (custom domain), then API Gateway's host.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiBaseUrl } from '../../src/checks/harness.ts';
import type { Harness } from '../../src/checks/harness.ts';

function harness(kind: 'aws' | 'embedded', baseUrl?: string): Harness {
  return {
    config: { region: 'eu-west-1', apis: { orders: { account: 'A', apiId: 'a1b2c3d4e5', stage: 'prod', ...(baseUrl ? { baseUrl } : {}) } } },
    target: kind === 'aws' ? { kind, region: 'eu-west-1' } : { kind, region: 'eu-west-1', endpoint: 'http://127.0.0.1:4577' },
  } as unknown as Harness;
}

test('AWS_ENDPOINT_URL_EXECUTE_API wins over AWS_ENDPOINT_URL and baseUrl', () => {
  const r = apiBaseUrl(harness('aws', 'https://api.example.com/orders'), 'orders', { AWS_ENDPOINT_URL_EXECUTE_API: 'http://127.0.0.1:9001', AWS_ENDPOINT_URL: 'http://127.0.0.1:9002' });
  assert.equal(r.connectTo, 'http://127.0.0.1:9001', 'delivered to the execute-api endpoint');
  assert.equal(r.url.href, 'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod', 'API Gateway\'s host name, which the endpoint routes by, with the stage');
});

test('AWS_ENDPOINT_URL next', () => {
  const r = apiBaseUrl(harness('aws'), 'orders', { AWS_ENDPOINT_URL: 'http://localhost:9002/' });
  assert.equal(r.connectTo, 'http://localhost:9002', 'the general endpoint');
});

test('then the configured baseUrl (a custom domain), then API Gateway\'s own host', () => {
  const custom = apiBaseUrl(harness('aws', 'https://api.example.com/orders'), 'orders', {});
  assert.equal(custom.connectTo, undefined, 'no redirection');
  assert.equal(custom.url.href, 'https://api.example.com/orders', 'the custom domain, stage included in it');
  const plain = apiBaseUrl(harness('aws'), 'orders', {});
  assert.equal(plain.url.href, 'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod', 'AWS\'s host');
  assert.equal(plain.connectTo, undefined, 'sent to it');
});

test('the embedded target always delivers to its embedded AWS', () => {
  const r = apiBaseUrl(harness('embedded'), 'orders', { AWS_ENDPOINT_URL: 'http://elsewhere:1' });
  assert.equal(r.connectTo, 'http://127.0.0.1:4577', 'the embedded AWS');
});
