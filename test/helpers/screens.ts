/**
 * Evidence from browser tests: screenshots saved under test-output/screenshots (left there
 * after the run for people to look at), and a check that a canvas is not blank, read from
 * the pixels Chromium actually composited rather than from the page's own account.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import type { Locator, Page } from 'playwright-core'
import { PNG } from 'pngjs'

import { PROJECT_ROOT } from '../../src/config/env.js'

export const SCREENSHOT_DIR = path.join(PROJECT_ROOT, 'test-output', 'screenshots')

/** Saves a full-page screenshot as `<suite>/<step>.png` and returns its path. */
export async function saveScreenshot(page: Page, suite: string, step: string): Promise<string> {
  const folder = path.join(SCREENSHOT_DIR, suite)
  mkdirSync(folder, { recursive: true })
  const file = path.join(folder, `${step}.png`)
  writeFileSync(file, await page.screenshot({ fullPage: true }))
  return file
}

export interface PixelSummary {
  width: number
  height: number
  /** Share of pixels, 0 to 1, whose colour differs from the most common colour by more than a little. */
  inked: number
  /** Distinct colours after rounding each channel to 16 levels. */
  colours: number
}

/** Decodes a PNG and measures how much of it differs from its background colour. */
export function summarisePixels(png: Buffer): PixelSummary {
  const image = PNG.sync.read(png)
  const counts = new Map<number, number>()
  const { data, width, height } = image

  for (let offset = 0; offset < data.length; offset += 4) {
    const key = packQuantised(data, offset)
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }

  // The most common colour is taken as the background.
  const backgroundCount = Math.max(0, ...counts.values())

  const pixels = width * height
  return {
    width,
    height,
    inked: pixels === 0 ? 0 : (pixels - backgroundCount) / pixels,
    colours: counts.size,
  }
}

/** Screenshots an element and summarises its pixels. */
export async function pixelsOf(locator: Locator): Promise<PixelSummary> {
  return summarisePixels(await locator.screenshot())
}

/** Inked share below which a drawing counts as blank: about 0.3 % of the pixels. */
export const BLANK_THRESHOLD = 0.003

function packQuantised(data: Buffer, offset: number): number {
  const r = (data[offset] ?? 0) >> 4
  const g = (data[offset + 1] ?? 0) >> 4
  const b = (data[offset + 2] ?? 0) >> 4
  return (r << 8) | (g << 4) | b
}
