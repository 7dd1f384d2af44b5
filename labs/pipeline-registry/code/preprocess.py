"""Preprocessing step of the reference pipeline (pipeline-registry lab).

Splits the raw churn extract into train (70%), validation (15%) and test (15%) with a fixed seed,
and writes each split in the format built-in XGBoost reads for text/csv: label first, no header.
Runs in the SageMaker scikit-learn processing container; inputs and outputs are the processing
job's local paths (https://docs.aws.amazon.com/sagemaker/latest/dg/processing-job.html).
"""
import argparse
import os

import numpy as np

SEED = 42


def split(rows, seed=SEED):
    """rows: a 2-D array, label first. Returns train, validation, test (70/15/15), shuffled by seed."""
    shuffled = rows[np.random.default_rng(seed).permutation(len(rows))]
    a, b = int(len(rows) * 0.70), int(len(rows) * 0.85)
    return shuffled[:a], shuffled[a:b], shuffled[b:]


def read_extract(path):
    return np.loadtxt(path, delimiter=",", skiprows=1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--input", default="/opt/ml/processing/input")
    parser.add_argument("--output", default="/opt/ml/processing")
    args = parser.parse_args()
    files = [os.path.join(args.input, f) for f in sorted(os.listdir(args.input)) if f.endswith(".csv")]
    rows = np.concatenate([read_extract(f) for f in files])
    for name, part in zip(("train", "validation", "test"), split(rows)):
        os.makedirs(os.path.join(args.output, name), exist_ok=True)
        np.savetxt(os.path.join(args.output, name, f"{name}.csv"), part, delimiter=",", fmt="%g")
        print(name, len(part))


if __name__ == "__main__":
    main()
