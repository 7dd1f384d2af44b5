"""Measures MIN_TEST_AUC's margins (labs/pipeline-registry/lab.ts) on the shipped extract, with
the reference pipeline's split (preprocess.py) and evaluation (evaluate.py), on XGBoost 1.7.4
(Debian's python3-xgboost, the release in SageMaker's XGBoost 1.7-1 image).

    /usr/bin/python3 labs/pipeline-registry/code/reachability.py
"""
import os
import sys

import numpy as np
import xgboost

sys.path.insert(0, os.path.dirname(__file__))
from evaluate import test_auc  # noqa: E402
from preprocess import read_extract, split  # noqa: E402

RAW = os.path.join(os.path.dirname(__file__), "..", "data", "raw", "churn-raw.csv")

SENSIBLE = {
    "reference": {"max_depth": 4, "eta": 0.1, "subsample": 0.8, "num_round": 200},
    "depth3": {"max_depth": 3, "eta": 0.1, "num_round": 300},
    "depth5": {"max_depth": 5, "eta": 0.05, "num_round": 300},
}
CARELESS = {
    "stumps": {"max_depth": 1, "eta": 0.3, "num_round": 10},
    "smoke-test": {"max_depth": 6, "eta": 0.3, "num_round": 3},
}


def measured(settings, seed):
    train, _validation, test = split(read_extract(RAW), seed)
    params = {"objective": "binary:logistic", "eval_metric": "auc", "seed": 0, "nthread": 1}
    params.update({k: v for k, v in settings.items() if k != "num_round"})
    booster = xgboost.train(params, xgboost.DMatrix(train[:, 1:], label=train[:, 0]), settings["num_round"])
    return test_auc(booster, test[:, 1:], test[:, 0])


if __name__ == "__main__":
    print("xgboost", xgboost.__version__)
    for group, configs in (("sensible", SENSIBLE), ("careless", CARELESS)):
        for name, settings in configs.items():
            values = [measured(settings, seed) for seed in range(42, 52)]
            print(f"{group:9} {name:13} min {min(values):.4f} median {np.median(values):.4f} max {max(values):.4f}")
