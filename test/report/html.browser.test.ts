/**
 * compliance.html as a person sees it: opened in headless Chromium (Debian's, at
 * /usr/bin/chromium; .ci/run installs it), it loads nothing from anywhere, logs no
 * error, shows the access matrix with the disagreement, and opens evidence on click.
 * A screenshot is saved as reports/compliance-html.png.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO } from '../support/emulator.ts';
import { runReports, estate, type ReportRun } from './support.ts';
import { requireTool } from '../support/tools.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const skip = requireTool(existsSync(CHROMIUM) ? false : `${CHROMIUM} is missing (apt-get install -y --no-install-recommends chromium; .ci/run does)`);

describe('compliance.html in headless Chromium', { skip }, () => {
  let run: ReportRun;

  before(() => {
    run = runReports(estate('readonly-may-delete'));
    assert.equal(run.exitCode, 1, run.stdout + run.stderr);
  });

  test('loads nothing external, logs no error, shows the matrix with its disagreement, expands evidence', async () => {
    const { chromium } = await import('playwright-core');
    // A fresh profile each time: playwright passes it as --user-data-dir.
    const profile = mkdtempSync(join(tmpdir(), 'crossgate-chromium-'));
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1280, height: 1000 } });
    try {
      const page = await context.newPage();
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('request', (r) => requests.push(r.url()));
      const url = pathToFileURL(join(run.reportsDir, 'compliance.html')).href;
      await page.goto(url, { waitUntil: 'load' });

      assert.equal(await page.locator('#verdict').textContent(), 'FAILED');
      const matrix = page.locator('#access-matrix-svg');
      assert.ok(await matrix.isVisible(), 'the access matrix is visible');
      const box = await matrix.boundingBox();
      assert.ok(box && box.width > 300 && box.height > 100, `matrix size ${JSON.stringify(box)}`);
      assert.ok((await page.locator('#access-matrix-svg [data-cell]').count()) >= 6, 'the matrix has its cells');
      const bad = page.locator('#access-matrix-svg [data-tone="bad"]');
      assert.equal(await bad.count(), 1);
      assert.equal(await bad.getAttribute('data-cell'), 'ci-caller as OrdersReadOnlyRole | DELETE /orders/42');
      assert.ok(await bad.isVisible(), 'the disagreeing cell is visible');
      assert.ok(await page.locator('#assumption-matrix-svg').isVisible(), 'the role assumption matrix is visible');

      const statuses = await page.locator('#controls tr[data-status]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')));
      assert.ok(statuses.indexOf('passed') > statuses.lastIndexOf('failed'), `failures first: ${statuses.join(' ')}`);
      assert.equal(await page.locator('tr[data-control="XACCT-E2E-05"]').getAttribute('data-status'), 'failed');
      const failed = page.locator('details.scenario[open]', { hasText: 'The read-only role may not delete an order' });
      assert.ok(await failed.locator('.cause').isVisible(), 'the failed scenario shows its cause');
      assert.ok(await failed.getByText('expected 403, got 200').first().isVisible(), 'the cause is readable');

      const closed = page.locator('details.scenario', { hasText: 'A role session from account B invokes an IAM-authorized route' });
      const evidence = closed.locator('.ev').first();
      assert.equal(await closed.getAttribute('open'), null, 'a passed scenario starts collapsed');
      assert.equal(await evidence.isVisible(), false);
      await closed.locator(':scope > summary').click();
      assert.ok(await evidence.isVisible(), 'evidence shows once the scenario is expanded');

      mkdirSync(join(REPO, 'reports'), { recursive: true });
      await page.screenshot({ path: join(REPO, 'reports', 'compliance-html.png'), fullPage: true });
      assert.deepEqual(problems, []);
      assert.deepEqual(requests, [url], 'the page loads nothing but itself');
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
