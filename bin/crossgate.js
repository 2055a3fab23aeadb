#!/usr/bin/env node
// crossgate's command line. TypeScript sources (and users' step files) load through tsx.
import { register } from 'tsx/esm/api';

// Node.js 20 is crossgate's runtime; the SDK versions in package-lock.json support it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
