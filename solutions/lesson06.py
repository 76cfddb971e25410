"""Reference answers of lesson 06, CNN classification on MNIST: L1, L2, dropout, weight decay and early stopping,
measured. Try the exercise first.

Each ``exercise_N`` below is the answer that ``lesson06.exercise_N`` in the notebook accepts. ``EXPLANATIONS``,
at the end of the file, says for every exercise why the answer is right and what the usual mistake is; for an
exercise without a check (reasoning, an experiment) it holds a model answer. The course website's Solutions
page shows the same, question by question.
"""

import numpy as np
from scipy import stats

from course_lib.checks.lesson06 import METHOD_A, METHOD_B

# conv_1 3·3·1·8 + conv_2 3·3·8·16 + dense (5·5·16)·32 + probs 32·10 = 72 + 1152 + 12800 + 320
exercise_1 = 14_344
exercise_2 = 0.8 * (1 - 0.01 * 0.05) ** 200  # ≈ 0.7239

_d = METHOD_B - METHOD_A  # paired: one difference per seed
exercise_3 = _d.mean() + stats.t.ppf(0.975, len(_d) - 1) * _d.std(ddof=1) / np.sqrt(len(_d))  # ≈ −0.0070

# for c in (0.5, 0.05, 0.005, 0.0005, 0.00005):
#     print(c, trajectory(keras.optimizers.Adam(LR_DEMO), c=c)[-1, 1])
exercise_4 = {0.00005}

EXPLANATIONS = {
    "exercise_1": """
        An L2 kernel penalty acts on the kernels only, never on the biases. The image goes 28 × 28 → valid
        3 × 3 convolution → 26 × 26 → 2 × 2 pooling → 13 × 13 → convolution → 11 × 11 → pooling → 5 × 5, so
        the kernels hold 3·3·1·8 = 72, 3·3·8·16 = 1,152, (5·5·16)·32 = 12,800 and 32·10 = 320 weights:
        14,344 in all. The usual mistake is `model.count_params()`, 14,410, which also counts the 66 biases
        (8 + 16 + 32 + 10).
    """,
    "exercise_2": """
        Keras's AdamW decays the weights apart from the Adam update: at each step it multiplies every
        weight by 1 − learning_rate · weight_decay (section 6). With a zero gradient the Adam update is 0,
        so only the decay acts: 0.8 · (1 − 0.01 · 0.05)²⁰⁰ = 0.8 · 0.9995²⁰⁰ ≈ 0.724. The usual mistake,
        0.8 · (1 − 0.05)²⁰⁰, forgets that Keras multiplies the decay by the learning rate.
    """,
    "exercise_3": """
        Both methods ran on the same 5 seeds, so compare them seed by seed: d = B − A, one difference per
        seed. The paired 95 % t interval of the mean difference is mean(d) ± t · std(d, ddof=1) / √n, with
        n = 5 and t = `scipy.stats.t.ppf(0.975, 4)` ≈ 2.776; its upper end is about −0.0070. It lies below
        0, so B's lower cross-entropy is established, although the unpaired mean ± std ranges overlap:
        pairing removes the seed-to-seed spread that both methods share. The usual mistake is an unpaired
        computation, which keeps that shared spread and gives an interval that includes 0.
    """,
    "exercise_4": """
        Adam divides the whole gradient of a weight, the data gradient plus the penalty's 2cw, by a running
        estimate of its size. This weight's data gradient alternates ±0.001. As long as 2cw is not small
        next to it (c = 0.0005 and above, with w near 1), Adam turns the penalty's pull into steps of about
        the learning rate towards 0 whatever c is, and the weight loses more than half its value within 300
        steps: c = 0.5, 0.05 and 0.005 bring it below half at about the same step. Only at c = 0.00005,
        where 2cw is much smaller than the data gradient, is the pull divided by the data gradient's size,
        and the weight keeps more than half. The usual mistake adds 0.0005, expecting a ten times smaller c
        to decay ten times more slowly, as under plain SGD.
    """,
}
