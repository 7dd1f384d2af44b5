#!/usr/bin/env python3
"""Shows that the hyperparameter-tuning lab's AUC threshold is reachable by the stated search and missed by careless ones.

SageMaker's Bayesian search cannot run offline, so this script stands in for it with what every
strategy starts from: seeded random samples from the lab's stated ranges, as many as the stated
MaxNumberOfTrainingJobs, each trained with XGBoost 1.7.4 (Debian's python3-xgboost, the release in
SageMaker's built-in XGBoost 1.7-1 container) on the xgboost-builtin lab's shipped churn data. The
best validation AUC of a search is what the tuning job reports as its best training job's
FinalHyperParameterTuningJobObjectiveMetric. Bayesian search uses the completed jobs' results to
pick the next values, so random sampling of the same budget is a conservative stand-in.

    /usr/bin/python3 scripts/xgboost/tuning-reachability.py [--searches 4]

Scenarios, each over seeds 0..N-1 (the seed draws the values and seeds XGBoost's subsampling):
  stated    eta on a log scale over [0.01, 0.5], max_depth 2-8, min_child_weight 1-10, 10 jobs
  linear    the same ranges but eta sampled linearly over [0.001, 1] (the careless range)
  few jobs  the stated ranges with only the first 3 jobs of each stated search
The reference row trains xgboost-builtin's reference hyperparameters, the defaults row XGBoost's
defaults (eta 0.3, max_depth 6, min_child_weight 1), both for comparison.
CI does not run this (the suite needs no Python); the figures are quoted beside MIN_BEST_AUC in
labs/hyperparameter-tuning/lab.ts.
"""
import argparse
import math
import os
import statistics
import sys

import numpy as np
import xgboost as xgb

# Keep equal to the constants in labs/hyperparameter-tuning/lab.ts.
THRESHOLD = 0.913
MAX_JOBS = 10
FEW_JOBS = 3
STATIC = {'objective': 'binary:logistic', 'eval_metric': 'auc', 'subsample': 0.8, 'verbosity': 0, 'nthread': 1}
NUM_ROUND = 200
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'labs', 'xgboost-builtin', 'data')


def load(channel: str, name: str) -> xgb.DMatrix:
    rows = np.loadtxt(os.path.join(DATA, channel, name), delimiter=',', ndmin=2)
    return xgb.DMatrix(rows[:, 1:], label=rows[:, 0])


def validation_auc(params: dict, seed: int, dtrain: xgb.DMatrix, dvalid: xgb.DMatrix) -> float:
    history: dict = {}
    xgb.train({**STATIC, **params, 'seed': seed}, dtrain, NUM_ROUND, evals=[(dvalid, 'validation')],
              evals_result=history, verbose_eval=False)
    return history['validation']['auc'][-1]


def sample(rng: np.random.RandomState, eta_scale: str) -> dict:
    if eta_scale == 'log':
        eta = math.exp(rng.uniform(math.log(0.01), math.log(0.5)))
    else:
        eta = rng.uniform(0.001, 1.0)
    return {'eta': eta, 'max_depth': int(rng.randint(2, 9)), 'min_child_weight': rng.uniform(1, 10)}


def search(seed: int, eta_scale: str, dtrain: xgb.DMatrix, dvalid: xgb.DMatrix) -> list:
    rng = np.random.RandomState(seed)
    results = []
    for _ in range(MAX_JOBS):
        params = sample(rng, eta_scale)
        results.append((validation_auc(params, seed, dtrain, dvalid), params))
    return results


def describe(params: dict) -> str:
    return f"eta={params['eta']:.3f} max_depth={params['max_depth']} min_child_weight={params['min_child_weight']:.1f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--searches', type=int, default=4, help='seeds 0..N-1 per scenario (default 4)')
    searches = parser.parse_args().searches
    dtrain = load('train', 'churn-train.csv')
    dvalid = load('validation', 'churn-validation.csv')
    print(f'xgboost {xgb.__version__}; {MAX_JOBS} jobs per search, num_round={NUM_ROUND}, subsample=0.8; '
          f'threshold {THRESHOLD}; seeds 0-{searches - 1}', flush=True)
    reference = [validation_auc({'max_depth': 4, 'eta': 0.1}, s, dtrain, dvalid) for s in range(searches)]
    print(f'reference (xgboost-builtin: max_depth=4 eta=0.1 subsample=0.8 num_round=200): '
          f'min {min(reference):.4f} median {statistics.median(reference):.4f} max {max(reference):.4f}', flush=True)
    # The algorithm's own defaults (eta 0.3, max_depth 6, min_child_weight 1) with the same rounds.
    defaults = [validation_auc({}, s, dtrain, dvalid) for s in range(searches)]
    print(f'defaults (eta=0.3 max_depth=6 min_child_weight=1 subsample=0.8 num_round=200): '
          f'min {min(defaults):.4f} median {statistics.median(defaults):.4f} max {max(defaults):.4f}', flush=True)
    bests = {'stated': [], 'linear': [], 'few jobs': []}
    for seed in range(searches):
        for scale, label in (('log', 'stated'), ('linear', 'linear')):
            results = search(seed, scale, dtrain, dvalid)
            auc, params = max(results, key=lambda r: r[0])
            bests[label].append(auc)
            wasted = sum(1 for _, p in results if p['eta'] > 0.3)
            reaching = sum(1 for a, _ in results if a >= THRESHOLD)
            print(f'{label:8} seed {seed}: best {auc:.4f} ({describe(params)}); jobs with eta > 0.3: {wasted}/{MAX_JOBS}; '
                  f'jobs reaching {THRESHOLD}: {reaching}/{MAX_JOBS}; '
                  f'all: {" ".join(f"{a:.4f}" for a, _ in results)}', flush=True)
            if label == 'stated':
                few = max(a for a, _ in results[:FEW_JOBS])
                bests['few jobs'].append(few)
                print(f'few jobs seed {seed}: best of the first {FEW_JOBS} {few:.4f}', flush=True)
    for label, values in bests.items():
        reached = sum(1 for v in values if v >= THRESHOLD)
        print(f'{label:8}: best AUC min {min(values):.4f} median {statistics.median(values):.4f} max {max(values):.4f}; '
              f'{reached}/{len(values)} searches reach {THRESHOLD}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
