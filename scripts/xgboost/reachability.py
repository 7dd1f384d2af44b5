#!/usr/bin/env python3
"""Shows that the xgboost-builtin lab's validation threshold separates sensible from careless settings.

Trains XGBoost 1.7.4 (Debian's python3-xgboost, the release inside SageMaker's built-in XGBoost
1.7-1 container) on the shipped churn data with sensible configurations and with plausible careless
ones, each over several seeds, and prints the distribution (min / median / max) of the validation AUC
each one ends with: the figure SageMaker reports as the training job's final `validation:auc`.

    apt-get install -y python3-xgboost      # 1.7.4 on Debian 12
    /usr/bin/python3 scripts/xgboost/reachability.py [--seeds 10]

The seed drives row and column subsampling; a configuration without subsampling trains the same
trees whatever the seed, so its distribution is a single value. The threshold is placed in the gap
between the worst sensible run and the best careless run, and each side must keep at least MARGIN
from it, so a learner who chose sensibly never misses it by a seed's luck, and a careless choice
never reaches it by one.

CI does not run this (the test suite needs no Python); the figures are quoted in the lab's note and
in MIN_VALIDATION_AUC's comment. Exits 1 when the premise breaks, so a change to the data generator
that breaks it is caught by whoever regenerates the data.
"""
import argparse
import json
import os
import statistics
import sys

import numpy as np
import xgboost as xgb

# Keep equal to MIN_VALIDATION_AUC in labs/xgboost-builtin/lab.ts.
THRESHOLD = 0.906
# The least distance either side must keep from the threshold, in AUC.
MARGIN = 0.003
LAB_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'labs', 'xgboost-builtin')

# The configurations, sensible and careless, with why each careless one is careless in its label.
CONFIGURATIONS = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'configurations.json')


def load(channel: str, name: str) -> np.ndarray:
    # The built-in algorithm's CSV contract: label in the first column, no header.
    return np.loadtxt(os.path.join(LAB_DIR, 'data', channel, name), delimiter=',', ndmin=2)


def matrices() -> tuple:
    train_rows = load('train', 'churn-train.csv')
    valid_rows = load('validation', 'churn-validation.csv')
    return (xgb.DMatrix(train_rows[:, 1:], label=train_rows[:, 0]), xgb.DMatrix(valid_rows[:, 1:], label=valid_rows[:, 0]),
            train_rows, valid_rows)


def validation_auc(params: dict, rounds: int, seed: int, dtrain: xgb.DMatrix, dvalid: xgb.DMatrix) -> float:
    history: dict = {}
    xgb.train({**params, 'eval_metric': 'auc', 'seed': seed, 'verbosity': 0}, dtrain, rounds,
              evals=[(dvalid, 'validation')], evals_result=history, verbose_eval=False)
    return history['validation']['auc'][-1]


def distribution(configs: list, seeds: int, dtrain: xgb.DMatrix, dvalid: xgb.DMatrix, kind: str) -> list:
    lows_highs = []
    for config in configs:
        aucs = [validation_auc(config['params'], config['rounds'], seed, dtrain, dvalid) for seed in range(seeds)]
        lo, mid, hi = min(aucs), statistics.median(aucs), max(aucs)
        print(f"{kind:9}  min {lo:.4f}  median {mid:.4f}  max {hi:.4f}  {config['label']}", flush=True)
        lows_highs.append((lo, hi))
    return lows_highs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--seeds', type=int, default=10, help='seeds 0..N-1 per configuration (default 10)')
    seeds = parser.parse_args().seeds
    dtrain, dvalid, train_rows, valid_rows = matrices()
    print(f'xgboost {xgb.__version__}; train {len(train_rows)} rows (churn rate {train_rows[:, 0].mean():.3f}), '
          f'validation {len(valid_rows)} rows (churn rate {valid_rows[:, 0].mean():.3f}); seeds 0-{seeds - 1}; '
          f'threshold validation:auc >= {THRESHOLD}, margin {MARGIN}')
    with open(CONFIGURATIONS, encoding='utf-8') as f:
        configurations = json.load(f)
    sensible = distribution(configurations['sensible'], seeds, dtrain, dvalid, 'sensible')
    careless = distribution(configurations['careless'], seeds, dtrain, dvalid, 'careless')
    worst_sensible = min(lo for lo, _ in sensible)
    best_careless = max(hi for _, hi in careless)
    print(f'worst sensible run {worst_sensible:.4f} (threshold + {worst_sensible - THRESHOLD:.4f}); '
          f'best careless run {best_careless:.4f} (threshold - {THRESHOLD - best_careless:.4f}); '
          f'gap midpoint {(worst_sensible + best_careless) / 2:.4f}')
    ok = worst_sensible >= THRESHOLD + MARGIN and best_careless <= THRESHOLD - MARGIN
    print('premise holds' if ok else 'PREMISE BROKEN: the threshold does not separate sensible from careless settings by the margin')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
