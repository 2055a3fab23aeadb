/**
 * Gherkin words that name things: principals (actors), roles, APIs, HTTP methods, paths.
 */
import { defineParameterType } from '@cucumber/cucumber';
import type { CrossgateWorld } from './world.ts';

defineParameterType({
  name: 'actor',
  regexp: /[a-z][a-z0-9_-]*/,
  transformer(this: CrossgateWorld, name: string) {
    return this.actor(name);
  },
});

defineParameterType({
  name: 'role',
  regexp: /[A-Za-z][\w+=,.@-]*[\w+=@-]/,
  transformer: (name: string) => name,
});

defineParameterType({
  name: 'method',
  regexp: /GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS/,
  transformer: (m: string) => m,
});

defineParameterType({
  name: 'path',
  regexp: /\/[^\s]*/,
  transformer: (p: string) => p,
});

defineParameterType({
  name: 'account',
  regexp: /[A-Za-z0-9][\w-]*/,
  transformer: (alias: string) => alias,
});

/** 'B', 'B and C', 'B, C and D' */
defineParameterType({
  name: 'accounts',
  regexp: /[A-Za-z0-9][\w-]*(?:(?:, | and )[A-Za-z0-9][\w-]*)*/,
  transformer: (list: string) => list.split(/, | and /),
});
