"""Reference solutions of notebook 05_autoencoder_mnist (used by tests/test_checks.py)."""

import numpy as np

exercise_1 = 32 * 32 * 16  # 16,384 numbers: 16 per pixel (Dense acts on the last axis, the 3 colours)


def exercise_2(x, x_hat):
    return ((x - x_hat) ** 2).reshape(len(x), -1).mean(axis=1)


# Σ|z| = 3.75 + 1.5 + 4.25 + 3.25 = 12.75 over a batch of 4 codes: 0.01 · 12.75 / 4
exercise_3 = 0.01 * 12.75 / 4

# z → 0.25·z (ReLU is positively homogeneous), so the penalty × 0.25; (4V)(0.25 z) = V z: reconstruction × 1
exercise_4 = (0.25, 1.0)

# Typical wrong answers, each of which the checker must reject.
WRONG = {
    "exercise_1": 16,  # encoding_dim alone: as if the source's model had flattened the image
    "exercise_2": lambda x, x_hat: np.mean((x - x_hat) ** 2, axis=-1),  # Keras's 'mse': last axis only
    "exercise_3": 0.01 * 12.75,  # forgot that Keras divides activity penalties by the batch size
    "exercise_4": (0.25, 4.0),  # forgot that the smaller code and the larger decoder cancel
}
