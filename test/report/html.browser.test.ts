/**
 * compliance.html as a person sees it: opened in headless Chromium (Debian's, at
 * /usr/bin/chromium; .ci/run installs it) at 1,280 px, it loads nothing from anywhere,
 * logs no error, shows every column and cell of the access matrix (the disagreeing
 * one in red), and opens evidence on click. Printed (`crossgate report pdf`), it
 * keeps the failing control, the matrix's last column and every evidence block
 * (pdftotext from poppler-utils reads the pages back).
 *
 * The documentation's screenshots (docs/images/report-fail.png, report-pass.png) come
 * from this test: CROSSGATE_UPDATE_SCREENSHOTS=1 writes them; otherwise the test checks
 * that they are there, of the size it would write, and small.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { REPO } from '../support/emulator.ts';
import { requireTool } from '../support/tools.ts';
import { crossgate, runReports, estate, REPO_BASELINES, type ReportRun } from './support.ts';
import { accessMatrix } from '../../src/report/accessMatrix.ts';
import { CHROMIUM_ARGS, DEFAULT_CHROMIUM } from '../../src/report/pdf.ts';

const CHROMIUM = DEFAULT_CHROMIUM;
const VIEWPORT = { width: 1280, height: 800 };
const SCREENSHOTS = { fail: join(REPO, 'docs', 'images', 'report-fail.png'), pass: join(REPO, 'docs', 'images', 'report-pass.png') };
/** A screenshot in the docs stays under this. */
const MAX_SCREENSHOT_BYTES = 300_000;
const UPDATE = process.env.CROSSGATE_UPDATE_SCREENSHOTS === '1';
const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;

const skip = requireTool(existsSync(CHROMIUM) ? false : `${CHROMIUM} is missing (apt-get install -y --no-install-recommends chromium; .ci/run does)`);
const skipPdf = requireTool(hasPdftotext ? false : 'pdftotext is missing (apt-get install -y --no-install-recommends poppler-utils; .ci/run does)');

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  assert.equal(b.subarray(1, 4).toString('latin1'), 'PNG', `${file} is a PNG`);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** A viewport-sized shot from the top of `from`, without the run's facts (they name a commit, a branch and a machine). */
async function screenshotForDocs(page: Page, file: string, from: string): Promise<void> {
  if (UPDATE) {
    await page.evaluate("document.querySelector('dl.facts')?.remove()");
    const box = await page.locator(from).boundingBox();
    assert.ok(box, `${from} is on the page`);
    const top = await page.evaluate('window.scrollY') as number;
    // Scrolled so `from` is at the top of the window, as a reader would see it (sticky headers in place).
    await page.evaluate(`window.scrollTo(0, ${Math.max(0, Math.round(box.y + top - 12))})`);
    await page.screenshot({ path: file, clip: { x: 0, y: 0, ...VIEWPORT } });
  }
  assert.ok(existsSync(file), `${file} exists (CROSSGATE_UPDATE_SCREENSHOTS=1 node scripts/test.mjs test/report/html.browser.test.ts writes it)`);
  assert.deepEqual(pngSize(file), VIEWPORT, `${file} is the test's own ${VIEWPORT.width}×${VIEWPORT.height} screenshot`);
  assert.ok(statSync(file).size < MAX_SCREENSHOT_BYTES, `${file} is ${statSync(file).size} bytes; keep it under ${MAX_SCREENSHOT_BYTES}`);
}

describe('compliance.html in headless Chromium', { skip }, () => {
  let failing: ReportRun;
  let passing: ReportRun;
  let context: BrowserContext;
  let profile: string;

  before(async () => {
    failing = runReports(estate('readonly-may-delete'), { config: REPO_BASELINES });
    assert.equal(failing.exitCode, 1, failing.stdout + failing.stderr);
    passing = runReports(estate('seed'), { config: REPO_BASELINES });
    assert.equal(passing.exitCode, 0, passing.stdout + passing.stderr);
    const { chromium } = await import('playwright-core');
    // A fresh profile each time: playwright passes it as --user-data-dir.
    profile = mkdtempSync(join(tmpdir(), 'crossgate-chromium-'));
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: VIEWPORT });
  });

  after(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  async function open(run: ReportRun): Promise<{ page: Page; problems: string[]; requests: string[]; url: string }> {
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
    return { page, problems, requests, url };
  }

  test('a failing run at 1,280 px: every matrix column and cell in view, the disagreement in red, failures first, evidence on click', async () => {
    const { page, problems, requests, url } = await open(failing);
    assert.equal(await page.locator('#verdict').textContent(), 'FAILED');
    const pageWidth = await page.evaluate('document.documentElement.scrollWidth') as number;
    assert.ok(pageWidth <= VIEWPORT.width, `the page is ${pageWidth} px wide: nothing needs a horizontal scroll at ${VIEWPORT.width} px`);

    const matrix = failing.report && accessMatrix(failing.report);
    assert.ok(matrix && matrix.columns.length >= 6, `the run has a matrix of routes: ${matrix?.columns.join(', ')}`);
    const cells = page.locator('#access-matrix-grid [data-cell]');
    assert.equal(await cells.count(), matrix.rows.length * matrix.columns.length, 'one cell per caller and route');
    const outside = await cells.evaluateAll((els, width) => els
      .map((el) => ({ cell: el.getAttribute('data-cell'), r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.left < 0 || r.right > width || r.width < 40)
      .map(({ cell, r }) => `${cell} at ${Math.round(r.left)}..${Math.round(r.right)}`), VIEWPORT.width);
    assert.deepEqual(outside, [], 'every cell lies across the viewport, none squeezed');
    const headers = await page.locator('#access-matrix-grid thead th[data-column]').evaluateAll((els) => els.map((el) => el.getAttribute('data-column')));
    assert.deepEqual(headers, matrix.columns, 'every route has its column header');
    const last = page.locator(`#access-matrix-grid thead th[data-column="${matrix.columns.at(-1)}"]`);
    const lastBox = await last.boundingBox();
    assert.ok(lastBox && lastBox.x + lastBox.width <= VIEWPORT.width, `the last column (${matrix.columns.at(-1)}) ends inside ${VIEWPORT.width} px: ${JSON.stringify(lastBox)}`);

    // The route labels stay in view while the rows scroll under them.
    const tableTop = await page.evaluate("document.querySelector('#access-matrix-grid table').getBoundingClientRect().top + window.scrollY") as number;
    await page.evaluate(`window.scrollTo(0, ${Math.round(tableTop + 120)})`);
    const headTop = await page.evaluate("document.querySelector('#access-matrix-grid thead th[data-column]').getBoundingClientRect().top") as number;
    assert.ok(Math.abs(headTop) <= 1, `the header row sticks to the top of the window: ${headTop}`);
    await page.evaluate('window.scrollTo(0, 0)');

    const bad = page.locator('#access-matrix-grid [data-tone="bad"]');
    assert.equal(await bad.count(), 1, 'one disagreement');
    assert.equal(await bad.getAttribute('data-cell'), 'ci-caller as OrdersReadOnlyRole | DELETE /orders/42');
    await bad.scrollIntoViewIfNeeded();
    assert.ok(await bad.isVisible(), 'the disagreeing cell is visible');
    const badBox = await bad.boundingBox();
    assert.ok(badBox && badBox.x >= 0 && badBox.x + badBox.width <= VIEWPORT.width, `the red cell is on screen: ${JSON.stringify(badBox)}`);
    assert.ok(await page.locator('#assumption-matrix-grid').isVisible(), 'the role assumption matrix is visible');

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
    await closed.locator(':scope > summary').click();

    await page.emulateMedia({ media: 'print' });
    const hidden = await page.locator('.ev').evaluateAll((els) => els.filter((el) => !(el as unknown as { checkVisibility(): boolean }).checkVisibility()).length);
    assert.equal(hidden, 0, 'printed, every evidence block shows, collapsed or not');
    await page.emulateMedia({ media: 'screen' });

    await screenshotForDocs(page, SCREENSHOTS.fail, '#access-matrix');
    assert.deepEqual(problems, []);
    assert.deepEqual(requests, [url], 'the page loads nothing but itself');
    await page.close();
  });

  test('a passing run: PASSED, no red cell', async () => {
    const { page, problems } = await open(passing);
    assert.equal(await page.locator('#verdict').textContent(), 'PASSED');
    assert.equal(await page.locator('#access-matrix-grid [data-tone="bad"]').count(), 0, 'no disagreement');
    assert.equal(await page.locator('#controls tr[data-status="failed"]').count(), 0, 'no failed control');
    await screenshotForDocs(page, SCREENSHOTS.pass, 'header');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('crossgate report pdf: the pages hold the failing control, the matrix with its last column, and every evidence block', { skip: skipPdf }, () => {
    const pdf = join(failing.dir, 'record.pdf');
    const r = crossgate(['report', 'pdf', failing.reportsDir, '--out', pdf]);
    assert.equal(r.exitCode, 0, r.stdout + r.stderr);
    assert.ok(readFileSync(pdf).subarray(0, 5).toString('latin1') === '%PDF-', 'a PDF');
    const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    assert.equal(text.status, 0, text.stderr);
    const pages = text.stdout.split('\f').filter((p) => p.trim());
    assert.ok(pages.length > 5, `pages: ${pages.length}`);
    const report = failing.report!;
    const matrix = accessMatrix(report);
    const matrixPage = pages.find((p) => p.includes('Access matrix'));
    assert.ok(matrixPage, 'a page with the access matrix');
    const lastColumn = matrix.columns.at(-1)!;
    // The column label wraps at '/' and '-' on paper: look for each of its words.
    const words = lastColumn.split(/[ /-]/).filter(Boolean);
    assert.ok(words.every((w) => matrixPage.includes(w)), `the matrix page shows the last column ${lastColumn}:\n${matrixPage}`);
    assert.ok(/expected 403/.test(matrixPage), 'and the disagreeing cell');
    const controlPage = pages.find((p) => p.includes('XACCT-E2E-05') && p.includes('The read-only role may not delete an order') && p.includes('expected 403, got 200'));
    assert.ok(controlPage, 'a page with the failing control, its scenario and cause');
    const evidenceCount = report.scenarios.reduce((n, s) => n + s.evidence.length, 0);
    const printed = (text.stdout.match(/raw evidence/g) ?? []).length;
    assert.equal(printed, evidenceCount, 'every evidence block is in the PDF');
    // A passed scenario's evidence (collapsed on screen) is printed in full, raw JSON included.
    const requestIds = report.scenarios.flatMap((s) => s.evidence).flatMap((e) => (e.kind === 'request' && e.requestId ? [e.requestId] : []));
    assert.ok(requestIds.length > 0 && requestIds.every((id) => text.stdout.includes(id)), 'every request id is in the PDF');
  });
});
