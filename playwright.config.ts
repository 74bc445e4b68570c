/**
 * Browser tests against the local stack (tests/support/stack), in Debian's Chromium: Playwright
 * never downloads a browser here. `npm test` starts the stack and exports its URLs.
 */
import { defineConfig } from '@playwright/test';

export default defineConfig( {
	testDir: 'tests/e2e',
	// The tests share one store whose database they reset per file: one worker.
	workers: 1,
	fullyParallel: false,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: [ [ 'list' ] ],
	// One folder per stack, so parallel runs do not delete each other's traces.
	outputDir: `test-results/${ process.env.UTW_STACK ?? 'test' }`,
	use: {
		baseURL: process.env.UTW_BASE_URL ?? 'http://127.0.0.1:8891',
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
			],
		},
	},
	projects: [
		{ name: 'wordpress', testDir: 'tests/e2e/wordpress' },
		{ name: 'woocommerce', testDir: 'tests/e2e/woocommerce' },
	],
} );
