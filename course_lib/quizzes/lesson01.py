"""Quiz questions of lesson 01, Norms (see course_lib.quizzes for the format)."""

from . import Choice, Number, Option

QUESTIONS = [
    Number(
        after="1. Lp norms of a vector",
        prompt="What is ‖v‖∞ for v = (3, −4, 0)?",
        answer=4.0,
        why="‖v‖∞ is the largest absolute value of an entry, |−4| = 4. "
            "It is the norm that source 000 mistakes for L1.",
        hint="Which norm looks at one entry only? Take absolute values first.",
        wrong=(
            (7.0, "That is ‖v‖₁ = |3| + |−4| + |0|, the sum of the absolute values."),
            (5.0, "That is ‖v‖₂ = √(9 + 16), the Euclidean length."),
            (3.0, "The largest entry is 3, but the norm takes absolute values: |−4| = 4 is larger."),
            (2.0, "That is the number of non-zero entries, ‖v‖₀, which is not a norm."),
        ),
    ),
    Choice(
        after="2. Unit balls in 2-D",
        prompt="As p goes down from 2 to 1, how does the unit ball {w : ‖w‖_p ≤ 1} change?",
        options=(
            Option("It keeps its size but turns into a square with sides along the axes.",
                   "The square with sides along the axes is the ball of p = ∞, reached as p grows, not "
                   "as it falls."),
            Option("It shrinks towards the diamond |w₁| + |w₂| ≤ 1, with corners on the axes.",
                   "Right: the points (±1, 0) and (0, ±1) stay on the ball while the rest moves inwards. "
                   "The corners sit where one coordinate is exactly 0, which is why L1 favours zeros.",
                   correct=True),
            Option("It stays a circle and only gets smaller.",
                   "Only the shape of p = 2 is a circle; for p between 1 and 2 the ball bulges less and "
                   "less between the axes."),
            Option("It stops being convex, so it is no longer a norm ball.",
                   "That happens only below p = 1 (the p = ½ ball is star-shaped); for 1 ≤ p ≤ 2 the "
                   "ball stays convex and ‖·‖_p is a norm."),
        ),
    ),
    Choice(
        after="3. Norms of a weight matrix",
        prompt="A Dense layer has kernel W. What does keras.regularizers.L2(0.01) add to the loss?",
        options=(
            Option("0.01 · ‖W‖_F², the sum of the squares of all entries.",
                   "Right: Keras's L2(c) adds c · Σ W_ij², the squared Frobenius norm, with no factor ½ "
                   "and no division by the number of samples.", correct=True),
            Option("0.01 · ‖W‖₂², the square of the largest singular value.",
                   "That is the spectral norm, np.linalg.norm(W, 2); it looks at one direction of W only, "
                   "not at every entry."),
            Option("0.01 · ‖W‖_F, the Frobenius norm without the square.",
                   "Without the square the penalty's pull would not fade near 0; Keras squares the entries "
                   "and sums them."),
            Option("0.005 · ‖W‖_F², because of the usual factor ½.",
                   "Some texts write (λ/2)‖w‖², but Keras's coefficient multiplies the sum of squares "
                   "as it is: c = 0.01 adds 0.01 · Σ W_ij²."),
        ),
    ),
    Choice(
        after="4. Why L1 gives sparse solutions",
        prompt="Minimize a loss with elliptical contours subject to ‖w‖₁ ≤ r, in 2-D. Why does the "
               "solution often have a coordinate exactly 0?",
        options=(
            Option("Because the L1 norm counts the non-zero entries.",
                   "Counting non-zeros is ‖w‖₀; the L1 norm sums absolute values, so it measures size, "
                   "not a count."),
            Option("Because the L1 norm sums over all entries.",
                   "The squared L2 norm sums over all entries too, and its round ball gives no zeros: "
                   "the sum is not what matters."),
            Option("Because the ball's corners stick out on the axes, so a growing contour usually "
                   "touches the ball first at a corner.",
                   "Right: the corners lie where one coordinate is 0, and they catch the contours for a "
                   "wide range of loss minima, not only for minima on an axis.", correct=True),
            Option("It happens only when the unconstrained minimum already lies on an axis.",
                   "The lesson's random losses show otherwise: minima well off the axes still end on a "
                   "corner, as long as they are outside the ball."),
        ),
    ),
    Number(
        after="5. Proximal operators: soft-thresholding vs shrinkage",
        prompt="What is soft_threshold(x, t) for x = 2.5 and t = 1?",
        answer=1.5,
        why="Soft-thresholding moves x towards 0 by t and stops at 0: 2.5 − 1 = 1.5. Entries with "
            "|x| ≤ t become exactly 0.",
        hint="Soft-thresholding moves every entry towards 0 by the same amount, and stops at 0.",
        wrong=(
            (2.5, "That is hard thresholding, which keeps entries above t unchanged; soft-thresholding "
                  "also moves them towards 0 by t."),
            (0.0, "Only entries with |x| ≤ t become 0; here |x| = 2.5 is larger than t = 1."),
            (2.5 / 3, "That is L2 shrinkage x / (1 + 2λ) with λ = 1: it scales x and never reaches 0; "
                      "soft-thresholding subtracts t instead."),
        ),
    ),
]
