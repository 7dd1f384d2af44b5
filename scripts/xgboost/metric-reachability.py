#!/usr/bin/env python3
"""Shows that the metric-choice lab's two thresholds separate sensible from careless settings.

Trains XGBoost 1.7.4 (Debian's python3-xgboost, the release inside SageMaker's built-in XGBoost
1.7-1 container) on the lab's shipped data, each configuration over several seeds, and prints the
min / median / max of the final validation metric, the figure SageMaker reports as the job's
`validation:auc` (fraud) or `validation:mae` (houses).

    /usr/bin/python3 scripts/xgboost/metric-reachability.py [--seeds 5]

Keep FRAUD_MIN_AUC and HOUSES_MAX_MAE equal to MIN_FRAUD_AUC and MAX_HOUSES_MAE in
labs/metric-choice/lab.ts. CI does not run this; exits 1 when a threshold no longer separates.
"""
import argparse
import os
import statistics
import sys

import numpy as np
import xgboost as xgb

FRAUD_MIN_AUC = 0.88
HOUSES_MAX_MAE = 230.0
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'labs', 'metric-choice', 'data')

# (label, params, rounds): sensible choices pass, careless ones miss. scale_pos_weight 50 is about
# negatives / positives in the fraud training file (9,806 / 194).
FRAUD = {
    'sensible': [
        ('reference: scale_pos_weight=50, max_depth=2, eta=0.1, subsample=0.8, 300 rounds',
         {'objective': 'binary:logistic', 'scale_pos_weight': 50, 'max_depth': 2, 'eta': 0.1, 'subsample': 0.8}, 300),
        ('scale_pos_weight=50, max_depth=3, eta=0.05, min_child_weight=5, subsample=0.8, 200 rounds',
         {'objective': 'binary:logistic', 'scale_pos_weight': 50, 'max_depth': 3, 'eta': 0.05, 'min_child_weight': 5, 'subsample': 0.8}, 200),
        ('scale_pos_weight=50, max_depth=3, eta=0.1, subsample=0.8, 100 rounds',
         {'objective': 'binary:logistic', 'scale_pos_weight': 50, 'max_depth': 3, 'eta': 0.1, 'subsample': 0.8}, 100),
        ('scale_pos_weight=100, max_depth=2, eta=0.1, subsample=0.8, 300 rounds: the top of the accepted range',
         {'objective': 'binary:logistic', 'scale_pos_weight': 100, 'max_depth': 2, 'eta': 0.1, 'subsample': 0.8}, 300),
        ('scale_pos_weight=10, max_depth=3, eta=0.1, subsample=0.8, 200 rounds',
         {'objective': 'binary:logistic', 'scale_pos_weight': 10, 'max_depth': 3, 'eta': 0.1, 'subsample': 0.8}, 200),
    ],
    'careless': [
        ('defaults (max_depth=6, eta=0.3), scale_pos_weight=50, 100 rounds: memorises 194 weighted fraud rows',
         {'objective': 'binary:logistic', 'scale_pos_weight': 50}, 100),
        ('defaults, no scale_pos_weight, 100 rounds',
         {'objective': 'binary:logistic'}, 100),
        ('max_depth=10, eta=0.3, no scale_pos_weight, 300 rounds',
         {'objective': 'binary:logistic', 'max_depth': 10, 'eta': 0.3}, 300),
        ('scale_pos_weight=50, max_depth=4, eta=0.1, subsample=0.8, 200 rounds: deeper trees on the full weight',
         {'objective': 'binary:logistic', 'scale_pos_weight': 50, 'max_depth': 4, 'eta': 0.1, 'subsample': 0.8}, 200),
    ],
}
HOUSES = {
    'sensible': [
        ('reference: reg:absoluteerror, max_depth=4, eta=0.1, subsample=0.8, 300 rounds',
         {'objective': 'reg:absoluteerror', 'max_depth': 4, 'eta': 0.1, 'subsample': 0.8}, 300),
        ('reg:absoluteerror, max_depth=3, eta=0.1, subsample=0.8, 300 rounds',
         {'objective': 'reg:absoluteerror', 'max_depth': 3, 'eta': 0.1, 'subsample': 0.8}, 300),
        ('reg:absoluteerror, defaults (max_depth=6, eta=0.3), 100 rounds',
         {'objective': 'reg:absoluteerror'}, 100),
    ],
    'careless': [
        ('reg:squarederror, max_depth=4, eta=0.1, subsample=0.8, 300 rounds',
         {'objective': 'reg:squarederror', 'max_depth': 4, 'eta': 0.1, 'subsample': 0.8}, 300),
        ('reg:squarederror, max_depth=3, eta=0.1, subsample=0.8, 200 rounds',
         {'objective': 'reg:squarederror', 'max_depth': 3, 'eta': 0.1, 'subsample': 0.8}, 200),
        ('reg:squarederror, defaults, 100 rounds',
         {'objective': 'reg:squarederror'}, 100),
        ('reg:pseudohubererror, default huber_slope=1, max_depth=4, eta=0.1, 300 rounds',
         {'objective': 'reg:pseudohubererror', 'max_depth': 4, 'eta': 0.1, 'subsample': 0.8}, 300),
    ],
}


def matrices(problem: str, train: str, validation: str) -> tuple:
    def load(channel: str, name: str) -> xgb.DMatrix:
        # The built-in algorithm's CSV contract: label in the first column, no header.
        rows = np.loadtxt(os.path.join(DATA, problem, channel, name), delimiter=',', ndmin=2)
        return xgb.DMatrix(rows[:, 1:], label=rows[:, 0])
    return load('train', train), load('validation', validation)


def final(metric: str, params: dict, rounds: int, seed: int, dtrain, dvalid) -> float:
    history: dict = {}
    xgb.train({**params, 'eval_metric': metric, 'seed': seed, 'verbosity': 0, 'nthread': 1}, dtrain, rounds,
              evals=[(dvalid, 'validation')], evals_result=history, verbose_eval=False)
    return history['validation'][metric][-1]


def spread(name: str, metric: str, configs: dict, seeds: int, dtrain, dvalid) -> tuple:
    lows, highs = [], []
    for kind in ('sensible', 'careless'):
        for label, params, rounds in configs[kind]:
            values = [final(metric, params, rounds, seed, dtrain, dvalid) for seed in range(seeds)]
            lo, mid, hi = min(values), statistics.median(values), max(values)
            print(f'{name} {kind:9} min {lo:.4f} median {mid:.4f} max {hi:.4f}  {label}', flush=True)
            (lows if kind == 'sensible' else highs).append((lo, hi))
    return lows, highs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--seeds', type=int, default=5, help='seeds 0..N-1 per configuration (default 5)')
    seeds = parser.parse_args().seeds
    print(f'xgboost {xgb.__version__}; seeds 0-{seeds - 1}')
    sensible, careless = spread('fraud ', 'auc', FRAUD, seeds, *matrices('fraud', 'payments-train.csv', 'payments-validation.csv'))
    worst, best = min(lo for lo, _ in sensible), max(hi for _, hi in careless)
    fraud_ok = worst >= FRAUD_MIN_AUC > best
    print(f'fraud: worst sensible {worst:.4f}, best careless {best:.4f}, threshold validation:auc >= {FRAUD_MIN_AUC}')
    sensible, careless = spread('houses', 'mae', HOUSES, seeds, *matrices('houses', 'houses-train.csv', 'houses-validation.csv'))
    worst, best = max(hi for _, hi in sensible), min(lo for lo, _ in careless)
    houses_ok = worst <= HOUSES_MAX_MAE < best
    print(f'houses: worst sensible {worst:.2f}, best careless {best:.2f}, threshold validation:mae <= {HOUSES_MAX_MAE}')
    ok = fraud_ok and houses_ok
    print('premise holds' if ok else 'PREMISE BROKEN: a threshold does not separate sensible from careless settings')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
