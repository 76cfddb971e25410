"""Reference answers of lesson 04, What penalties do to gradients: vanishing, exploding, and the real cures.
Try the exercise first.

Each ``exercise_N`` below is the answer that ``lesson04.exercise_N`` in the notebook accepts. ``EXPLANATIONS``,
at the end of the file, says for every exercise why the answer is right and what the usual mistake is; for an
exercise without a check (reasoning, an experiment) it holds a model answer. The course website's Solutions
page shows the same, question by question.
"""

import numpy as np

exercise_1 = 12 / 13  # every gradient scaled by τ / ‖g‖ = 1 / 13
exercise_2 = 0.02 * np.sqrt(1500)  # c·√n0 ≈ 0.775: only the weights jittering around 0 contribute
exercise_3 = 1 / (2 * 0.05)  # the step factor 1 − 2ηc must stay ≥ 0: c ≤ 10

EXPLANATIONS = {
    "exercise_1": """
        `global_clipnorm=τ` scales all the gradients by one common factor, so that their global norm, the
        norm of all of them together, is at most τ. Here that norm is √(3² + 4² + 12²) = 13, so every
        gradient is multiplied by 1/13 and the clipped g₂ has norm 12/13 ≈ 0.923. The usual mistake is 1,
        the answer for `clipnorm=1`, which clips each variable's gradient on its own and so changes the
        direction of the whole update (section 8).
    """,
    "exercise_2": """
        At the plateau of Adam + L1, a settled weight's data gradient balances the penalty's pull, so its
        gradient is about 0. A weight jittering around 0 keeps a gradient of size about c: the penalty's
        c·sign(w) flips with its sign, and its data gradient is too small to cancel it. The norms of such
        independent parts add in squares: ‖g‖ ≈ √(n0 · c²) = c·√n0 = 0.02 · √1500 ≈ 0.775. Usual mistakes:
        c·√2000, which counts all the kernel weights, and c · 1500, which adds the sizes instead of their
        squares.
    """,
    "exercise_3": """
        One SGD step on c·w² alone computes w − η·2c·w = (1 − 2ηc)·w. The weight keeps its sign as long as
        the factor 1 − 2ηc is ≥ 0, that is for c ≤ 1/(2η) = 1/0.1 = 10; at c = 10 one step lands exactly
        on 0. The usual mistake is 1/η = 20: that is the limit for growth (|1 − 2ηc| > 1 above it), and
        between 10 and 20 the weight already flips its sign at every step while it shrinks (section 7).
    """,
    "exercise_4": """
        *Model answer.* She should look at the network at initialization first, before any training and
        with no penalty: `signal_and_gradient(deep_plain_mlp(), x_train[0], y_train[0])` gives each layer's
        output size and data gradient. With Keras's default Glorot initialization the signal shrinks layer
        after layer and every data gradient is already about 10⁻⁵ before the first step (section 6): the
        gradients vanish because of depth and initialization, not because of the penalty. The change that
        makes them grow by orders of magnitude is He initialization, `deep_plain_mlp("he_normal")`, which
        keeps the signal and the gradients of order 1 at every depth (batch normalization,
        `deep_plain_mlp(normalize=True)`, also keeps the signal). Adding
        `kernel_regularizer=keras.regularizers.L2(0.01)` to the Dense layers does not change the gradients
        at initialization at all: from the same seed the network starts from the same weights and
        computes the same outputs, and the gradient of the MSE does not depend on the penalty. The
        penalty only adds its own term, 2 · 0.01 · W, to the gradient of the total loss: a pull towards 0,
        which cannot bring back a lost signal.
    """,
}
