// Worker-thread entry for analytics runs. Registers tsx so the TypeScript task module loads
// in this thread whatever loader the main thread used, then runs one task per message and posts its result.
import { parentPort } from 'node:worker_threads'

import { register } from 'tsx/esm/api'

register()
const { runTask } = await import('./analytics-task.ts')

parentPort.on('message', (task) => {
  try {
    parentPort.postMessage({ ok: true, result: runTask(task) })
  } catch (error) {
    parentPort.postMessage({
      ok: false,
      error: { name: error?.name, code: error?.code, message: error?.message ?? String(error) },
    })
  }
})
