#!/usr/bin/env python3
"""Compares the learning objectives a learner might give the xgboost-builtin lab's job.

Trains XGBoost 1.7.4 (the release in SageMaker's XGBoost 1.7-1 container) on the shipped churn data
with the lab's reference hyperparameters and each objective below, and prints, against
binary:logistic: the largest difference between the validation predictions, the validation AUC,
and how many predictions fall outside [0, 1] (a score that cannot be a probability).

    /usr/bin/python3 scripts/xgboost/objectives.py

The figures decide what R3 of the lab accepts (labs/xgboost-builtin/checks.ts): an objective whose
predictions equal binary:logistic's is the same model and passes; the others fail with a reason
these figures support. Exits 1 when reg:logistic stops matching binary:logistic.
"""
import sys

import numpy as np
import xgboost as xgb

from reachability import matrices

BASE = {'max_depth': 4, 'eta': 0.1, 'subsample': 0.8, 'seed': 0, 'eval_metric': 'auc', 'verbosity': 0}
ROUNDS = 200
OBJECTIVES = ['binary:logistic', 'reg:logistic', 'binary:logitraw', 'reg:squarederror']


def auc(labels: np.ndarray, scores: np.ndarray) -> float:
    # Mann-Whitney U with average ranks for ties: the AUC XGBoost reports, without scikit-learn.
    order = np.argsort(scores, kind='mergesort')
    ranks = np.empty(len(scores))
    sorted_scores = scores[order]
    i = 0
    while i < len(scores):
        j = i
        while j + 1 < len(scores) and sorted_scores[j + 1] == sorted_scores[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    positives = labels == 1
    n_pos, n_neg = positives.sum(), (~positives).sum()
    return float((ranks[positives].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def main() -> int:
    dtrain, dvalid, _, valid_rows = matrices()
    labels = valid_rows[:, 0]
    predictions = {}
    for objective in OBJECTIVES:
        booster = xgb.train({**BASE, 'objective': objective}, dtrain, ROUNDS)
        predictions[objective] = booster.predict(dvalid)
    reference = predictions['binary:logistic']
    print(f'xgboost {xgb.__version__}; max_depth=4, eta=0.1, subsample=0.8, seed=0, num_round={ROUNDS}; '
          f'{len(labels)} validation rows')
    for objective, scores in predictions.items():
        outside = int(((scores < 0) | (scores > 1)).sum())
        print(f'{objective:17} max |p - p(binary:logistic)| = {np.abs(scores - reference).max():.6g}  '
              f'AUC {auc(labels, scores):.4f}  outside [0, 1]: {outside}  range [{scores.min():.4f}, {scores.max():.4f}]')
    same = np.abs(predictions['reg:logistic'] - reference).max() == 0.0
    print('reg:logistic gives the same predictions as binary:logistic' if same else 'reg:logistic DIFFERS from binary:logistic')
    return 0 if same else 1


if __name__ == '__main__':
    sys.exit(main())
