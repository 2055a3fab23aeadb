import { matchesWildcard } from './pattern.ts';

/**
 * Action patterns match case-insensitively ('execute-api:invoke' equals
 * 'execute-api:Invoke'), with '*' and '?' wildcards; '*' alone matches every action.
 */
export function actionMatches(pattern: string, action: string): boolean {
  return pattern === '*' || matchesWildcard(pattern, action, { ignoreCase: true });
}

export function anyActionMatches(patterns: readonly string[], action: string): boolean {
  return patterns.some((p) => actionMatches(p, action));
}
