"""Evaluation step of the reference pipeline (pipeline-registry lab).

Loads the XGBoost model the training step wrote (model.tar.gz), scores the held-out test split,
and writes evaluation.json, the report the pipeline's property file exposes to the condition step
and the model package's ModelQuality statistics point to. Runs in the built-in XGBoost 1.7-1 image
as a processing container (https://docs.aws.amazon.com/sagemaker/latest/dg/build-and-manage-propertyfile.html).
"""
import json
import os
import tarfile

import numpy as np
import xgboost


def test_auc(booster, features, labels):
    """ROC AUC as XGBoost computes it (eval_metric auc, the metric the built-in algorithm reports)."""
    booster.set_param("eval_metric", "auc")
    # Booster.eval answers "[0]\ttest-auc:0.904321".
    return float(booster.eval(xgboost.DMatrix(features, label=labels), "test").split(":")[-1])


def report(value):
    return {"binary_classification_metrics": {"auc": {"value": value, "standard_deviation": "NaN"}}}


def main(model_dir="/opt/ml/processing/model", test_dir="/opt/ml/processing/test", out_dir="/opt/ml/processing/evaluation"):
    with tarfile.open(os.path.join(model_dir, "model.tar.gz")) as archive:
        archive.extractall(".")
    booster = xgboost.Booster()
    booster.load_model("xgboost-model")
    data = np.loadtxt(os.path.join(test_dir, "test.csv"), delimiter=",")
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "evaluation.json"), "w") as f:
        json.dump(report(test_auc(booster, data[:, 1:], data[:, 0])), f)


if __name__ == "__main__":
    main()
