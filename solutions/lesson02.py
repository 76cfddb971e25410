"""Reference answers of lesson 02, The L2 and L1 objectives: ridge, lasso, and how to pick λ.
Try the exercise first.

Each ``exercise_N`` below is the answer that ``lesson02.exercise_N`` in the notebook accepts. ``EXPLANATIONS``,
at the end of the file, says for every exercise why the answer is right and what the usual mistake is; for an
exercise without a check (reasoning, an experiment) it holds a model answer. The course website's Solutions
page shows the same, question by question.
"""

import numpy as np

from course_lib.checks.lesson02 import EXERCISE_X, EXERCISE_Y, SEED_LAM, SEED_M
from course_lib.norms import soft_threshold

exercise_1 = 2 * np.max(np.abs(EXERCISE_X.T @ EXERCISE_Y))
exercise_2 = SEED_LAM / (2 * SEED_M)  # 0.02


def exercise_3(w, X, y, lam, step):
    m = len(y)
    return soft_threshold(w - step * X.T @ (X @ w - y) / m, step * lam / (2 * m))


# The lasso path of the exercise data has exactly 3 non-zero weights for λ between about 16.7 and 59.3
# (sklearn.linear_model.lars_path(EXERCISE_X, EXERCISE_Y, method="lasso"): knots 2m·alpha); 30 is well inside.
exercise_4 = 30.0

EXPLANATIONS = {
    "exercise_1": """
        w = 0 solves the lasso when the data term's gradient at w = 0, −Xᵀy/m, lies inside the set of the
        penalty's subgradients there, the vectors with entries in [−λ/(2m), λ/(2m)]. That holds when
        max|Xᵀy|/m ≤ λ/(2m), that is for λ ≥ λ_max = 2·max|Xᵀy|: the factors 1/m cancel, and no division
        by m remains. Usual mistakes: max|Xᵀy|/m, which is scikit-learn's alpha_max in its own convention,
        and forgetting `np.abs`, which takes the largest positive entry of Xᵀy instead of the largest in
        size (here the largest in size is negative).
    """,
    "exercise_2": """
        scikit-learn's `Lasso` minimises 1/(2m)·‖y − Xw‖² + alpha·‖w‖₁ and the source minimises
        1/(2m)·‖Xw − y‖² + λ/(2m)·‖w‖₁. The data terms are the same, so the penalties must be too:
        alpha = λ/(2m) = 6 / (2 · 150) = 0.02 (appendix A). The usual mistake copies λ = 6 as alpha: a
        penalty 2m = 300 times too strong.
    """,
    "exercise_3": """
        One ISTA step for the source's J = 1/(2m)·‖Xw − y‖² + λ/(2m)·‖w‖₁ is a gradient step of length
        `step` on the data term alone, v = w − step · Xᵀ(Xw − y)/m, followed by the proximal operator of
        `step` times the penalty: soft-thresholding at step · λ/(2m) (lesson 01, section 5). The usual
        mistake thresholds at λ itself, forgetting both the source's 1/(2m) and the step length, and so
        zeroes far too much. Putting λ/(2m)·sign(w) into the gradient step instead is subgradient descent,
        which gives no exact zeros (section 4).
    """,
    "exercise_4": """
        Any λ between the two knots of the lasso path where the third and the fourth feature enter, about
        17 and 59 in the source's convention, gives exactly 3 non-zero weights; 30 is well inside. Start
        from λ_max (exercise 1), where no feature is in, and lower λ while you count
        `np.count_nonzero(lasso_fista(EXERCISE_X, EXERCISE_Y, lam).coef)`: the count grows as λ falls
        (a feature can also leave again further down a path, section 5). The usual mistake is a λ that is
        too large: at λ = 100 only one feature is left.
    """,
    "exercise_5": """
        *Model answer.* scikit-learn's alpha is λ/(2m). The same source λ = 6 on m = 600 samples is
        alpha = 6 / 1200 = 0.005, four times smaller than exercise 2's 0.02. The same strength per sample,
        Keras's c = λ/m = 6/150 = 0.04, means λ = 0.04 · 600 = 24 on 600 samples and alpha = 24 / 1200 = 0.02:
        alpha = c/2 is itself a strength per sample, so it does not change. The two differ because the
        data term is a sum over the m samples and grows with m while the source's penalty does not
        (appendix B): a fixed source λ regularizes less as m grows, a fixed c keeps the same strength per
        sample. More data usually needs less regularization per sample (lesson 03's exercise 4 shows the
        chosen c falling with ten times the data), which speaks for starting near alpha = 0.005; but how
        much less is not known in advance, so let the grid of the cross-validation span both values and
        go beyond them. Neither makes the cross-validation unnecessary: the best λ depends on the data
        themselves (the noise, the features, the true weights), not only on their number.
    """,
}
