"""Reference answers of lesson 08, Inverse problems: deblurring, inpainting and compressed sensing with L2 and L1.
Try the exercise first.

Each ``exercise_N`` below is the answer that ``lesson08.exercise_N`` in the notebook accepts. ``EXPLANATIONS``,
at the end of the file, says for every exercise why the answer is right and what the usual mistake is; for an
exercise without a check (reasoning, an experiment) it holds a model answer. The course website's Solutions
page shows the same, question by question.
"""

import numpy as np

exercise_1 = (256 * 256, 1)  # λ → 0: every eigenvalue → 1; λ → ∞: only frequency 0 is kept (k̂(0) = 1)

exercise_2 = (0.0, 1.0, 0.0)  # ‖(1 − t, t, 1 − t)‖₁ = 2|1 − t| + |t| is smallest at t = 1


def exercise_3(z, theta):
    z = np.asarray(z, dtype=float)
    return np.maximum(z - theta, 0) - np.maximum(-z - theta, 0)


EXPLANATIONS = {
    "exercise_1": r"""
        Each eigenvalue of A is $|\hat h(\omega)|^2 / (|\hat h(\omega)|^2 + \lambda|\hat\Gamma(\omega)|^2)$.
        As λ → 0, with ĥ(ω) ≠ 0 at every frequency, every eigenvalue tends to 1, so tr A → N = 256² = 65,536:
        the fit follows the data, noise included. As λ → ∞ every eigenvalue tends to 0 except at ω = 0,
        where the gradient of a constant image is 0 (Γ̂(0) = 0) and ĥ(0) = 1 for a blur kernel that sums
        to 1: tr A → 1, only the mean is kept. The usual mistake, (N, 0), forgets that the mean survives
        every λ.
    """,
    "exercise_2": """
        Every solution of x₁ + x₂ = 1, x₂ + x₃ = 1 has the form (1 − t, t, 1 − t), with
        ‖x‖₁ = 2|1 − t| + |t|: that falls as t grows up to t = 1 and rises after it, so the minimum is
        x = (0, 1, 0), with ‖x‖₁ = 1. `np.linalg.pinv(A) @ y` gives the minimum-norm L2 solution, t = 2/3:
        (1/3, 2/3, 1/3), with ‖x‖₁ = 4/3 and no zero. L1 uses one column, L2 spreads the answer over all
        three; giving the L2 solution is the usual mistake.
    """,
    "exercise_3": """
        relu(z − θ) = max(z − θ, 0) is the positive side of the soft threshold: z − θ where z > θ, else 0.
        The negative side, z + θ where z < −θ, is −relu(−z − θ). For θ ≥ 0 at most one of the two is
        non-zero, and their difference, `np.maximum(z - theta, 0) - np.maximum(-z - theta, 0)`, equals
        sign(z)·max(|z| − θ, 0) everywhere. The usual mistake keeps only relu(z − θ), which sets every
        negative entry to 0.
    """,
    "exercise_4": """
        *Model answer.* At the clean image x the residual is the noise itself, h * x − f = −n, and
        (1/N)‖n‖² ≈ σ². The best estimate u is not x, and it has been fitted to this very f, so it follows
        part of the noise, and its residual is smaller than the noise: (1/N)‖h * u − f‖² < σ². The
        residual grows with λ, so demanding that it equal σ² forces a λ larger than the best one: the
        result is oversmoothed (section 1; lesson 07 showed the same). A safety factor τ > 1, asking for a
        residual of τ²σ², needs an even larger λ and makes the oversmoothing worse; it guards against an
        underestimated σ, not against this bias.
    """,
    "exercise_5": """
        *Model answer.* Change `MASK_SEED` in the parameter cell to 2, 3, 4, 5 and 6 in turn, rerun the
        inpainting cell, and collect the PSNR of each fill on the scratches; then `paired(tv, harmonic)`.
        In a run of ours TV's advantage did not hold up: on the new masks harmonic had the higher PSNR on
        most of them, so no advantage of TV on scratches is established (the paired interval of
        TV − harmonic even lay below 0). How much TV gains depends on how many edges the scratches happen
        to cross, and the lesson's single mask was a favourable one. Biharmonic had the best PSNR on most
        of the masks, yet its advantage over harmonic was not established with 5 masks either (over TV it
        was, narrowly). One image and five masks are a small sample: read these verdicts as "not
        established", not as "no effect".
    """,
    "exercise_6": """
        *Model answer.* LISTA learned a shortcut for the signals it was trained on: thresholds that start
        hundreds of times larger than ISTA's and shrink layer by layer, and matrices fitted so that 8
        layers land close to the true codes of signals with about 5 non-zeros of one typical size. On
        signals with three times more non-zeros every method does worse, and LISTA is still ahead of 800
        ISTA steps; on codes 5 times larger it breaks down, with an error above 0 dB, worse than answering
        x = 0, while ISTA's error stays well below 0 dB (section 4's last cell). What LISTA learned is the data's
        distribution: how many non-zeros, and how large. No theorem protects it off that data because
        its trained weights are no longer ISTA's: it is a function fitted to examples, not a method that
        converges to the lasso solution, so its test score says nothing about data from elsewhere. ISTA,
        given more steps, converges to the lasso solution for any y.
    """,
}
