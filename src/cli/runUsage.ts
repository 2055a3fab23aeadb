/** `crossgate run --help` (apart, so that `crossgate --help` loads nothing else). */
export const RUN_USAGE = `usage: crossgate run [options] [FEATURE_PATH…] [-- cucumber-js options…]

  --profile NAME       cucumber.json profile: default (embedded AWS) or aws (real accounts)
  --config FILE        crossgate config (default: crossgate.config.json, or crossgate.aws.json for --profile aws)
  --estate FILE        estate file for the embedded AWS, instead of the config's
  --controls FILE      controls catalogue (repeatable: the catalogues are merged; default controls.json)
  --tags EXPR          only scenarios matching the tag expression (e.g. '@static and not @e2e'); declares the run partial
  --name REGEXP        only scenarios whose name matches (repeatable); declares the run partial
  --features PATH      feature files or folders (repeatable; same as positional paths); declares the run partial
  --shard i/n          this job's share of the scenarios, for CI matrices; merge with 'crossgate report merge'
  --partial            controls that do not run do not fail the run (its verdict says PARTIAL)
  --dry-run            match every step to its definition without checking anything (never PASSED)
  --fail-fast          stop at the first failed scenario
  --parallel N         run scenarios in N worker processes
  --retry N            retry a failed scenario up to N times
  --compare-to FILE    drift against an earlier compliance.json (new access fails the run)
  --accept FILE        new access that --compare-to accepts
  --reports DIR        where the reports go (default reports/)
  -h, --help           this help

Exit codes: 0 passed (or partial and nothing failed), 1 a control failed or did not run,
2 a usage or configuration error (nothing was checked), 130 interrupted.`;
