/**
 * Snippets for undefined steps in crossgate's own form (steps/support/define.ts), one
 * per step: the first expression Cucumber generates, not every permutation of the
 * parameter types that happen to match.
 */
interface GeneratedExpression { source: string; parameterNames: string[] }

export default class CrossgateSnippetSyntax {
  build({ comment, generatedExpressions, stepParameterNames }: { comment: string; functionName: string; generatedExpressions: readonly GeneratedExpression[]; stepParameterNames: string[] }): string {
    const first = generatedExpressions[0];
    const source = (first?.source ?? '').replace(/\\/g, '\\\\').replace(/'/g, "\\'");
    const names = [...(first?.parameterNames ?? []), ...stepParameterNames];
    return [
      `step('Then', '${source}', { description: '…', example: '…', layer: 'static' }, async function (this: CrossgateWorld${names.map((n) => `, ${n}: unknown`).join('')}) {`,
      `  // ${comment}`,
      "  return 'pending';",
      '});',
    ].join('\n');
  }
}
