"""Quiz questions of lesson 08, Inverse problems (see course_lib.quizzes for the format)."""

from . import Choice, Option

QUESTIONS = [
    Choice(
        after="The blur, and why its inverse fails",
        prompt="Without noise, the inverse filter (divide by ĥ at every frequency) restores the image "
               "almost exactly. With noise of σ = 0.01 its result is pure noise. Why?",
        options=(
            Option("Rounding errors of the FFT grow too much when the image is large.",
                   "The noise-free inverse uses the same FFTs and divisions and gets over 100 dB in this "
                   "lesson. What gets amplified is the noise in the data, not the arithmetic."),
            Option("The noise of σ = 0.01 is large, so it already hides the details in the blurred image.",
                   "This noise is small and hard to see in the blurred image. It becomes huge only after "
                   "the division by the tiny values of ĥ at high frequencies."),
            Option("The noise is divided by ĥ too, and where |ĥ(ω)| is tiny this multiplies the noise "
                   "by a huge factor.",
                   "Right: white noise has about the same size at every frequency, while |ĥ| falls far "
                   "below 10⁻¹² here. Above a frequency the image is lost under the noise, and dividing "
                   "only blows the noise up.", correct=True),
            Option("The transfer function is exactly 0 at some frequencies, so the filter divides by 0.",
                   "If that were so, the noise-free inverse would fail too. On the FFT's frequencies |ĥ| "
                   "is tiny but not 0 here; tiny values are enough to amplify the noise enormously."),
        ),
    ),
    Choice(
        after="L2: Tikhonov, exact with the FFT",
        prompt="Neither GCV nor the discrepancy principle sees the clean image. What does each of them "
               "use to choose λ?",
        options=(
            Option("GCV uses only the data: the residual and the trace of the fit. The discrepancy "
                   "principle also needs the noise level σ.",
                   "Right: GCV's score N‖f − h ∗ u‖² / (N − tr A)² contains no σ; it imitates "
                   "leave-one-out prediction of the data. The discrepancy principle takes the largest λ "
                   "whose mean squared residual is at most σ², so σ is its target.", correct=True),
            Option("Both need σ: GCV first estimates σ, then matches the residual to it.",
                   "GCV never estimates σ. It scores how well each λ would predict data pixels that it "
                   "did not fit, from the residual and tr A alone."),
            Option("GCV leaves out a few pixels of the clean image and checks its prediction there.",
                   "Leave-one-out leaves out pixels of the measured data f, not of the clean image, and "
                   "GCV imitates it without refitting. No clean pixel is ever used."),
            Option("The discrepancy principle takes the λ with the smallest residual, the best fit to "
                   "the data.",
                   "The smallest residual comes with λ → 0, which fits the noise too: that is the inverse "
                   "filter. The rule takes the largest λ whose residual is still no larger than the noise."),
        ),
    ),
    Choice(
        after="2. Inpainting",
        prompt="A vertical step edge crosses a square hole. TV fills the hole with the sharp step, "
               "continued straight; the harmonic (L2) fill makes a smooth ramp. Why?",
        options=(
            Option("TV is solved by an iterative method, which stops before it can blur the edge.",
                   "In this lesson the TV fill is solved to a tight tolerance, so the sharp step is the "
                   "minimizer itself, not an effect of stopping early."),
            Option("The harmonic fill does not keep the known pixels around the hole.",
                   "Harmonic, TV and biharmonic all keep every known pixel, as the lesson checks. The "
                   "harmonic fill is smooth inside the hole because of what it minimizes."),
            Option("An L1 penalty is better than an L2 penalty for every inpainting problem.",
                   "Not in this lesson: on pixels missing at random the harmonic fill beat TV, and "
                   "biharmonic, an L2 penalty, had the best PSNR on both masks."),
            Option("TV pays for a jump its height times the length of the edge, however the jump is "
                   "spread; L2 pays the square of each difference, so many small steps cost less.",
                   "Right: in one row, a jump of 1 split into n steps of 1/n costs n · (1/n)² = 1/n "
                   "under L2, but still 1 under L1. Spreading the jump saves TV nothing, so its cheapest "
                   "fill is the shortest edge, the straight continuation.", correct=True),
        ),
    ),
    Choice(
        after="A sparse vector from few measurements",
        prompt="From m = 40 random measurements y = Ax of a vector with 128 entries, 8 of them non-zero, "
               "basis pursuit (min ‖x‖₁ subject to Ax = y) finds the vector exactly, to rounding error. "
               "The minimum-norm "
               "solution (min ‖x‖₂ subject to Ax = y) does not. Why?",
        options=(
            Option("Basis pursuit uses more information: it is told which entries are non-zero.",
                   "It is not: it gets only A and y, like the minimum-norm solution. Sparsity is its "
                   "preference, not knowledge of the support."),
            Option("The solutions of Ax = y form a flat set of dimension n − m. The L1 ball has corners "
                   "on the axes, so the smallest L1 ball that reaches this set usually touches it at a "
                   "sparse point; the round L2 ball touches it at a dense one.",
                   "Right: it is lesson 01's corner picture. With enough measurements per non-zero, the "
                   "sparse true x is the point of least ‖x‖₁; the minimum-norm point spreads the energy "
                   "over all the entries.", correct=True),
            Option("The pseudo-inverse is inaccurate, so A⁺y does not really satisfy Ax = y.",
                   "A⁺y satisfies Ax = y to rounding error. It is simply another of the infinitely many "
                   "solutions, the one of smallest ‖x‖₂, and that one is not sparse."),
            Option("Basis pursuit succeeds for any number of non-zeros k, as long as m is smaller than n.",
                   "No: the phase transition shows that it almost always fails when k is too large for m. "
                   "In this lesson about 4 measurements per non-zero were always enough once k ≥ 6."),
        ),
    ),
    Choice(
        after="4. ISTA unrolled into a network (LISTA)",
        prompt="Here 8 trained LISTA layers beat 800 ISTA steps at the same λ, on test signals like "
               "the training ones. "
               "Yet on codes 5 times larger, LISTA is worse than answering x = 0, and ISTA is not. "
               "What explains this?",
        options=(
            Option("LISTA has too few layers; with more trained layers it would work on any data.",
                   "More layers would still be fitted to the training data. A trained network is not a "
                   "convergent method, and more depth gives no theorem for data unlike the training data."),
            Option("ISTA at this λ is a better estimator than LISTA on every kind of data.",
                   "On signals like the training ones, LISTA beat 800 ISTA steps at the same λ, and on "
                   "denser codes it was still ahead here. Its failure is specific to codes of another size."),
            Option("ISTA converges to the lasso solution for any y, a theorem. LISTA's weights and "
                   "thresholds are a shortcut fitted to codes like the training ones, with no such "
                   "guarantee.",
                   "Right: its matrices and thresholds were fitted to codes of one size, and nothing forces "
                   "them to work on codes of another. ISTA's guarantee does not depend on where y comes "
                   "from.", correct=True),
            Option("The training stopped too early: a lower training loss would fix it.",
                   "A lower training loss fits the training distribution better, but nothing in that loss "
                   "asks the network to handle codes 5 times larger. The problem is the data, not the "
                   "optimizer."),
            Option("The soft threshold built from two ReLUs cannot output large values.",
                   "relu(z − θ) − relu(−z − θ) equals the soft threshold for every z, large or small; it "
                   "has no ceiling. The learned weights are the problem, not the activation."),
        ),
    ),
]
