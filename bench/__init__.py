"""The benchmark suite: speed, memory and accuracy of riskscan, side by side with baselines.

`python -m bench` (or `python -m bench --quick`) generates fictional archives with the fixtures
generator (cached), measures each workload in its own subprocess (wall time and peak memory per
measurement), scores findings against the generator's truth, prints a table of figures, ratios
and targets, and writes bench-results.json. Nothing here is a timed test.
"""
