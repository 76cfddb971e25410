"""Reference answers of lesson 07, Image restoration: an L2 penalty blurs edges, an L1 penalty keeps them.
Try the exercise first.

Each ``exercise_N`` below is the answer that ``lesson07.exercise_N`` in the notebook accepts. ``EXPLANATIONS``,
at the end of the file, says for every exercise why the answer is right and what the usual mistake is; for an
exercise without a check (reasoning, an experiment) it holds a model answer. The course website's Solutions
page shows the same, question by question.
"""

import numpy as np

from course_lib.checks.lesson07 import EXERCISE_IMAGE

_u = np.asarray(EXERCISE_IMAGE, dtype=float)
_d1 = np.zeros_like(_u)
_d1[:-1, :] = _u[1:, :] - _u[:-1, :]  # to the pixel below; 0 on the last row
_d2 = np.zeros_like(_u)
_d2[:, :-1] = _u[:, 1:] - _u[:, :-1]  # to the pixel on the right; 0 on the last column
exercise_1 = float(np.sum(np.sqrt(_d1**2 + _d2**2)))  # ≈ 3.032

exercise_2 = (1.0, 1 / (1 + 3.0))  # Tikhonov keeps the mean; the pixel penalty divides it by 1 + λ


def exercise_3(y, t, sigma):
    y = np.asarray(y, dtype=float)
    return y.size * sigma**2 - 2 * sigma**2 * np.sum(np.abs(y) <= t) + np.sum(np.minimum(y**2, t**2))


# f = lesson07.exercise_image(); sigma = estimate_sigma(f)
# sure = {lam: rs.tv_sure(f, lam, sigma)[0] for lam in (0.02, 0.05, 0.1, 0.2)}; min(sure, key=sure.get)
exercise_4 = 0.1

EXPLANATIONS = {
    "exercise_1": """
        The isotropic total variation adds, over all pixels, the length √(d₁² + d₂²) of the forward
        differences: d₁ to the pixel below, d₂ to the pixel on the right, 0 across the last row and
        column. Here only three pixels have a non-zero difference: the top-middle one contributes
        √(1² + 1²), the first of the middle row √(0.5² + 1²) and the first of the bottom row 0.5, about
        3.032 in all. The usual mistake is the anisotropic TV, Σ(|d₁| + |d₂|), which adds the sizes of the
        two differences instead of the length of the vector they form, and gives a larger number.
    """,
    "exercise_2": """
        In the DCT basis Tikhonov divides each coefficient by 1 + λ·μ, with μ the eigenvalue of ∇ᵀ∇ for
        that frequency. The mean is the coefficient of the constant image (k = l = 0), whose eigenvalue is
        0 because a constant image has no gradient, so it is divided by 1 + λ·0 = 1: Tikhonov keeps the
        mean for any λ. The pixel penalty `f / (1 + lam)` divides everything, the mean included, by
        1 + 3 = 4. The usual mistake, (1/4, 1/4), assumes that Tikhonov darkens the image too; a penalty
        on the gradient ignores the mean brightness.
    """,
    "exercise_3": r"""
        SURE estimates the expected error of soft-thresholding from the noisy coefficients alone:
        N·σ² − 2σ²·#{|y| ≤ t} + Σ min(y², t²). The last term is ‖soft(y, t) − y‖², what thresholding
        removed, since each coefficient moves by min(|y|, t); the other two are section 6's
        $-N\sigma^2 + 2\sigma^2\operatorname{div}$ with the divergence div = N − #{|y| ≤ t}, the number of
        coefficients kept. The usual mistake keeps only Σ min(y², t²) and drops the two σ terms; that term
        alone only grows with t, so its minimum would always be at t = 0.
    """,
    "exercise_4": """
        Compute Monte-Carlo SURE for each of the four λ from the noisy image alone and take the smallest
        (the two comment lines above the answer do it): with the defaults of `rs.tv_sure` (150 iterations,
        seed=0) it is λ = 0.1. SURE needs only f and an estimate of σ, never the clean image. The usual
        mistake is another λ, such as the neighbour 0.05, guessed or read from a plot: only the computed
        minimum counts.
    """,
    "exercise_5": r"""
        *Model answer.* With $\hat\sigma$ instead of σ,
        $\mathrm{SURE} = \|u - f\|^2 + \sigma^2(2\,\mathrm{div} - N)$ moves by
        $(\hat\sigma^2 - \sigma^2)(2\,\mathrm{div} - N)$. Near the best λ, TV removes most of the
        noise, its divergence is a small fraction of N, and the shift is close to
        $-(\hat\sigma^2 - \sigma^2)\,N$: a 2.6 % error in σ is about 5 % of the whole noise energy Nσ². The
        true error at the best λ is only a small part of Nσ², precisely because the denoiser removed most
        of the noise, so the same shift is a large part of it: over 20 % for TV. The minimum hardly moves
        because the N part of the shift is the same for every λ, and adding a constant does not move a
        minimum; only the small term $2(\hat\sigma^2 - \sigma^2)\,\mathrm{div}$ depends on λ, and it changes
        slowly. For a denoiser that keeps more of the noise (a larger div), $|2\,\mathrm{div} - N|$ is
        smaller and its true error larger, so the relative error of the level is smaller. Section 6's table
        fits this: Tikhonov and Haar soft thresholding, whose errors are larger than TV's, are off by less.
    """,
    "exercise_6": """
        *Model answer.* Random-valued impulses take values anywhere in [0, 1], like clean pixels, so they
        no longer give themselves away: hardly any is exactly 0 or 1, and no test on the value can flag
        them, so detect-then-inpaint is out of reach. By PSNR, each at its best (again chosen with the
        clean image), TV-L1 wins: in a run of ours its best λ in 0.5–1 beat the 3 × 3 median by over 1 dB.
        The median replaces every pixel, the 80 % of clean ones included, by a local median, which erases
        thin lines and details. TV-L1's L1 data term lets a few pixels disagree with f completely, so it
        ignores the impulses and keeps the clean pixels wherever they fit an image of few edges. Impulses
        that cannot be detected are TV-L1's real domain (section 7).
    """,
}
