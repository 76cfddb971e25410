"""Reference answers of lesson 01, Norms: the rulers behind L1 and L2 regularization. Try the exercise first.

Each ``exercise_N`` below is the answer that ``lesson01.exercise_N`` in the notebook accepts. ``EXPLANATIONS``,
at the end of the file, says for every exercise why the answer is right and what the usual mistake is; for an
exercise without a check (reasoning, an experiment) it holds a model answer. The course website's Solutions
page shows the same, question by question.
"""

import numpy as np

exercise_1 = 0.5 + 2.0 + 0.0 + 1.5 + 0.5 + 0.0  # Σ|vᵢ| = 4.5

# The axis points (1, 0), (0, 1) tilted a little: ‖a + b‖_½ = 4·1.1 = 4.4 > 2·(1 + √0.1)² ≈ 3.46.
exercise_2 = ((1.0, 0.1), (0.1, 1.0))

# lam · ‖W‖_F² = 0.01 * matrix_norm(W, "fro") ** 2, with Σ W_ij² = 1 + 4 + 0 + 0.25 + 1 + 1 = 7.25
exercise_3 = 0.01 * (1.0 + 4.0 + 0.0 + 0.25 + 1.0 + 1.0)  # 0.0725


def exercise_4(x, t):
    return np.sign(x) * np.maximum(np.abs(x) - t, 0.0)


EXPLANATIONS = {
    "exercise_1": """
        ‖v‖₁ is the sum of the absolute values of all the entries:
        |0.5| + |−2| + |0| + |1.5| + |−0.5| + |0| = 4.5. Every entry counts, and a negative entry counts
        by its size. The usual mistake is the largest |vᵢ|, 2: that is ‖v‖∞, the norm that source 000
        wrongly calls L1.
    """,
    "exercise_2": """
        The p = ½ "norm" ‖x‖_½ = (Σ√|xᵢ|)² has a unit ball pinched between the axes (section 2), so two
        vectors near two different axes add up to something "longer" than both together. With
        a = (1, 0.1) and b = (0.1, 1), ‖a‖_½ = ‖b‖_½ = (1 + √0.1)² ≈ 1.73, so the right side is about 3.46,
        while a + b = (1.1, 1.1) has ‖a + b‖_½ = (2√1.1)² = 4.4; any other small non-zero entry instead of
        0.1 works too. The usual mistake is a pair pointing the same way, such as (1, 2) and (2, 4): for
        b = k·a with k > 0 both sides are equal, so the inequality is not broken.
    """,
    "exercise_3": """
        Keras's `L2(lam)` adds lam · Σ W_ij², the sum of the squares of all the entries, which is the
        squared Frobenius norm: lam · ‖W‖_F² = 0.01 · 7.25 = 0.0725. The usual mistake forgets the square,
        0.01 · matrix_norm(W, "fro") = 0.01 · √7.25. Another is `np.linalg.norm(W, 2)`, the spectral norm,
        which is a different number (section 3).
    """,
    "exercise_4": """
        Soft-thresholding moves every entry towards 0 by t and stops at 0: entries with |x| ≤ t become
        exactly 0, the others keep their sign and lose t from their size.
        `np.sign(x) * np.maximum(np.abs(x) - t, 0)` does this elementwise, for an array of any shape and
        with no loop. The usual mistake is hard thresholding, `np.where(np.abs(x) > t, x, 0)`: it zeroes
        the same small entries but keeps the large ones unchanged instead of moving them towards 0 by t,
        so it is not the proximal operator of the L1 penalty (section 5).
    """,
    "exercise_5": """
        *Model answer.* For R(w) = |w| the minimiser of ½(w − a)² + λ|w| is soft_threshold(a, λ) (section
        5), which is exactly 0 when λ ≥ |a|: the smallest such λ is 0.3. At w = 0 the data term pulls with
        force |a| = 0.3, and the L1 penalty's pull keeps its full size λ right down to w = 0 (any value in
        [−λ, λ] is a subgradient there), so it can hold the weight at 0 as soon as λ ≥ 0.3. For R(w) = w²
        the minimiser is a / (1 + 2λ), the shrinkage formula of section 5: smaller for a larger λ, but
        never 0 for any finite λ. Its pull, 2λw, fades as w approaches 0, so near 0 it cannot balance the
        data term's pull of 0.3. What matters is not that both penalties sum over all entries, but how hard
        each pulls near 0. Check: `soft_threshold(0.3, 0.3)` is 0.0 while `soft_threshold(0.3, 0.29)` is
        not, and `0.3 / (1 + 2 * lam)` is positive for every lam ≥ 0.
    """,
}
