// Worker-thread entry for analytics runs. Registers tsx so the TypeScript task module loads
// in this thread whatever loader the main thread used, then runs one task per message,
// posting its progress while it runs and its result or error at the end.
import { parentPort } from 'node:worker_threads'

import { register } from 'tsx/esm/api'

register()
const { runTask } = await import('./analytics-task.ts')

parentPort.on('message', (task) => {
  try {
    const result = runTask(task, (done, total) => parentPort.postMessage({ type: 'progress', done, total }))
    parentPort.postMessage({ type: 'result', result })
  } catch (error) {
    parentPort.postMessage({
      type: 'error',
      error: { name: error?.name, code: error?.code, message: error?.message ?? String(error) },
    })
  }
})
