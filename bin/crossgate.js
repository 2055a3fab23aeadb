#!/usr/bin/env node
// crossgate's command line. TypeScript sources (and users' step files) load through tsx.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
