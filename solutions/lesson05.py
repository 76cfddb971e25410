"""Reference solutions of notebook 05_cnn_classification (used by tests/test_checks.py)."""

import numpy as np

# conv_1 3·3·1·8 + conv_2 3·3·8·16 + dense (5·5·16)·32 + probs 32·10 = 72 + 1152 + 12800 + 320
exercise_1 = 14_344
exercise_2 = 0.8 * (1 - 0.01 * 0.05) ** 200  # ≈ 0.7239


def exercise_3(probs, labels):
    probs = np.asarray(probs)
    return -np.mean(np.log(probs[np.arange(len(labels)), labels]))


exercise_4 = {"kernels", "biases"}

# Typical wrong answers, each of which the checker must reject.
WRONG = {
    "exercise_1": 14_410,  # model.count_params(): the 66 biases are not penalized
    "exercise_2": 0.8 * (1 - 0.05) ** 200,  # forgot that Keras scales the decay by the learning rate
    "exercise_3": lambda probs, labels: -np.mean(np.log(np.max(probs, axis=1))),  # the predicted class
    "exercise_4": {"kernels"},  # that is kernel_regularizer, not weight_decay
}
