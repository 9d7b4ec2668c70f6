/**
 * Debian's headless Chromium for the viewer's end-to-end tests, and the build of the viewer
 * they load.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

import { PROJECT_ROOT } from '../../src/config/env.js'

export const CHROMIUM_PATH = '/usr/bin/chromium'

// Without the networking flags Chromium keeps trying to reach Google's hosts, which this
// machine's closed network refuses.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** The skip reason for a browser test: false when Chromium is installed. */
export const chromiumMissing = existsSync(CHROMIUM_PATH)
  ? false
  : `Chromium is not installed at ${CHROMIUM_PATH}: run "apt-get install -y chromium" to run this test`

/** Builds web/dist, which the service serves only when it exists at start-up. */
export function buildViewer(): void {
  const build = spawnSync('npm', ['run', 'build:web', '--silent'], { cwd: PROJECT_ROOT, encoding: 'utf8' })
  if (build.status !== 0) {
    throw new Error(`npm run build:web failed with exit code ${build.status}:\n${build.stdout}\n${build.stderr}`)
  }
}
