import { chromium, type Browser } from 'playwright-core';
import { chromiumPath } from '../../scripts/lib/prereqs.mjs';

/**
 * Debian's chromium (apt), driven by playwright-core: no browser is ever downloaded. Found on
 * PATH as `npm test`'s prerequisite check finds it (scripts/check-prereqs.mjs).
 */
export const CHROMIUM = chromiumPath();

export async function launchChromium(): Promise<Browser> {
  if (!CHROMIUM) {
    throw new Error('chromium is not installed (apt-get install chromium); .ci/run installs it');
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
}
