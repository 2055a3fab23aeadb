/**
 * The policy simulator's two operations: SimulatePrincipalPolicy (authorized on the
 * policy source, which must be in the caller's account) and SimulateCustomPolicy
 * (authorized on '*'). Results are paged with Marker and MaxItems (a page may end
 * early, as IAM's may); a marker only continues the same simulation.
 */
import { operation, type Operation } from '../../../operation/define.ts';
import { entityOf, invalidInput, simulationPage } from '../simulate.ts';
import { simulationInputOf, type SimulationInput, type SimulationRequest } from '../simulateInput.ts';

function simulation(name: SimulationInput['action']): Operation {
  return operation<SimulationRequest>({
    name,
    authorization(ctx, input) {
      if (name === 'SimulateCustomPolicy') return { action: `iam:${name}`, resource: '*', resourceAccount: ctx.accountId };
      const source = input.PolicySourceArn!;
      // Told from the ARN alone: nothing is looked up before the caller is authorized.
      const entity = entityOf(source);
      if (entity.accountId !== ctx.accountId) {
        throw invalidInput(`Invalid Policy Source Arn: caller's account ${ctx.accountId} does not have access to policies in account ${entity.accountId}`);
      }
      return { action: `iam:${name}`, resource: source, resourceAccount: ctx.accountId };
    },
    // Evaluated a slice at a time, so a large simulation never holds the server (simulate.ts).
    run: (ctx, input) => simulationPage(ctx.state, ctx.accountId, simulationInputOf(name, input)),
  });
}

export const SIMULATION_OPERATIONS: readonly Operation[] = [simulation('SimulatePrincipalPolicy'), simulation('SimulateCustomPolicy')];
