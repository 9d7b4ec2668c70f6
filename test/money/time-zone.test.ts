/**
 * Checks that money dates do not depend on the server's time zone. The calendar code runs in
 * child processes under zones from fourteen hours ahead of UTC to ten hours behind it.
 */
import { execFileSync } from 'node:child_process'
import path from 'node:path'

import t from 'tap'

import { PROJECT_ROOT } from '../../src/config/env.js'

const SAMPLE = path.join(PROJECT_ROOT, 'test', 'money', 'fixtures', 'calendar-sample.ts')

function sampleIn(timeZone: string): unknown {
  const output = execFileSync(process.execPath, ['--import', 'tsx', SAMPLE], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, TZ: timeZone },
    encoding: 'utf8',
  })
  return JSON.parse(output)
}

t.test('calendar results ignore the time zone', async (t) => {
  const expected = {
    day: 19813,
    back: '2024-03-31',
    month: '2024-02-29',
    week: '2025-W01',
    lastDayOfRate: '10800',
    tooOld: null,
  }
  for (const timeZone of ['UTC', 'Pacific/Kiritimati', 'America/Adak', 'Asia/Kathmandu']) {
    t.same(sampleIn(timeZone), expected, timeZone)
  }
})
