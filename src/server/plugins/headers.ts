/**
 * Security headers on every response, and the CORS policy. Browsers may call the API from
 * the service's own origin and from the exact origins that MILLENNIUM_CORS_ORIGINS lists.
 * A preflight from any other origin gets a 403. Tokens travel in the Authorization header,
 * never in cookies, so no response allows credentials.
 */
import cors from '@fastify/cors'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

import { sendError } from './errors.js'

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ')

/** Browser features the viewer never uses, turned off for it and for anything it embeds. */
const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'camera=()',
  'display-capture=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'payment=()',
  'usb=()',
].join(', ')

/** Response headers that scripts of an allowed origin may read. */
const EXPOSED_HEADERS = ['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'RateLimit-Policy', 'Retry-After', 'Content-Disposition']

export interface HeaderOptions {
  corsOrigins: string[]
  /** The max-age of Strict-Transport-Security in seconds; 0 sends none. */
  hstsMaxAgeSeconds: number
}

async function headersPlugin(app: FastifyInstance, options: HeaderOptions): Promise<void> {
  const allowed = new Set(options.corsOrigins)

  app.addHook('onSend', async (request, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff')
    reply.header('Referrer-Policy', 'no-referrer')
    reply.header('X-Frame-Options', 'DENY')
    reply.header('Cross-Origin-Opener-Policy', 'same-origin')
    reply.header('Cross-Origin-Resource-Policy', 'same-origin')
    reply.header('Permissions-Policy', PERMISSIONS_POLICY)
    // The API docs page ships inline scripts and styles of its own; everything else,
    // the viewer included, loads only its own files.
    if (!request.url.startsWith('/docs')) {
      reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY)
    }
    if (options.hstsMaxAgeSeconds > 0) {
      reply.header('Strict-Transport-Security', `max-age=${options.hstsMaxAgeSeconds}`)
    }
    // API responses carry records that a country may not see, so no cache keeps them.
    if (request.url.startsWith('/api/') || request.url.startsWith('/health')) {
      reply.header('Cache-Control', 'no-store')
    }
  })

  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin
    const preflight = request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined
    if (preflight && (origin === undefined || !allowed.has(origin))) {
      return sendError(
        reply,
        'MLN_FORBIDDEN',
        `Cross-origin request from ${JSON.stringify(origin ?? null).slice(0, 200)} is not allowed: the origin is not in MILLENNIUM_CORS_ORIGINS`,
      )
    }
  })

  await app.register(cors, {
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type'],
    exposedHeaders: EXPOSED_HEADERS,
    credentials: false,
    maxAge: 600,
  })
}

export default fp(headersPlugin, { name: 'headers' })
