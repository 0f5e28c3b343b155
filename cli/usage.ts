import { DEFAULT_LINEARIZABILITY_BUDGET } from "../engine/linearizability.js";

export const usage = `invariant-lab: checks designs for invariants that span aggregates against a reference model.

Usage:
  invariant-lab verify [options]   run the verification matrix and print the verdicts
  invariant-lab cost [options]     the price of each correct design under real concurrency (docs/cost.md)
  invariant-lab merge FILE…        combine the results of a run split with --shard into one verdict
  invariant-lab list               list scenarios, implementations and backends
  invariant-lab help               show this text

verify options:
  --scenario NAME     only this scenario (repeatable); default: every scenario of the design's family
  --impl NAME|FILE    only this built-in design, or a team's own implementation file (repeatable)
  --family FILE       a team's own family (defineFamily), for the designs of --impl files that
                      implement it; a design file that exports its family needs none (repeatable)
  --backend NAME      only designs on this backend: memory, postgres, mariadb (repeatable)
  --mode MODE         sequential, concurrent or all (default: all)
  --runs N            random runs per check (default: 2000 in memory, 200 on PostgreSQL and
                      MariaDB; for the eventually-consistent designs, faults included: 300 and 100)
  --seed N            seed of the whole run (-2147483648 to 2147483647); printed at the top so a run
                      can be repeated exactly
  --path P            with --seed, replay one counterexample directly (printed in each report)
  --time-limit MS     per-run limit; a run that exceeds it is reported as hung
  --linearizability-budget N
                      search states the linearizability check of one run may visit (default ${DEFAULT_LINEARIZABILITY_BUDGET});
                      a run that needs more is undecided, and its verdict "unknown"
  --summary           one line per verdict, without counterexample timelines
  --verbose           also the full report of each known-broken design caught as expected
                      (by default only unexpected verdicts and replays get one)
  --reporter R        text (default), or junit or json: also write a report for CI systems
  --output FILE       the file the junit or json report is written to
  --strategy S        how random runs interleave: uniform (default: random walks, a failing one
                      shrunk as preemption points), preemptions, mixed (half each) or pct
  --html FILE         also write the run as one HTML page: a table of every verdict, every
                      counterexample as swimlanes (random and exhaustive mode)
  --workers N|auto    worker threads that share the run (default 1; auto: one per core); the
                      verdicts are the same whatever the number
  --shard K/N         run only shard K of N (docs/ci.md): every Nth check in random mode (needs
                      --seed), every Nth program of each proof domain with --exhaustive
  --shard-result FILE write this shard's result for invariant-lab merge

exhaustive mode (docs/proof-mode.md): every interleaving of every small program of each family's
proof domain: a proof ("verified: all interleavings …") or a counterexample minimal by construction.
  --exhaustive            prove instead of sampling (in memory unless --backend or --impl says otherwise);
                          --mode, --runs, --seed, --path, --strategy do not apply
  --budget N|Ns           stop after N executions or N seconds; an unfinished search is never a proof
  --preemption-bound B    only interleavings with at most B preemptions (turns reduction off)
  --domain NAME           the programs proved: default, sequenced (tasks of two commands after a prefix too; about 1.5× the executions),
                          or pairs (two concurrent commands from the starting state: sized for PostgreSQL)
  --no-reduction          explore every order, also of steps that commute (default: source-set DPOR with sleep sets)
  --measure-reduction     run the search again without reduction and report the factor
  --replay TOKEN          with one --scenario and --impl, replay a counterexample (printed in its report)

cost options: --scenario, --impl and --backend select as for verify (memory and postgres only)
  --workers N         commands in flight at once (default 8, at most 16)
  --commands N        commands per design and setting (default 4000 in memory, 600 on PostgreSQL)
  --hot-spot H        one (the scenario's own ids), many (--spread copies of them) or both (default)
  --spread N          copies of the ids under --hot-spot many (default 16)
  --seed N            seeds the workload (default 1): every design of a scenario gets the same commands
  --time-limit MS     per command (default 10000); a command that does not answer counts as an error
  --markdown          print the tables as Markdown

Exit status: 0 when every verdict is the expected one, 1 when some verdict is not, 2 on bad input.`;
