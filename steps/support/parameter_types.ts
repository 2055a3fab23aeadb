/**
 * Gherkin words that name things: principals (actors), roles, APIs, HTTP methods, paths.
 */
import { defineParameterType } from '@cucumber/cucumber';
import type { CrossgateWorld } from './world.ts';

defineParameterType({
  // Words that match almost anything: a snippet for an undefined step should not turn every word into one.
  useForSnippets: false,
  name: 'actor',
  regexp: /[a-z][a-z0-9_-]*/,
  transformer(this: CrossgateWorld, name: string) {
    return this.actor(name);
  },
});

defineParameterType({
  // Words that match almost anything: a snippet for an undefined step should not turn every word into one.
  useForSnippets: false,
  name: 'role',
  regexp: /[A-Za-z][\w+=,.@-]*[\w+=@-]/,
  transformer: (name: string) => name,
});

defineParameterType({
  // Words that match almost anything: a snippet for an undefined step should not turn every word into one.
  useForSnippets: false,
  name: 'method',
  regexp: /GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS/,
  transformer: (m: string) => m,
});

defineParameterType({
  // Words that match almost anything: a snippet for an undefined step should not turn every word into one.
  useForSnippets: false,
  name: 'path',
  regexp: /\/[^\s]*/,
  transformer: (p: string) => p,
});

defineParameterType({
  // Words that match almost anything: a snippet for an undefined step should not turn every word into one.
  useForSnippets: false,
  name: 'account',
  regexp: /[A-Za-z0-9][\w-]*/,
  transformer: (alias: string) => alias,
});

/** 'B', 'B and C', 'B, C and D' */
defineParameterType({
  // Words that match almost anything: a snippet for an undefined step should not turn every word into one.
  useForSnippets: false,
  name: 'accounts',
  regexp: /[A-Za-z0-9][\w-]*(?:(?:, | and )[A-Za-z0-9][\w-]*)*/,
  transformer: (list: string) => list.split(/, | and /),
});
