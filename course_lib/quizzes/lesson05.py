"""Quiz questions of lesson 05, An autoencoder on MNIST (see course_lib.quizzes for the format)."""

from . import Choice, Number, Option

QUESTIONS = [
    Choice(
        after="1. Source error: the model of source 004",
        prompt="Once it runs (keras.Sequential, no Input in the decoder), the source's model trains on "
               "(N, 28, 28, 1) digits without any error. What does it actually learn?",
        options=(
            Option("A code of 128 numbers per digit: too wide to be a bottleneck, but still a model of "
                   "digit shapes.",
                   "Its code has 128 numbers per pixel, each computed from that pixel alone. Flipping "
                   "one pixel changes only that pixel's outputs, so it knows nothing about shapes."),
            Option("A curve from one pixel's value to 28 numbers, applied to each pixel on its own.",
                   "Right: a Dense layer acts on the last axis only, which holds one pixel value. The "
                   "(N, 28, 28, 1) target broadcasts against the (N, 28, 28, 28) output, so the loss "
                   "is computed without an error, but it is meaningless.", correct=True),
            Option("To rebuild each pixel from the first of its 28 outputs; the loss ignores the other "
                   "27.",
                   "Broadcasting compares every one of the 28 outputs with the pixel's value, so all "
                   "28 are pulled towards it; none is ignored."),
            Option("Digit shapes, because Keras flattens a (28, 28, 1) input before the first Dense "
                   "layer.",
                   "Keras's Dense layer does not flatten: it replaces the last axis, and the encoder's "
                   "output shape (None, 28, 28, 128) shows it. A Flatten layer is needed first."),
        ),
    ),
    Number(
        after="3. Source error: the penalty formulas",
        prompt="A kernel has the weights w = (1, −2, 2). What does keras.regularizers.L1(0.01) add to "
               "the loss?",
        answer=0.05,
        why="L1(c) adds c·‖w‖₁, c times the sum of the absolute values: 0.01 · (1 + 2 + 2) = 0.05. "
            "Keras puts no ½ on it.",
        hint="The L1 penalty is the L1 norm: take absolute values first, then add them up.",
        wrong=(
            (0.03, "That is c·‖w‖₂ = 0.01 · √9, the Euclidean norm that the source's bare ‖w‖ suggests; "
                   "the L1 penalty sums absolute values."),
            (0.09, "That is Keras's L2(0.01), c·Σw² = 0.01 · 9; L1 sums |w|, not w²."),
            (0.045, "That is the source's L2 formula, c·½Σw²; L1 sums absolute values, with no ½."),
            (0.025, "Keras puts no ½ on the L1 penalty (nor on L2): L1(c) adds c·‖w‖₁ as it is."),
            (0.01, "The sum 1 − 2 + 2 = 1 forgets the absolute values: −2 counts as 2 in ‖w‖₁."),
        ),
    ),
    Choice(
        after="5. An L2 penalty on the weights, on a small training set",
        prompt="With the same 100 steps, training on 10,000 digits instead of 500 gives a paired "
               "difference in validation MSE whose 95 % interval over 3 seeds contains 0. What may "
               "you conclude?",
        options=(
            Option("More training digits never help an autoencoder.",
                   "The experiment tests one short budget and 3 seeds. An interval that contains 0 "
                   "does not prove that there is no effect, and with longer training more data may "
                   "well matter."),
            Option("More digits made the validation error worse, since the mean difference is above 0.",
                   "The interval contains 0, so the sign of the difference is not established; a mean "
                   "a little above 0 is what noise alone could give."),
            Option("At this budget no effect of the extra digits is established, and a large one is "
                   "unlikely; that points to the number of steps, not the data, as the limit here.",
                   "Right: the interval allows a small gain, a small loss or none, and the lesson's mean "
                   "difference is tiny. It does not show that more data never helps.", correct=True),
            Option("Nothing at all: with only 3 seeds, an interval cannot tell us anything.",
                   "The interval still bounds how large the effect can plausibly be; here both of its ends "
                   "are small next to the validation MSE itself."),
        ),
    ),
    Choice(
        after='6. Source error: "regularization reduces the difference between reconstructions and '
              'originals"',
        prompt="In section 5, L2 with c = 10⁻⁴ cut the gap between validation and training MSE to less "
               "than half. Does that support the claim that regularization brings reconstructions "
               "closer to the originals?",
        options=(
            Option("No: the gap narrowed because the training MSE rose, and the validation MSE rose "
                   "too.",
                   "Right: here the penalty made the reconstructions worse for the training digits and "
                   "for new ones; a narrower gap is not a lower error.", correct=True),
            Option("Yes: a smaller gap means that the model generalizes better, so new digits are "
                   "reconstructed better.",
                   "A gap can shrink from either side. Here the training MSE rose more than the "
                   "validation MSE, which rose too (established with 3 seeds for c ≥ 10⁻⁵)."),
            Option("Yes for the training digits: the penalty makes the model fit them more closely.",
                   "A penalty pulls the weights away from the best fit of the training data, so the "
                   "training MSE rose (established for c ≥ 10⁻⁵)."),
            Option("We cannot tell: with 3 seeds the intervals are too wide to say anything.",
                   "For c ≥ 10⁻⁵ the rises of the training and validation MSE are established (their "
                   "intervals lie above 0), and so is the narrowing of the gap at c = 10⁻⁴."),
        ),
    ),
    Choice(
        after="7. L1 on the code: a sparse autoencoder",
        prompt="Why does the lesson judge the sparsity of a code by its active units per digit and "
               "their lifetime activity, rather than by Σ|z|?",
        options=(
            Option("Because Σ|z| is the L2 norm of the code, not its L1 norm.",
                   "Σ|z| is exactly the L1 norm ‖z‖₁, the quantity the activity penalty is built on; "
                   "the problem lies elsewhere."),
            Option("Because Keras divides the activity penalty by the batch size, so Σ|z| cannot be "
                   "compared between models.",
                   "That division scales the penalty added to the loss by a constant. It changes how "
                   "strong c is, not what Σ|z| measures on the test digits."),
            Option("Because a ReLU code is never exactly 0, so Σ|z| is never small.",
                   "A ReLU outputs exactly 0 for a negative input; that is why a sparse code needs a "
                   "ReLU code layer, while a linear unit is never exactly 0."),
            Option("Because Σ|z| can be lowered by a rescaling that leaves the reconstruction unchanged "
                   "and makes no unit zero.",
                   "Right: shrink the code and let the decoder undo it; with the unit-norm constraint, the "
                   "scale passes through a ReLU layer to the next kernel. A count of active units "
                   "cannot be faked that way.",
                   correct=True),
        ),
    ),
]
