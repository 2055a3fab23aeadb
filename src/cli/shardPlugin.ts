/**
 * The Cucumber plugin behind `crossgate run --shard i/n`: keeps this shard's
 * scenarios after Cucumber's own filters (paths, names, tags) have run.
 */
import type { Plugin } from '@cucumber/cucumber/api';
import { parseShard, scenarioKey, selectShard } from './shard.ts';

export const SHARD_OPTIONS_KEY = 'crossgateShard';

interface FilterablePickle {
  pickle: { uri: string; name: string; steps: readonly { text: string; argument?: unknown }[] };
}

const shardPlugin: Plugin<{ shard?: string }> = {
  type: 'plugin',
  optionsKey: SHARD_OPTIONS_KEY,
  coordinator({ transform, options }) {
    if (!options.shard) return;
    const shard = parseShard(options.shard);
    transform('pickles:filter', (pickles) =>
      selectShard(pickles as readonly FilterablePickle[], ({ pickle }) => scenarioKey({ uri: pickle.uri, name: pickle.name, steps: [...pickle.steps] }), shard) as unknown as typeof pickles,
    );
  },
};

export default shardPlugin;
