#!/usr/bin/env node
// Runs the TypeScript command-line tool through tsx's loader, so no build step is needed.
import { register } from 'tsx/esm/api'

register()
await import('../src/cli/main.ts')
