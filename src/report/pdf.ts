/**
 * compliance.html to PDF through headless Chromium (playwright-core, loaded only when
 * asked, so a run never needs a browser). The page prints with its print stylesheet:
 * every evidence block expanded, the matrix split to the page width, a page per control.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UserError } from '../util/userError.ts';

/** Debian's Chromium; CROSSGATE_CHROMIUM or --chromium names another. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** Headless, and quiet: no network of its own, no first-run work. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

type Playwright = typeof import('playwright-core');

async function loadPlaywright(): Promise<Playwright> {
  try {
    return await import('playwright-core');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new UserError('crossgate report pdf needs playwright-core (an optional dependency): npm install playwright-core@1');
    }
    throw err;
  }
}

export interface PdfOptions {
  chromium?: string;
}

/** Print an HTML file to a PDF file; returns nothing but the file. */
export async function printToPdf(htmlFile: string, pdfFile: string, opts: PdfOptions = {}): Promise<void> {
  const executablePath = opts.chromium ?? process.env.CROSSGATE_CHROMIUM ?? DEFAULT_CHROMIUM;
  if (!existsSync(executablePath)) {
    throw new UserError(`crossgate report pdf needs Chromium at ${executablePath} (apt-get install chromium, or name it with --chromium or CROSSGATE_CHROMIUM)`);
  }
  const { chromium } = await loadPlaywright();
  // A fresh profile each time: playwright passes it as --user-data-dir.
  const profile = mkdtempSync(join(tmpdir(), 'crossgate-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args: CHROMIUM_ARGS, offline: true });
    try {
      const page = await context.newPage();
      await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load' });
      // Open every <details> too, for PDF viewers and Chromium builds without ::details-content.
      await page.evaluate("for (const d of document.querySelectorAll('details')) d.open = true");
      await page.emulateMedia({ media: 'print' });
      await page.pdf({ path: pdfFile, preferCSSPageSize: true, printBackground: true, displayHeaderFooter: true, headerTemplate: '<span></span>', footerTemplate: '<div style="font-size:8px;width:100%;text-align:center;color:#6b7280"><span class="title"></span> · page <span class="pageNumber"></span> of <span class="totalPages"></span></div>' });
    } finally {
      await context.close();
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
