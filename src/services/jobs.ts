/**
 * Analytics jobs: work that may outlast a request (exact betweenness on a large scope, an
 * arrest simulation recomputed after every removal) runs in the background, one job at a
 * time per service, and its caller polls for progress and the result, or cancels it.
 * Jobs live in this process's memory: a restart forgets them. A job is visible to the
 * subject who started it and to admins; to anyone else it does not exist. Once a record
 * expires after a job started, its result is withheld from its non-admin starter, since
 * the result may still show that record.
 */
import { randomUUID } from 'node:crypto'

import { AppError, notFound, type ErrorCode } from '../errors.js'
import type { RunContext } from './analytics.js'

export const JOB_KINDS = ['centrality', 'communities', 'brokers', 'disruption'] as const
export type JobKind = (typeof JOB_KINDS)[number]

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled'

/** Caller who started a job, whose visibility the result was computed with. */
export interface JobOwner {
  sub: string
  ncb: string | null
  admin: boolean
}

export interface JobView {
  id: string
  kind: JobKind
  status: JobStatus
  parameters: Record<string, unknown>
  /** Work done and total, in the algorithm's own steps (source nodes, removals), or null before any report. */
  progress: { done: number; total: number; fraction: number } | null
  createdAt: string
  startedAt: string | null
  finishedAt: string | null
  result: unknown
  error: { code: string; message: string } | null
}

interface Job extends JobView {
  /** Subject, country and admin flag: only the same caller (or an admin) may read the result. */
  owner: string
  controller: AbortController
  /** Fingerprints the expiries passed so far, or null for a job whose result does not depend on expiry. */
  expiryStamp: (() => Promise<string>) | null
  /** The fingerprint taken as the job started running. */
  startStamp: string | null
}

/** The error a finished job reports once its result is withheld because a record expired. */
export const RESULT_EXPIRED = {
  code: 'MLN_RESULT_EXPIRED',
  message: 'A record expired after this job started, so its result is withheld. Start the job again with POST /api/jobs',
} as const satisfies { code: ErrorCode; message: string }

export interface JobServiceOptions {
  /** Jobs kept in memory, finished ones dropped oldest first. */
  maxJobs: number
  /** Jobs one subject may have queued or running at once. */
  maxActivePerOwner: number
  /** How long one job may run. */
  timeoutMs: number
  /** Turns a failure into the code and message the API reports. */
  describeError: (error: unknown) => { code: string; message: string }
}

export function createJobService(options: JobServiceOptions) {
  const jobs = new Map<string, Job>()
  let queue: Promise<void> = Promise.resolve()

  function view(job: Job): JobView {
    const { owner: _owner, controller: _controller, expiryStamp: _expiryStamp, startStamp: _startStamp, ...rest } = job
    return rest
  }

  function find(id: string, owner: JobOwner): Job {
    const job = jobs.get(id)
    if (job === undefined || (!owner.admin && job.owner !== ownerKey(owner))) {
      throw notFound('Job', id)
    }
    return job
  }

  function forgetFinished(): void {
    for (const [id, job] of jobs) {
      if (jobs.size < options.maxJobs) {
        return
      }
      if (job.finishedAt !== null) {
        jobs.delete(id)
      }
    }
  }

  async function execute(job: Job, work: (context: RunContext) => Promise<unknown>): Promise<void> {
    if (job.controller.signal.aborted) {
      return
    }
    job.status = 'running'
    job.startedAt = new Date().toISOString()
    try {
      job.startStamp = job.expiryStamp === null ? null : await job.expiryStamp()
      job.result = await work({
        job: true,
        signal: job.controller.signal,
        timeoutMs: options.timeoutMs,
        onProgress: (done, total) => {
          job.progress = { done, total, fraction: total > 0 ? done / total : 0 }
        },
      })
      job.status = 'succeeded'
      if (job.progress !== null) {
        job.progress = { done: job.progress.total, total: job.progress.total, fraction: 1 }
      }
    } catch (error) {
      if (job.controller.signal.aborted) {
        job.status = 'cancelled'
        job.error = { code: 'MLN_CANCELLED', message: 'The job was cancelled with DELETE /api/jobs/:id' }
      } else {
        job.status = 'failed'
        job.error = options.describeError(error)
      }
    } finally {
      job.finishedAt = new Date().toISOString()
    }
  }

  return {
    /**
     * Queues `work` for `owner`. With `expiryStamp`, the result is withheld from a non-admin
     * once the stamp differs from the one taken as the job started.
     */
    submit(
      kind: JobKind,
      parameters: Record<string, unknown>,
      owner: JobOwner,
      work: (context: RunContext) => Promise<unknown>,
      expiryStamp: (() => Promise<string>) | null = null,
    ): JobView {
      const active = [...jobs.values()].filter((job) => job.owner === ownerKey(owner) && job.finishedAt === null).length
      if (active >= options.maxActivePerOwner) {
        throw new AppError(
          'MLN_TOO_MANY_JOBS',
          `You have ${active} jobs queued or running, the most allowed; wait for one to finish or cancel one with DELETE /api/jobs/:id`,
        )
      }
      forgetFinished()
      const job: Job = {
        id: randomUUID(),
        kind,
        status: 'queued',
        parameters,
        progress: null,
        createdAt: new Date().toISOString(),
        startedAt: null,
        finishedAt: null,
        result: null,
        error: null,
        owner: ownerKey(owner),
        controller: new AbortController(),
        expiryStamp,
        startStamp: null,
      }
      jobs.set(job.id, job)
      queue = queue.then(() => execute(job, work))
      return view(job)
    },

    /**
     * Returns a job with its result. A non-admin gets no result once a record has expired
     * since the job started (admins see expired records anyway).
     */
    async get(id: string, owner: JobOwner): Promise<JobView> {
      const job = find(id, owner)
      if (owner.admin || job.status !== 'succeeded' || job.expiryStamp === null || job.startStamp === null) {
        return view(job)
      }
      if ((await job.expiryStamp()) === job.startStamp) {
        return view(job)
      }
      return { ...view(job), result: null, error: { ...RESULT_EXPIRED } }
    },

    list(owner: JobOwner): JobView[] {
      return [...jobs.values()]
        .filter((job) => owner.admin || job.owner === ownerKey(owner))
        .map((job) => ({ ...view(job), result: null }))
        .reverse()
    },

    /** Stops a queued or running job; a finished one stays as it is. */
    cancel(id: string, owner: JobOwner): JobView {
      const job = find(id, owner)
      if (job.finishedAt === null) {
        const queued = job.status === 'queued'
        job.status = 'cancelled'
        job.controller.abort()
        job.error = { code: 'MLN_CANCELLED', message: 'The job was cancelled with DELETE /api/jobs/:id' }
        if (queued) {
          job.finishedAt = new Date().toISOString()
        }
      }
      return view(job)
    },
  }
}


/**
 * Returns the key a job is kept under. A result was computed with its caller's visibility,
 * so a token with the same subject but another country or role does not see it.
 */
function ownerKey(owner: JobOwner): string {
  return JSON.stringify([owner.sub, owner.ncb, owner.admin])
}

export type JobService = ReturnType<typeof createJobService>
