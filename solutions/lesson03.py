"""Reference answers of lesson 03, L2 and L1 on a small neural network: the penalty, measured.
Try the exercise first.

Each ``exercise_N`` below is the answer that ``lesson03.exercise_N`` in the notebook accepts. ``EXPLANATIONS``,
at the end of the file, says for every exercise why the answer is right and what the usual mistake is; for an
exercise without a check (reasoning, an experiment) it holds a model answer. The course website's Solutions
page shows the same, question by question.
"""

import numpy as np


def exercise_1(weights, c):
    return c * sum(np.sum(np.square(w)) for w in weights)


def exercise_2(w, g, lr, c):
    w_half = w - lr * g  # gradient step on the data loss
    return np.sign(w_half) * np.maximum(np.abs(w_half) - lr * c, 0.0)  # soft-thresholding by lr·c


EXPLANATIONS = {
    "exercise_1": """
        The penalty is c·Σw² over every entry of every array. The arrays have different shapes, so they
        cannot be stacked into one (that is why the source's `tf.square(model.trainable_variables)` fails):
        square and sum each array on its own, add the sums, and multiply by c. The usual mistake is the
        source's `reduce_mean`: a mean over all the entries divides the penalty by the number of weights
        (704 kernel weights in the lesson's MLP), so it is hundreds of times weaker than the formula says.
    """,
    "exercise_2": """
        A step of the proximal loop has two moves: a gradient step on the data loss alone, w − lr·g, then
        the proximal step of the penalty lr·c·‖w‖₁, soft-thresholding by lr·c, which moves every entry
        towards 0 by lr·c and stops at 0. The usual mistake is the subgradient step
        `w - lr * (g + c * np.sign(w))`: on a weight that the step carries across zero it lands on the
        other side of 0 instead of at 0, and it never gives an exact zero. That is why Adam + L1 left no
        weight at exactly 0 in section 4, while the proximal loop set most of them to 0.
    """,
    "exercise_3": """
        *Model answer.* Pair the two by seed (the rows of `results` are in seed order):

        ```python
        from course_lib.stats import paired

        l2_runs = results[(results.method == "L2") & (results.c == chosen["L2"])].sort_values("seed")
        print(paired(l2_runs.val_mse.to_numpy(), width_val[256]))
        ```

        In the lesson's run the 64 units with L2 have the lower validation MSE on average, and the paired
        95 % interval of the difference lies below 0. What it lets you say: on this problem, with 150
        training samples and on these 5 seeds, the penalized 64-unit network beats the unpenalized
        256-unit one on the validation set. What not: the L2 score is optimistic, since its c was chosen
        on these same 500 validation samples (and 256 units were the best width on them too), so only a
        test set could compare the two fairly; and it says nothing about other problems or data sizes. L2
        should help the 256-unit network as well, since it too fits the noise of its 150 samples: in a run
        of ours, L2 with the same c lowered its validation MSE (paired interval below 0) to about the level
        of 64 units with L2. To be sure, choose c for that width on validation again.
    """,
    "exercise_4": """
        *Model answer.* With `N_TRAIN = 1500` validation chooses a smaller c: in a run of ours c = 0.003
        for L2 (and for L1), the smallest value of the grid, so the best c may be smaller still: extend the
        grid downwards before you trust it. Its gain over no penalty is no longer established with 5 seeds.
        With ten times the data the network without a penalty hardly overfits any more: its training MSE
        stays near or above the noise floor, and its validation MSE is still falling at the last epoch on
        most seeds,
        so there is little left for a penalty to remove. This is what the source's scaling predicts:
        Keras's c is λ/m, so for a fixed λ, c falls like 1/m, ten times smaller for ten times the data.
        The data term is a sum over the m samples and grows with m, the penalty does not (lesson 02,
        appendix B).
    """,
    "exercise_5": """
        *Model answer.* Fix every choice on the validation set first (the c of L2, of Adam + L1 and of the
        proximal loop), then train the chosen settings and the baseline again on fresh seeds, for example
        seeds 5 to 9, each with its own new training set, and score only these new networks on the test
        set, paired by seed. With 4 settings (no penalty, L2, Adam + L1, the proximal loop) and 5 new seeds
        that is 20 more trainings, 4 runs of the trainer. The penalized settings won their place on
        validation, while the baseline had no choice to win, so the fresh test removes a small advantage
        from them. The gains over no penalty are large next to their intervals and should survive. The
        close comparisons are the ones that could change: Adam + L1 against L2, whose difference is much
        smaller, and the proximal loop against Adam + L1, where no difference was established and a new
        test could lean either way.
    """,
}
