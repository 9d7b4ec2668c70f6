/**
 * Builds the Fastify application: plugins first (errors, database, auth, docs), then the
 * routes, then the viewer's static files. `buildApp` does not listen, so tests inject.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'

import fastifyStatic from '@fastify/static'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify'
import { jsonSchemaTransform, serializerCompiler } from 'fastify-type-provider-zod'

import { PROJECT_ROOT, type Config } from '../config/env.js'
import { loadRates } from '../config/rates.js'
import type { Database } from '../data/database.js'
import type { RateTable } from '../money/rates.js'
import { createUserStore } from '../auth/users.js'
import { createTokenVerifier } from '../auth/verifier.js'
import analyticsRoutes from '../routes/analytics.js'
import auditRoutes from '../routes/audit.js'
import authRoutes from '../routes/auth.js'
import jobRoutes from '../routes/jobs.js'
import duplicateRoutes from '../routes/duplicates.js'
import entityRoutes from '../routes/entities.js'
import ftmRoutes from '../routes/ftm.js'
import mergeRoutes from '../routes/merge.js'
import exportRoutes from '../routes/export.js'
import geoRoutes from '../routes/geo.js'
import reviewRoutes from '../routes/review.js'
import graphRoutes from '../routes/graph.js'
import healthRoutes from '../routes/health.js'
import importRoutes from '../routes/import.js'
import patternRoutes from '../routes/patterns.js'
import ownershipRoutes from '../routes/ownership.js'
import moneyRoutes from '../routes/money.js'
import queryRoutes from '../routes/queries.js'
import statsRoutes from '../routes/stats.js'
import { createServices, type Services } from '../services/index.js'
import { redactUrl } from './audit-record.js'
import auditPlugin from './plugins/audit.js'
import authPlugin from './plugins/auth.js'
import errorsPlugin, { classifyError, sendError } from './plugins/errors.js'
import headersPlugin from './plugins/headers.js'
import rateLimitPlugin from './plugins/rate-limit.js'
import { parseJsonBody } from './json-body.js'
import { isBadlyEncoded, pathParameterAt, zodValidatorCompiler } from './validation.js'

declare module 'fastify' {
  interface FastifyInstance {
    config: Config
    database: Database
    services: Services
  }
}

export const WEB_DIST = path.join(PROJECT_ROOT, 'web', 'dist')
export const BODY_LIMIT_BYTES = 1024 * 1024

/** Node's HTTP parser rejects request heads over 16 KiB, so no URL is longer. */
const MAX_URL_BYTES = 16 * 1024

export interface AppOptions {
  config: Config
  database: Database
  /** Closes the database with the app; false when the caller shares it. */
  ownsDatabase?: boolean
  /** Exchange rates for money trails; by default those of the file the configuration names. */
  rates?: RateTable
  logger?: boolean | object
}

/**
 * Builds the logger's options: the caller's, or the configured level. The Authorization header
 * and secret-looking query values are always redacted, so that a token or password pasted into
 * a query string reaches neither the log nor the audit trail.
 */
function loggerOptions(options: AppOptions): boolean | object {
  if (options.logger === false) {
    return false
  }
  const given = typeof options.logger === 'object' ? options.logger : {}
  const secrets = [options.config.jwtSecret, options.config.neo4j.password]
  return {
    level: options.config.logLevel,
    redact: ['req.headers.authorization'],
    serializers: {
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: redactUrl(request.url, secrets),
        host: request.host,
        remoteAddress: request.ip,
      }),
    },
    ...given,
  }
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  // Loaded before the app exists, so that an invalid users file stops the start with nothing to close.
  const usersFile = options.config.usersFile
  const users =
    usersFile === null
      ? null
      : await createUserStore(usersFile, (error) =>
          app.log.error({ err: error, file: usersFile }, 'failed to reload the users file; keeping the users loaded before'),
        )
  // Built before the app too, so that an invalid token key stops the start with nothing to close.
  const tokens = createTokenVerifier(options.config, {
    onJwksError: (error) => app.log.error({ err: error, url: options.config.tokens.jwksUrl }, 'failed to fetch the JWKS'),
  })
  const app = Fastify({
    logger: loggerOptions(options),
    bodyLimit: BODY_LIMIT_BYTES,
    // Path parameters as long as a URL can be reach the schemas, which name them in errors.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: MAX_URL_BYTES },
    // The router rejects some URLs before any route runs; reply to them in the API's error shape.
    frameworkErrors: (error, request, reply) => {
      const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      const isBad = tooLong ? (segment: string) => segment.length > MAX_URL_BYTES : isBadlyEncoded
      const name = pathParameterAt(routePatterns, request.url, isBad)
      const parameter = name === null ? 'path parameter' : `path parameter "${name}"`
      const message = tooLong
        ? `Invalid ${parameter}: longer than ${MAX_URL_BYTES} characters`
        : `Invalid ${name === null ? 'URL' : parameter}: it is not valid percent-encoded UTF-8`
      void sendError(reply, 'MLN_INVALID_PARAMETER', message)
    },
  })
  const routePatterns = new Set<string>()
  app.addHook('onRoute', (route) => {
    routePatterns.add(route.url)
  })
  app.setValidatorCompiler(zodValidatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, parseJsonBody)

  app.decorate('config', options.config)
  app.decorate('database', options.database)
  app.decorate(
    'services',
    createServices(options.database, {
      analyticsTimeoutMs: options.config.analyticsTimeoutMs,
      jobTimeoutMs: options.config.jobTimeoutMs,
      analyticsMaxWork: options.config.analyticsMaxWork,
      describeError: classifyError,
      rates: options.rates ?? loadRates(options.config.rates),
    }),
  )
  if (options.ownsDatabase !== false) {
    app.addHook('onClose', async () => options.database.close())
  }

  await app.register(errorsPlugin)
  await app.register(headersPlugin, { corsOrigins: options.config.corsOrigins, hstsMaxAgeSeconds: options.config.hstsMaxAgeSeconds })
  await app.register(rateLimitPlugin, { limits: options.config.rateLimits })
  await app.register(authPlugin, { verifier: tokens })
  await app.register(auditPlugin)
  await app.register(swagger, {
    openapi: {
      info: { title: 'Millennium API', version: '0.1.0', description: 'Link analysis of organised-crime networks' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  })
  await app.register(swaggerUi, { routePrefix: '/docs' })

  await app.register(healthRoutes)
  await app.register(
    async (api) => {
      await api.register(entityRoutes)
      await api.register(graphRoutes)
      await api.register(analyticsRoutes)
      await api.register(jobRoutes)
      await api.register(queryRoutes)
      await api.register(statsRoutes)
      await api.register(importRoutes)
      await api.register(patternRoutes)
      await api.register(ownershipRoutes)
      await api.register(moneyRoutes)
      await api.register(geoRoutes)
      await api.register(reviewRoutes)
      await api.register(duplicateRoutes)
      await api.register(authRoutes, { users })
      await api.register(auditRoutes)
      await api.register(ftmRoutes)
      await api.register(mergeRoutes)
      await api.register(exportRoutes)
      await api.register(healthRoutes)
    },
    { prefix: '/api' },
  )

  if (existsSync(path.join(WEB_DIST, 'index.html'))) {
    await app.register(fastifyStatic, { root: WEB_DIST, prefix: '/', index: ['index.html'], wildcard: false })
  } else {
    app.get('/', async (_request, reply) =>
      reply.type('text/plain').send('The viewer is not built yet: run "npm run build:web".'),
    )
  }
  return app
}
