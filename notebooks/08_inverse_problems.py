# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 08 · Inverse problems: deblurring, inpainting and compressed sensing with L2 and L1
#
# In lesson 07 the data was the image plus noise, $f = u + n$. Most imaging measures something
# else: a blurred photograph, an image with missing pixels, a few Fourier coefficients of a scan.
# The model is $f = Au + n$, where the operator $A$ loses information. Then a penalty is no
# longer a matter of taste: without one, the answer is noise or is not unique. This lesson
# solves three such problems with L2 and L1 penalties and ends with an L1 solver that became a
# neural network.
#
# **You will learn**
# - why the naive inverse of a blur fails: the blur's spectrum and the noise it amplifies;
# - Tikhonov deblurring (an L2 penalty), exact with the FFT, and TV deconvolution (an L1 penalty
#   on the gradient) by a primal-dual method whose duality gap certifies the result;
# - to choose λ **without the clean image**: generalized cross-validation (GCV) and the
#   discrepancy principle, against the oracle that uses the clean image;
# - inpainting: L2 (harmonic) against TV against sparse wavelets on missing pixels, and the
#   two-phase repair of salt-and-pepper noise;
# - compressed sensing: L1 recovers a sparse vector *exactly* from few measurements, L2 almost never
#   does; the phase transition; an image from a few lines of its Fourier transform;
# - unrolled ISTA (LISTA): lesson 02's L1 solver as a trainable network.
#
# **Computer time** (Run All): about 25 seconds on 2 CPU cores. numpy, scipy, scikit-image,
# PyWavelets; TensorFlow only for section 4.
#
# **How to use it:** run all cells first (*Run ▸ Run All Cells* in JupyterLab), then read from
# the top while the last ones finish. A short quiz after some sections checks your
# understanding (set `answer` to your choice and run its cell); the exercises at the end
# check your answers.
#
# **Before this lesson:** lessons 02 and 07; section 4 also uses Keras as in lesson 03.

# %% tags=["remove-cell", "skip-slide"]
# Run this cell first: it installs the course where it is missing (Colab, a
# JupyterHub). Where the course is installed it does nothing. NORMREG_SOURCE, if set,
# names what to install: any pip requirement, URL, folder or wheel of the course.
import importlib.util
import os
import site
import subprocess
import sys

COURSE_SOURCE = os.environ.get("NORMREG_SOURCE") or ""
if importlib.util.find_spec("course_lib") is None:
    if COURSE_SOURCE:
        print(
            f"Installing the course from {COURSE_SOURCE} "
            "(the first time takes a few minutes) ..."
        )
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "-q", COURSE_SOURCE], check=True
        )
        # pip's fallback when the environment is read-only
        if os.path.isdir(site.getusersitepackages()):
            site.addsitedir(site.getusersitepackages())
        importlib.invalidate_caches()
    else:
        print(
            "course_lib is not installed: install the course as its README says, "
            "or set NORMREG_SOURCE to the course's pip requirement, URL or folder, "
            "restart the kernel and run this cell again."
        )

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from skimage import data as skdata
from skimage import draw, util
from skimage.morphology import dilation, disk
from skimage.restoration import inpaint_biharmonic, richardson_lucy, wiener
from threadpoolctl import threadpool_limits

from course_lib import notebook
from course_lib import restoration as rs
from course_lib.objectives import cross_validate, lasso_fista
from course_lib.plots import show_images
from course_lib.quizzes import quiz
from course_lib.sliders import slider
from course_lib.sparse import basis_pursuit

# inter_op_threads=1: section 4 trains bit-identically
stopwatch = notebook.setup(seed=0, tensorflow=True, inter_op_threads=1)
import keras

# %% [markdown]
# **Parameters.** Every claim in the text is asserted with these values. To experiment, change
# them here: the assertions then turn into printed notes. Images are in [0, 1]; every λ below is
# for that range.

# %%
# A 15 × 15 Gaussian blur of standard deviation 2 pixels
KERNEL_SIZE, BLUR_SIGMA = 15, 2.0
NOISE_SIGMA, NOISE_SEED = 0.01, 0  # Gaussian noise on the blurred image
BORDER = 16  # PSNR is measured without a frame this wide (section 1 says why)
# Section 2: the fraction of pixels lost, and the masks' seed
MISSING, MASK_SEED = 0.6, 1
# Section 3: the vector's length, and random problems per grid cell
CS_N, CS_TRIALS = 64, 6
# The 400 × 400 phantom taken every 4th pixel; radial lines
PHANTOM_STEP, LINES = 4, (16, 22)

COMMITTED = (
    (KERNEL_SIZE, BLUR_SIGMA, NOISE_SIGMA, NOISE_SEED, BORDER, MISSING, MASK_SEED, CS_N,
     CS_TRIALS, PHANTOM_STEP, LINES)
    == (15, 2.0, 0.01, 0, 16, 0.6, 1, 64, 6, 4, (16, 22))
)  # fmt: skip
claim = notebook.claims(COMMITTED)  # asserts with these values, else prints a note

# %% [markdown]
# ## 1. Deblurring
#
# ### The blur, and why its inverse fails
#
# The image is lesson 07's `camera`, 256 × 256. The blur $h$ is a Gaussian kernel, and the
# blurred image is the convolution $h * u$ plus Gaussian noise of standard deviation 0.01, a
# noise that is hard to see. The convolution is periodic (the image wraps around at its borders),
# because the FFT computes exactly that.
#
# Generating the data with the very model we then invert is called the **inverse crime**: it
# makes every method look better than on a real photograph, where the blur at the borders mixes
# in light from outside the frame. Two more honest habits: we measure the PSNR on the interior
# only, 16 pixels from the border, and scikit-image's `richardson_lucy`, which assumes zeros
# outside the image, is compared there too.

# %%
# NBVAL_CHECK_OUTPUT
camera = skdata.camera().astype(float) / 255
clean = camera.reshape(256, 2, 256, 2).mean(axis=(1, 3))
kernel = rs.gaussian_psf(KERNEL_SIZE, BLUR_SIGMA)
blurred = rs.add_gaussian_noise(
    rs.convolve(clean, kernel), NOISE_SIGMA, seed=NOISE_SEED
)
inner = (slice(BORDER, -BORDER),) * 2


def psnr_inner(image):
    """PSNR against the clean image, without the BORDER-pixel frame."""
    return rs.psnr(clean[inner], image[inner])


print(f"blurred and noisy: PSNR {psnr_inner(blurred):.2f} dB")

# %% [markdown]
# In the Fourier basis a periodic convolution is a product: $\widehat{h * u}(\omega) =
# \hat h(\omega)\,\hat u(\omega)$, where $\hat h$ is the blur's **transfer function**. So the
# blur could be undone by dividing by $\hat h$: the *inverse filter*. The noise is divided too.

# %%
# NBVAL_CHECK_OUTPUT
impulse = np.zeros(clean.shape)
impulse[0, 0] = 1.0
# |ĥ(ω)|: the blur of a single bright pixel
transfer_gain = np.abs(np.fft.fft2(rs.convolve(impulse, kernel)))
inverse_filter = rs.deconvolve_tikhonov(blurred, kernel, 0.0)  # lam = 0: divide by ĥ
noise_free_inverse = rs.deconvolve_tikhonov(rs.convolve(clean, kernel), kernel, 0.0)
print(
    f"|ĥ| falls from 1 at frequency 0 to {transfer_gain.min():.0e}; "
    f"below 1e-3 at {np.mean(transfer_gain < 1e-3):.0%} of the frequencies"
)
print(f"inverse filter without noise: PSNR {psnr_inner(noise_free_inverse):.0f} dB")
print(
    f"inverse filter with noise σ = {NOISE_SIGMA}: "
    f"PSNR {psnr_inner(inverse_filter):.0f} dB, "
    f"largest pixel {np.abs(inverse_filter).max():.0e}"
)
claim(
    transfer_gain.min() < 1e-12
    and psnr_inner(noise_free_inverse) > 80 > 0 > psnr_inner(inverse_filter),
    "the inverse filter is exact without noise and useless with it",
)

# %% alt="Left: the spectra of the clean image, the blurred image and the noise, averaged over rings of equal frequency, on a log scale. The blurred image's spectrum falls steeply and crosses the flat noise level, marked by a dotted line, at about 0.18 cycles per pixel, a third of the highest frequency; above it the noise dominates. Right: the inverse filter's result is pure noise."
radius = np.hypot(*np.meshgrid(np.fft.fftfreq(256), np.fft.fftfreq(256), indexing="ij"))
rings = np.minimum((radius * 256).astype(int), 128)


def ring_average(spectrum):
    """The mean of |spectrum| over rings of equal frequency |ω|
    (0 to 128 cycles per image)."""
    return np.bincount(rings.ravel(), np.abs(spectrum).ravel()) / (
        np.bincount(rings.ravel())
    )


noise = blurred - rs.convolve(clean, kernel)
fig, (ax_spectrum, ax_image) = plt.subplots(
    1, 2, figsize=(8.6, 3.6), layout="constrained"
)
for label, image in {
    "clean image": clean,
    "blurred image (no noise)": rs.convolve(clean, kernel),
    "noise": noise,
}.items():
    ax_spectrum.semilogy(
        np.arange(129) / 256, ring_average(np.fft.fft2(image)), label=label
    )
ax_spectrum.set(
    xlabel="frequency |ω| (cycles per pixel)",
    ylabel="mean |Fourier coefficient|",
    title="Above a frequency, the noise wins",
    ylim=(1e-6, None),
)
ax_spectrum.legend()
crossing = (
    np.argmax(
        ring_average(np.fft.fft2(rs.convolve(clean, kernel)))
        < ring_average(np.fft.fft2(noise))
    )
    / 256
)
ax_spectrum.axvline(crossing, color="grey", ls=":")
ax_image.imshow(np.clip(inverse_filter, 0, 1), cmap="gray", vmin=0, vmax=1)
ax_image.set(xticks=[], yticks=[], title="inverse filter (clipped to [0, 1])")
plt.show()
print(
    "the blurred image's spectrum falls below the noise's "
    f"at |ω| = {crossing:.2f} cycles per pixel"
)
claim(0.14 < crossing < 0.22, "the crossing is between 0.14 and 0.22 cycles per pixel")

# %% [markdown]
# Without noise the inverse filter is perfect. With noise it is useless: where $|\hat h(\omega)|$
# is tiny the noise, the same size at every frequency, is multiplied by $1/|\hat h(\omega)|$, up
# to about $10^{13}$. The information above the crossing point is gone, and no method gets it
# back; a penalty decides what to put there instead. This is regularization in its original
# sense (Tikhonov, 1963): making an ill-posed problem stable.

# %% tags=["quiz"]
answer = None  # your answer: "a", "b", ...
quiz("08", 1, answer)

# %% [markdown]
# ### L2: Tikhonov, exact with the FFT
#
# Minimise $\frac12\|h * u - f\|^2 + \frac{\lambda}{2}\|\Gamma u\|^2$, with $\Gamma$ the identity (an L2
# penalty on the pixels) or the periodic gradient (on the gradient). Both are diagonal in the
# Fourier basis, so the minimiser is one division per frequency:
# $\hat u = \overline{\hat h}\,\hat f / (|\hat h|^2 + \lambda |\hat \Gamma|^2)$. A sweep of λ costs
# milliseconds. Two rules choose λ from the data alone:
# - **GCV** (generalized cross-validation, Golub, Heath & Wahba 1979), a form of leave-one-out
#   cross-validation (predict each pixel without it) that needs no refitting: with
#   $A$ the matrix that maps $f$ to the fit $h * u = Af$, its score is
#   $N\|f - h * u\|^2 / (N - \mathrm{tr}\,A)^2$, exact here because $A$ is diagonal in the
#   Fourier basis;
# - the **discrepancy principle** (Morozov) takes the largest λ whose residual is no larger than
#   the noise: $\frac1N\|h * u - f\|^2 \le \sigma^2$. It needs σ.

# %%
# NBVAL_CHECK_OUTPUT
LAMS_L2 = np.geomspace(1e-6, 1e-1, 26)
tikhonov = {
    prior: [
        rs.deconvolve_tikhonov(blurred, kernel, lam, prior=prior) for lam in LAMS_L2
    ]
    for prior in ("identity", "gradient")
}
psnr_l2 = {
    prior: np.array([psnr_inner(u) for u in images])
    for prior, images in tikhonov.items()
}
gcv_scores = np.array(
    [rs.deconvolve_tikhonov_gcv(blurred, kernel, lam) for lam in LAMS_L2]
)
misfit_l2 = np.array(
    [np.mean((rs.convolve(u, kernel) - blurred) ** 2) for u in tikhonov["gradient"]]
)
l2_choice = {
    "oracle": int(psnr_l2["gradient"].argmax()),
    "GCV": int(gcv_scores.argmin()),
    "discrepancy": int(np.flatnonzero(misfit_l2 <= NOISE_SIGMA**2).max()),
}
for rule, index in l2_choice.items():
    print(
        f"gradient prior, λ by {rule:<11}: λ = {LAMS_L2[index]:.1e}, "
        f"PSNR {psnr_l2['gradient'][index]:.2f} dB"
    )
print(
    "pixel prior at its oracle λ:      "
    f"λ = {LAMS_L2[psnr_l2['identity'].argmax()]:.1e}, "
    f"PSNR {psnr_l2['identity'].max():.2f} dB"
)
claim(
    l2_choice["GCV"] == l2_choice["oracle"], "GCV chooses the oracle's λ on this grid"
)
claim(
    psnr_l2["gradient"][l2_choice["discrepancy"]] < psnr_l2["gradient"].max() - 0.3,
    "the discrepancy principle oversmooths",
)

# %% alt="PSNR against \u03bb on a log axis for Tikhonov deblurring with the pixel prior and the gradient prior: both rise from very negative values at tiny \u03bb to a peak near 26 dB around \u03bb = 0.004 and fall slowly after. Markers show the \u03bb chosen by GCV, on the peak, and by the discrepancy principle, to the right of the peak."
fig, ax = plt.subplots(figsize=(6.5, 3.8))
for prior, label in (
    ("identity", "L2 on the pixels"),
    ("gradient", "L2 on the gradient"),
):
    ax.semilogx(LAMS_L2, psnr_l2[prior], ".-", label=label)
for (rule, index), marker in zip(list(l2_choice.items())[1:], ("o", "s"), strict=True):
    ax.plot(
        LAMS_L2[index],
        psnr_l2["gradient"][index],
        marker,
        ms=9,
        label=f"λ chosen by {rule}",
    )
ax.set(
    xlabel="λ",
    ylabel="PSNR (dB, interior)",
    ylim=(15, 28),
    title="Tikhonov deblurring across λ",
)
ax.legend(loc="lower right")
plt.show()

# %% alt="Two panels at the oracle's lambda, 4e-03: a detail of the Tikhonov deblurred image (gradient prior), sharper than the blurred input with faint ringing, and the PSNR against lambda with that lambda marked at the peak."
slider_indices = np.arange(l2_choice["oracle"] % 3, len(LAMS_L2), 3)  # every 3rd λ
detail = np.s_[40:168, 64:192]  # 128 × 128 pixels: the head and the camera
deblur_fig, (ax_image, ax_psnr) = plt.subplots(
    1, 2, figsize=(8.6, 4), layout="constrained"
)
restored = ax_image.imshow(blurred[detail], cmap="gray", vmin=0, vmax=1)
ax_image.set(xticks=[], yticks=[])
ax_image.grid(False)
ax_psnr.semilogx(LAMS_L2, psnr_l2["gradient"], ".-", color="C1")
lam_marker = ax_psnr.axvline(LAMS_L2[0], color="k", lw=1.2)
ax_psnr.set(
    xlabel="λ", ylabel="PSNR (dB, interior)", ylim=(15, 28), title="PSNR against λ"
)


def draw_deblurred(lam):
    """The gradient-prior Tikhonov image at λ: the figure above, updated."""
    index = int(np.argmin(np.abs(np.log(LAMS_L2 / lam))))
    restored.set_data(np.clip(tikhonov["gradient"][index][detail], 0, 1))
    ax_image.set_title(f"λ = {lam:.1e}: {psnr_l2['gradient'][index]:.1f} dB")
    lam_marker.set_xdata([lam, lam])
    return deblur_fig


def describe_deblurred(lam):
    """The alt text of one frame."""
    index = int(np.argmin(np.abs(np.log(LAMS_L2 / lam))))
    oracle = l2_choice["oracle"]
    where = (
        "the oracle's choice"
        if index == oracle
        else "below the best lambda: noise amplified"
        if index < oracle
        else "above the best lambda: more blur"
    )
    return (
        f"Tikhonov deblurring (gradient prior) at lambda = {lam:.1e}, {where}; PSNR "
        f"{psnr_l2['gradient'][index]:.1f} dB, marked on the PSNR curve."
    )


slider(
    draw_deblurred,
    LAMS_L2[slider_indices],
    name="λ",
    default=LAMS_L2[l2_choice["oracle"]],
    alt=describe_deblurred,
    fmt="{:.1e}",
)

# %% [markdown]
# Move the slider under the figure (in JupyterLab with a running kernel, or on the course
# website): below the best λ the noise comes back; above it the image blurs. GCV lands on the
# oracle's λ without seeing the clean image; the discrepancy principle, as in lesson 07,
# oversmooths. The two priors reach nearly the same PSNR at their best: on a blur this strong,
# what limits both is the lost high frequencies, not the choice of $\Gamma$.

# %% tags=["quiz"]
answer = None  # your answer: "a", "b", ...
quiz("08", 2, answer)

# %% [markdown]
# ### L1: TV deconvolution, with a certificate
#
# Replace the L2 penalty by the total variation, $\frac12\|h * u - f\|^2 + \lambda\,\mathrm{TV}(u)$
# (lesson 07's TV). No formula solves it. `rs.deconvolve_tv` runs the Chambolle–Pock primal-dual
# method: a dual step on the TV term, as in lesson 07, and an exact primal step for the blur in
# the Fourier basis. Every 20 iterations it builds a point of the **dual** problem from its
# iterates; the dual objective $D$ is a lower bound on the minimum, so the **gap** $P(u) - D$
# bounds how far $P(u)$ is from the minimum. It stops when the gap is below $10^{-3}\,P(u)$.

# %%
# NBVAL_CHECK_OUTPUT
LAMS_TV = 1e-4 * 2.0 ** np.arange(6)  # 1e-4 to 3.2e-3
tv_runs, previous = {}, None
# From strong to weak, each run starting from the previous one's solution
for lam in LAMS_TV[::-1]:
    previous = tv_runs[lam] = rs.deconvolve_tv(
        blurred, kernel, lam, max_iter=1000, tol=1e-3, warm_start=previous
    )
psnr_tv = np.array([psnr_inner(tv_runs[lam].image) for lam in LAMS_TV])
misfit_tv = np.array(
    [
        np.mean((rs.convolve(tv_runs[lam].image, kernel) - blurred) ** 2)
        for lam in LAMS_TV
    ]
)
tv_choice = {
    "oracle": int(psnr_tv.argmax()),
    "discrepancy": int(np.flatnonzero(misfit_tv <= NOISE_SIGMA**2).max()),
}
print("λ        iterations  relative gap  PSNR (dB)")
for lam, value in zip(LAMS_TV, psnr_tv, strict=True):
    run = tv_runs[lam]
    objective = 0.5 * np.sum((rs.convolve(run.image, kernel) - blurred) ** 2) + (
        lam * rs.total_variation(run.image)
    )
    print(f"{lam:.1e}  {run.n_iter:10d}  {run.gap[-1] / objective:12.1e}  {value:9.2f}")
claim(all(run.converged for run in tv_runs.values()), "every TV solve met its gap test")
for rule, index in tv_choice.items():
    print(
        f"TV, λ by {rule:<11}: λ = {LAMS_TV[index]:.1e}, PSNR {psnr_tv[index]:.2f} dB"
    )
claim(
    psnr_tv.max() > psnr_l2["gradient"].max() + 0.5,
    "TV beats Tikhonov by more than 0.5 dB at the oracle",
)

# %% [markdown]
# Two baselines from scikit-image, each at its best setting chosen **with the clean image** (a
# generous comparison): `wiener`, a Tikhonov filter whose default penalty is the Laplacian
# (second differences), and `richardson_lucy`, the classic iterative deconvolution for
# non-negative images, regularized only by stopping early.

# %%
# NBVAL_CHECK_OUTPUT
BALANCES = np.geomspace(1e-4, 1e-1, 13)
wiener_images = [
    wiener(blurred, kernel, balance=balance, clip=False) for balance in BALANCES
]
best_wiener = max(wiener_images, key=psnr_inner)
rl_images = {
    steps: richardson_lucy(
        np.clip(blurred, 0, None), kernel, num_iter=steps, clip=False
    )
    for steps in (25, 50, 100, 200)
}
best_rl_steps = max(rl_images, key=lambda steps: psnr_inner(rl_images[steps]))
deblurred = {
    "blurred and noisy": blurred,
    "Tikhonov, pixels (oracle λ)": tikhonov["identity"][
        int(psnr_l2["identity"].argmax())
    ],
    "Tikhonov, gradient (GCV λ)": tikhonov["gradient"][l2_choice["GCV"]],
    "Tikhonov, gradient (discrepancy λ)": tikhonov["gradient"][
        l2_choice["discrepancy"]
    ],
    "skimage wiener, Laplacian (oracle)": best_wiener,
    f"Richardson–Lucy, {best_rl_steps} steps (oracle)": rl_images[best_rl_steps],
    "TV (discrepancy λ)": tv_runs[LAMS_TV[tv_choice["discrepancy"]]].image,
    "TV (oracle λ)": tv_runs[LAMS_TV[tv_choice["oracle"]]].image,
}
deblur_table = pd.Series(
    {label: psnr_inner(image) for label, image in deblurred.items()}, name="PSNR (dB)"
)
print(deblur_table.round(2).to_string())
claim(
    deblur_table["TV (oracle λ)"] == deblur_table.max(),
    "TV at its oracle λ is the best of all",
)
claim(
    0.7
    < deblur_table["TV (oracle λ)"] - deblur_table["Tikhonov, gradient (GCV λ)"]
    < 1.3,
    "TV beats Tikhonov by about 1 dB",
)
claim(
    deblur_table["Tikhonov, gradient (GCV λ)"]
    < deblur_table[f"Richardson–Lucy, {best_rl_steps} steps (oracle)"]
    < deblur_table["TV (oracle λ)"],
    "Richardson–Lucy is between Tikhonov and TV",
)
claim(
    deblur_table["TV (discrepancy λ)"]
    > deblur_table["Tikhonov, gradient (discrepancy λ)"],
    "with the same rule for λ, TV beats Tikhonov",
)

# %% alt="A detail of the camera man's head and camera, 80 by 80 pixels, in five panels: blurred; Tikhonov with the GCV \u03bb, sharper but with faint ripples along the edges; Richardson\u2013Lucy; TV, with clean sharp edges and flat patches; and the clean image."
zoom = np.s_[40:120, 90:170]
show_images(
    {
        "blurred": blurred,
        "Tikhonov (GCV)": deblurred["Tikhonov, gradient (GCV λ)"],
        "Richardson–Lucy": rl_images[best_rl_steps],
        "TV (oracle)": deblurred["TV (oracle λ)"],
        "clean": clean,
    },
    crop=zoom,
    title="Deblurring: a detail",
)
plt.show()

# %% alt="One row of pixels, columns 60 to 130, across a bright object: the clean profile, Tikhonov's with rounded edges and ripples that dip below the dark level beside them, and TV's with steep edges and a flat top, closer to the clean one."
ROW, COLUMNS = 150, slice(60, 130)
fig, ax = plt.subplots(figsize=(8, 3))
for label, image, style in (
    ("clean", clean, "k-"),
    ("Tikhonov (GCV)", deblurred["Tikhonov, gradient (GCV λ)"], "-"),
    ("TV (oracle)", deblurred["TV (oracle λ)"], "-"),
):
    ax.plot(np.arange(256)[COLUMNS], image[ROW, COLUMNS], style, label=label)
ax.set(
    xlabel="column", ylabel="intensity", title=f"Row {ROW}: edges under L2 and under L1"
)
ax.legend(loc="upper right")
plt.show()

# %% [markdown]
# TV wins, by about 1 dB at the oracle: it keeps edges sharp
# where Tikhonov leaves ripples beside them (the *ringing* of a filter that cuts high frequencies)
# and a rounded step. Even chosen by the discrepancy principle, TV beats Tikhonov chosen the same
# way. Richardson–Lucy, at its best stopping point, is between them.

# %% [markdown]
# ## 2. Inpainting
#
# Now $A$ keeps some pixels and loses the others: $f = u$ where a mask $M$ is true, nothing
# elsewhere. The known pixels are kept exactly, and a penalty fills the rest:
# - **harmonic** (L2 of the gradient): $\min \|\nabla u\|^2$, the smoothest fill, one sparse
#   linear solve (Laplace's equation in the holes);
# - **TV** (L1 of the gradient): $\min \mathrm{TV}(u)$, by Chambolle–Pock as above, with the
#   data step replaced by putting the known pixels back;
# - **sparse wavelets**: the image is $\Phi c$ with few non-zero Haar coefficients $c$, found by
#   FISTA on $\frac12\|M(\Phi c - f)\|^2 + \lambda\|c\|_1$. $\Phi$ is the Haar transform of lesson 07
#   averaged over 4 shifts (cycle spinning). This is a *synthesis* prior: the image is built from
#   few atoms, whereas TV is an *analysis* prior that measures the image itself;
# - scikit-image's `inpaint_biharmonic` as a baseline: L2 of the second derivatives, smoother still.
#
# Two masks: 60 % of the pixels missing at random, and six scratches 7 pixels wide.

# %%
# NBVAL_CHECK_OUTPUT
mask_rng = np.random.default_rng(MASK_SEED)
masks = {"60 % random pixels missing": mask_rng.random(clean.shape) >= MISSING}
scratches = np.zeros(clean.shape, bool)
for r0, c0, r1, c1 in mask_rng.integers(0, 256, (6, 4)):
    scratches[draw.line(r0, c0, r1, c1)] = True
masks["six scratches"] = ~dilation(scratches, disk(3))  # True = known
inpainted, inpaint_psnr = {}, {}
for mask_name, mask in masks.items():
    damaged = np.where(mask, clean, np.nan)  # the lost pixels are not even numbers
    inpainted[mask_name] = {
        "harmonic (L2)": rs.inpaint_harmonic(damaged, mask),
        "TV (L1)": rs.inpaint_tv(damaged, mask, max_iter=1000, tol=1e-5).image,
        "Haar, 4 shifts (L1)": rs.inpaint_wavelet(
            damaged, mask, 1e-3, level=3, shifts=4, max_iter=100
        ),
        "biharmonic (skimage)": inpaint_biharmonic(np.where(mask, clean, 0.0), ~mask),
    }
    inpaint_psnr[mask_name] = {
        label: rs.psnr(clean, image) for label, image in inpainted[mask_name].items()
    }
    claim(
        all(
            np.array_equal(image[mask], clean[mask])
            for label, image in inpainted[mask_name].items()
            if not label.startswith("Haar")
        ),
        "harmonic, TV and biharmonic keep every known pixel",
    )
inpaint_table = pd.DataFrame(inpaint_psnr).round(2)
print(
    "known pixels: "
    f"{', '.join(f'{name} {mask.mean():.0%}' for name, mask in masks.items())}"
)
print(inpaint_table.to_string())
random_col, scratch_col = (
    inpaint_table["60 % random pixels missing"],
    inpaint_table["six scratches"],
)
claim(
    random_col["harmonic (L2)"] > random_col["TV (L1)"]
    and scratch_col["TV (L1)"] > scratch_col["harmonic (L2)"],
    "harmonic wins on scattered pixels, TV on the scratches",
)
claim(
    (
        inpaint_table.drop("Haar, 4 shifts (L1)").min()
        > inpaint_table.loc["Haar, 4 shifts (L1)"]
    ).all(),
    "the Haar frame is last on both masks",
)

# %% alt="A detail with the six scratches, in five panels: the damaged image with black scratches, then harmonic, TV, Haar and biharmonic fills. Harmonic and biharmonic fill the scratches with smooth blurry paint; TV continues the edges sharply across them; the Haar fill shows faint square blocks."
scratch_mask = masks["six scratches"]
show_images(
    {"damaged": np.where(scratch_mask, clean, 0.0)} | inpainted["six scratches"],
    crop=np.s_[30:130, 70:170],
    title="Inpainting six scratches: a detail",
)
plt.show()

# %% [markdown]
# No penalty wins everywhere. On pixels missing at random, every hole is small and surrounded
# by known pixels, and the smooth fills do best: harmonic beats TV. On the scratches TV beats
# harmonic: where an edge crosses a scratch, the L2 fill smears it, while TV continues it, as
# TV kept edges in lesson 07. Biharmonic, an L2 penalty on second derivatives, has the best
# PSNR on both masks: its fills follow the slope of the image into the hole, which suits a
# photograph's shading. The Haar frame comes last: its square atoms show as blocks. These are
# single masks on one image; differences under 1 dB between fills should not be read as a
# ranking (exercise 5 repeats them with other masks).
#
# What L1 does in a hole is clearest on a step edge with a hole larger than any smoothing can
# bridge:

# %%
# NBVAL_CHECK_OUTPUT
step = np.zeros((24, 24))
step[:, 12:] = 1.0
hole = np.ones(step.shape, bool)
hole[6:18, 6:18] = False
step_fills = {
    "step with a hole": np.where(hole, step, 0.5),
    "harmonic (L2)": rs.inpaint_harmonic(step, hole),
    "TV (L1)": rs.inpaint_tv(step, hole, max_iter=20_000, tol=1e-9).image,
}
print(
    "largest error in the hole: harmonic "
    f"{np.abs(step_fills['harmonic (L2)'] - step).max():.2f}, "
    f"TV {np.abs(step_fills['TV (L1)'] - step).max():.0e}"
)
claim(
    np.abs(step_fills["TV (L1)"] - step).max()
    < 1e-3
    < 0.3
    < np.abs(step_fills["harmonic (L2)"] - step).max(),
    "TV restores the step exactly, harmonic does not",
)

# %% alt="Three small images: a black-and-white vertical step with a grey square hole in the middle; the harmonic fill, a smooth grey ramp across the hole; and the TV fill, the sharp step restored."
show_images(step_fills)
plt.show()

# %% [markdown]
# The jump costs TV the same whatever its path, $1 \times$ its length, so the shortest path, the
# straight continuation, is optimal. L2 pays the *square* of each difference and prefers many
# small steps: a ramp.
#
# ### Salt and pepper: detect, then inpaint
#
# Lesson 07 ended on a hint: salt-and-pepper pixels are exactly 0 or 1, so they can be
# **detected** and then treated as missing. Here are lesson 07's 20 % salt-and-pepper noise and
# its best denoiser, TV-L1 (an L1 data term), against the two-phase method with each fill.

# %%
# NBVAL_CHECK_OUTPUT
# Lesson 07's noise
salt_pepper = util.random_noise(clean, mode="s&p", amount=0.2, rng=0)
trusted = (salt_pepper > 0) & (salt_pepper < 1)  # pixels that are neither 0 nor 1
two_phase = {
    "TV-L1 (lesson 07)": rs.tv_l1_denoise(salt_pepper, 0.6, max_iter=500),
    "detect + harmonic": rs.inpaint_harmonic(salt_pepper, trusted),
    "detect + TV": rs.inpaint_tv(salt_pepper, trusted, max_iter=1000, tol=1e-5).image,
    "detect + biharmonic": inpaint_biharmonic(salt_pepper, ~trusted),
}
for label, image in two_phase.items():
    print(f"{label:<20} PSNR {rs.psnr(clean, image):6.2f} dB")
gains = [
    rs.psnr(clean, image) - rs.psnr(clean, two_phase["TV-L1 (lesson 07)"])
    for label, image in two_phase.items()
    if label.startswith("detect")
]
claim(
    6.5 < min(gains) and max(gains) < 8.5,
    "every two-phase fill beats TV-L1 by 7 to 8 dB",
)

# %% [markdown]
# Detection turns a denoising problem into an inpainting problem with 80 % of the pixels known,
# and every fill beats TV-L1 by far more than the fills differ among themselves.

# %% tags=["quiz"]
answer = None  # your answer: "a", "b", ...
quiz("08", 3, answer)

# %% [markdown]
# ## 3. Compressed sensing
#
# ### A sparse vector from few measurements
#
# Take a vector $x \in \mathbb{R}^n$ with only $k$ non-zero entries, and $m < n$ random
# measurements $y = Ax$, with $A$ an $m \times n$ matrix of Gaussian entries. Infinitely many
# vectors fit $y$. Which one do the penalties pick?
# - L2: $\min \|x\|_2$ subject to $Ax = y$, the **minimum-norm** solution, $A^+y$ (the
#   pseudo-inverse);
# - L1: $\min \|x\|_1$ subject to $Ax = y$, **basis pursuit**, a linear program
#   (`course_lib.sparse.basis_pursuit`, with scipy's HiGHS solver).

# %%
# NBVAL_CHECK_OUTPUT
cs_rng = np.random.default_rng(0)
n, m, k = 128, 40, 8
A = cs_rng.standard_normal((m, n)) / np.sqrt(m)
x_true = np.zeros(n)
x_true[cs_rng.choice(n, k, replace=False)] = cs_rng.standard_normal(k)
y = A @ x_true
x_l1, x_l2 = basis_pursuit(A, y), np.linalg.pinv(A) @ y
for label, x_hat in (("basis pursuit (L1)", x_l1), ("minimum norm (L2)", x_l2)):
    print(
        f"{label:<19} relative error "
        f"{np.linalg.norm(x_hat - x_true) / np.linalg.norm(x_true):.1e}, "
        f"non-zeros {np.sum(np.abs(x_hat) > 1e-8)}"
    )
claim(
    np.linalg.norm(x_l1 - x_true)
    < 1e-8 * np.linalg.norm(x_true)
    < 0.5 * np.linalg.norm(x_l2 - x_true),
    "basis pursuit is exact, the minimum-norm solution is far off",
)

# %% alt="Stem plots of the 128 entries: the true vector has 8 spikes; basis pursuit's solution sits exactly on them; the minimum-norm L2 solution spreads small values over all 128 entries and misses the spikes' heights."
fig, axes = plt.subplots(1, 2, figsize=(8.6, 3.4), sharey=True, layout="constrained")
for ax, (label, x_hat) in zip(
    axes, (("basis pursuit (L1)", x_l1), ("minimum norm (L2)", x_l2)), strict=True
):
    ax.stem(x_true, linefmt="k-", markerfmt="ko", basefmt=" ", label="true x")
    ax.plot(x_hat, "C1.", label="solution")
    ax.set(xlabel="entry", title=label)
fig.legend(*axes[0].get_legend_handles_labels(), loc="outside right upper")
fig.suptitle(f"From {m} measurements of {n} entries")
plt.show()

# %% [markdown]
# Basis pursuit recovers $x$ exactly, to rounding errors, from 40 numbers; the minimum-norm
# solution spreads the energy over all 128 entries. The reason is lesson 01's picture: the L1
# ball has corners on the axes, so the set $\{Ax = y\}$, a plane of dimension $n - m$, usually
# touches the smallest L1 ball at a sparse point; the round L2 ball touches it anywhere.
#
# How many measurements are enough? Repeat with random problems of length $n = 64$ for a grid of
# $m$ and $k$, and count the exact recoveries:

# %%
# NBVAL_CHECK_OUTPUT
MS = np.arange(8, CS_N, 8)  # measurements
KS = np.arange(2, 26, 2)  # non-zeros
grid_rng = np.random.default_rng(1)
success = np.full((KS.size, MS.size), np.nan)
for i, k_grid in enumerate(KS):
    for j, m_grid in enumerate(MS):
        if k_grid >= m_grid:
            continue  # no hope: fewer equations than unknowns even on the support
        hits = 0
        for _ in range(CS_TRIALS):
            A_grid = grid_rng.standard_normal((m_grid, CS_N))
            x_grid = np.zeros(CS_N)
            x_grid[grid_rng.choice(CS_N, k_grid, replace=False)] = (
                grid_rng.standard_normal(k_grid)
            )
            hits += np.linalg.norm(
                basis_pursuit(A_grid, A_grid @ x_grid) - x_grid
            ) < 1e-6 * np.linalg.norm(x_grid)
        success[i, j] = hits / CS_TRIALS
print(f"{np.count_nonzero(~np.isnan(success)) * CS_TRIALS} linear programs")
print(
    pd.DataFrame(
        success, index=pd.Index(KS, name="k"), columns=pd.Index(MS, name="m")
    ).to_string(na_rep="-", float_format="{:.2f}".format)
)
# The smallest m from which every problem was recovered
always = np.array(
    [
        MS[np.flatnonzero(np.nan_to_num(row) < 1).max() + 1]
        if (row[-1] == 1)
        else np.inf
        for row in success
    ]
)
print(
    "measurements per non-zero from which all were recovered:", np.round(always / KS, 1)
)
claim(
    np.all(always[KS >= 6] <= 4 * KS[KS >= 6]),
    "m = 4k measurements were always enough for k ≥ 6",
)

# %% alt="A heat map of the fraction of exact recoveries over the number of measurements m (horizontal) and the number of non-zeros k (vertical): yellow, all recovered, in the lower right where k is small and m large; dark purple, none recovered, above a rising line; a narrow band of intermediate colours between them; the top-left corner, where k is at least m, is blank."
fig, ax = plt.subplots(figsize=(6, 4))
picture = ax.imshow(
    success,
    origin="lower",
    cmap=plt.get_cmap("viridis").with_extremes(bad="white"),
    vmin=0,
    vmax=1,
    aspect="auto",
    extent=(MS[0] - 4, MS[-1] + 4, KS[0] - 1, KS[-1] + 1),
)
fig.colorbar(picture, label="fraction recovered exactly")
ax.set(
    xlabel="measurements m",
    ylabel="non-zeros k (blank: k ≥ m, not tried)",
    title=f"Basis pursuit on n = {CS_N}: a phase transition",
)
ax.grid(False)
plt.show()

# %% [markdown]
# The grid shows a **phase transition** (Donoho & Tanner, 2009): below a boundary basis pursuit
# almost always fails, above it it always succeeds, and the band between is narrow (Donoho and
# Tanner proved that it sharpens as $n$ grows). Here 4 measurements per non-zero were always enough once $k \ge 6$,
# far fewer than the $n = 64$ unknowns. The minimum-norm solution recovers none of these vectors:
# it is not sparse.

# %% tags=["quiz"]
answer = None  # your answer: "a", "b", ...
quiz("08", 4, answer)

# %% [markdown]
# ### With noise: the lasso of lesson 02
#
# With noise, $y = Ax + e$, the constraint $Ax = y$ forces the solution to fit the noise too.
# Relax it: the lasso $\frac{1}{2m}\|Ax - y\|^2 + \frac{\lambda}{2m}\|x\|_1$, in lesson 02's
# convention, with λ chosen by 5-fold cross-validation **on the measurements**: each fold
# predicts measurements it did not see, so no true $x$ is needed.

# %%
# NBVAL_CHECK_OUTPUT
y_noisy = y + 0.05 * cs_rng.standard_normal(m)
LASSO_LAMS = np.geomspace(1e-3, 1.0, 16)
# 1e-6: the same choice, 6 times faster
cv = cross_validate(A, y_noisy, LASSO_LAMS, tol=1e-6)
x_lasso = lasso_fista(A, y_noisy, cv.best_lam).coef
noisy_estimates = {
    "basis pursuit": basis_pursuit(A, y_noisy),
    "minimum norm": np.linalg.pinv(A) @ y_noisy,
    f"lasso, λ = {cv.best_lam:.3f} (CV)": x_lasso,
}
noisy_errors = {
    label: np.linalg.norm(x_hat - x_true) / np.linalg.norm(x_true)
    for label, x_hat in noisy_estimates.items()
}
for label, error in noisy_errors.items():
    print(f"{label:<24} relative error {error:.3f}")
claim(
    noisy_errors[f"lasso, λ = {cv.best_lam:.3f} (CV)"]
    < noisy_errors["basis pursuit"]
    < noisy_errors["minimum norm"],
    "the lasso beats basis pursuit, which beats the minimum-norm solution",
)

# %% [markdown]
# Basis pursuit still beats L2, but fitting the noise exactly costs it accuracy; the lasso, with
# a λ from cross-validation, is better still. (Lesson 02 explains its bias and the relaxed
# lasso that removes it.)
#
# ### An image from a few Fourier coefficients
#
# The experiment that started compressed sensing (Candès, Romberg & Tao, 2006): the Shepp–Logan
# phantom, a model of a head slice used to test tomography, measured only at the Fourier
# coefficients on a few lines through the origin, as some MRI scanners do. The phantom is
# piecewise constant, so its gradient is sparse: the image version of a sparse vector.
# - L2: the minimum-energy image with these coefficients sets the others to zero
#   ("zero-filled"), one inverse FFT;
# - L1: $\min \mathrm{TV}(u)$ subject to matching the measured coefficients exactly
#   (`rs.recover_tv_fourier`, Chambolle–Pock again).
#
# The paper used 22 lines on a 512 × 512 phantom. To fit this lesson's time budget the phantom
# here is 100 × 100 (scikit-image's 400 × 400 phantom, every 4th pixel, which keeps it piecewise
# constant), measured on 16 and on 22 lines.

# %%
# NBVAL_CHECK_OUTPUT
from skimage.data import shepp_logan_phantom

phantom = shepp_logan_phantom()[::PHANTOM_STEP, ::PHANTOM_STEP]
side = phantom.shape[0]
print(
    f"phantom {phantom.shape}, {np.unique(phantom).size} grey levels; the paper's 22 "
    f"lines cover {rs.radial_lines_mask(512, 22).mean():.1%} of a 512 × 512 spectrum"
)
phantom_spectrum = np.fft.fft2(phantom, norm="ortho")
fourier_masks, recovered, zero_filled = {}, {}, {}
for lines in LINES:
    fourier_masks[lines] = rs.radial_lines_mask(side, lines)
    samples = phantom_spectrum[fourier_masks[lines]]
    zero_filled[lines] = np.fft.ifft2(
        np.where(fourier_masks[lines], phantom_spectrum, 0), norm="ortho"
    ).real
    recovered[lines] = rs.recover_tv_fourier(
        samples, fourier_masks[lines], max_iter=3000, tol=1e-13
    ).image
    print(
        f"{lines} lines ({fourier_masks[lines].mean():.0%} of the coefficients): "
        "relative error zero-filled "
        f"{np.linalg.norm(zero_filled[lines] - phantom) / np.linalg.norm(phantom):.2f}"
        ", TV "
        f"{np.linalg.norm(recovered[lines] - phantom) / np.linalg.norm(phantom):.0e}"
    )
few, many = LINES
claim(
    np.linalg.norm(recovered[many] - phantom) < 1e-9 * np.linalg.norm(phantom),
    "TV is exact with 22 lines",
)
claim(
    1e-3 < np.linalg.norm(recovered[few] - phantom) / np.linalg.norm(phantom) < 0.05,
    "TV is close but not exact with 16 lines",
)

# %% alt="Four images: the star-shaped mask of 22 radial lines in the Fourier plane; the zero-filled reconstruction, the phantom with streaks and blur; TV from 16 lines, close but with faint errors; and TV from 22 lines, identical to the phantom."
show_images(
    {
        f"{many} lines (Fourier plane)": (
            np.fft.fftshift(fourier_masks[many]).astype(float)
        ),
        f"zero-filled, {many} lines": np.clip(zero_filled[many], 0, 1),
        f"TV, {few} lines": recovered[few],
        f"TV, {many} lines": recovered[many],
    },
)
plt.show()

# %% [markdown]
# From 27 % of its Fourier coefficients, TV recovers the phantom to rounding error; the
# zero-filled L2 image is streaked and blurred. With 16 lines TV is close (an error of a few
# percent) but no longer exact: the measurements have crossed the phase transition. The
# 100 × 100 phantom needs a larger share of its coefficients than the paper's 512 × 512 one: a
# coarse phantom's edges are jagged, so its gradient is less sparse relative to its size.

# %% [markdown]
# ## 4. ISTA unrolled into a network (LISTA)
#
# Lesson 02 solved the lasso with ISTA, the proximal gradient method. For
# $\min_x \frac12\|Bx - y\|^2 + \lambda\|x\|_1$ with $L = \|B\|_2^2$, one step is
# $$x \leftarrow \mathrm{soft}\big(Wy + Sx,\ \theta\big), \qquad W = B^\top/L,\quad
# S = I - B^\top B/L,\quad \theta = \lambda/L .$$
# That is a layer of a neural network: a linear map, then an activation, the soft threshold.
# $K$ steps are a $K$-layer network with fixed weights. Gregor & LeCun (2010) **trained** them:
# keep the architecture, start from ISTA's $W$, $S$ and thresholds, and let gradient descent
# change them to make the output close to the true codes of example signals. This is LISTA,
# "learned ISTA".
#
# The problem: codes $x \in \mathbb{R}^{64}$ whose entries are non-zero with probability 0.08
# (about 5 non-zeros), measured by a fixed random $32 \times 64$ matrix $B$ with noise of standard
# deviation 0.01. λ is the one whose lasso solution (FISTA, 300 steps) is closest to the true
# codes on validation signals.

# %%
# NBVAL_CHECK_OUTPUT
ROWS, ATOMS, DENSITY, CODE_NOISE, LAYERS = 32, 64, 0.08, 0.01, 8
dictionary = np.random.default_rng(10).normal(0, 1 / np.sqrt(ROWS), (ROWS, ATOMS))
lipschitz = np.linalg.norm(dictionary, 2) ** 2
# Signals are rows: y @ W_ista is (Bᵀy / L)ᵀ
W_ista = (dictionary / lipschitz).astype("float32")
S_ista = (np.eye(ATOMS) - dictionary.T @ dictionary / lipschitz).astype("float32")


def sparse_signals(count, seed, density=DENSITY, scale=1.0):
    """Codes x (rows) with about density·64 non-zeros, and their
    measurements y = Bx + noise."""
    rng = np.random.default_rng(seed)
    codes = (
        scale * rng.normal(size=(count, ATOMS)) * (rng.random((count, ATOMS)) < density)
    )
    noise = CODE_NOISE * rng.normal(size=(count, ROWS))
    return codes.astype("float32"), (codes @ dictionary.T + noise).astype("float32")


def ista_codes(measurements, lam, steps, *, fast=False, keep=()):
    """`steps` ISTA (or FISTA) iterations from x = 0 for all rows at once (float32);
    lam: one or one per row.

    With ``keep``, also returns {step: codes} after each of those steps.
    """
    offset = measurements @ W_ista
    threshold = (
        (np.broadcast_to(lam, (len(measurements),)) / lipschitz).astype("float32")
    )[:, None]
    codes = momentum = np.zeros((len(measurements), ATOMS), "float32")
    t, kept = 1.0, {}
    # On 2 cores, one BLAS thread runs these small products 10× faster
    with threadpool_limits(1, "blas"):
        for step in range(1, steps + 1):
            z = offset + momentum @ S_ista
            new = z - np.clip(z, -threshold, threshold)  # the soft threshold
            t_new = (1 + np.sqrt(1 + 4 * t * t)) / 2 if fast else 1.0
            momentum, codes, t = (
                new + np.float32((t - 1) / t_new) * (new - codes),
                new,
                t_new,
            )
            if step in keep:
                kept[step] = codes
    return (codes, kept) if keep else codes


def nmse_db(estimate, truth):
    """‖x̂ − x‖² / ‖x‖² summed over a set of signals, in dB (−20 dB: errors
    10 % of the codes' size)."""
    return 10 * np.log10(
        np.sum((estimate - truth) ** 2, dtype=float) / np.sum(truth.astype(float) ** 2)
    )


codes_train, y_train = sparse_signals(50_000, 1)
codes_val, y_val = sparse_signals(1_000, 2)
codes_test, y_test = sparse_signals(2_000, 3)
LISTA_LAMS = 0.0025 * 2.0 ** np.arange(6)
# All λ at once
stacked_y, stacked_lams = (
    np.tile(y_val, (LISTA_LAMS.size, 1)),
    np.repeat(LISTA_LAMS, len(y_val)),
)
lasso_val = [
    nmse_db(codes, codes_val)
    for codes in np.split(
        ista_codes(stacked_y, stacked_lams, 300, fast=True), LISTA_LAMS.size
    )
]
lam_lasso = float(LISTA_LAMS[int(np.argmin(lasso_val))])
print(
    f"λ = {lam_lasso:g}: the lasso solution's validation error "
    f"is {min(lasso_val):.1f} dB"
)

# %% [markdown]
# The network: one Keras layer that applies the $K = 8$ steps, with $W$ and $S$ shared by all
# steps and one threshold per step, initialized to ISTA's values. Untrained, it *is* 8 steps of
# ISTA; the cell checks that. Then it is trained with Adam on 50,000 example signals.


# %%
# NBVAL_CHECK_OUTPUT
class UnrolledISTA(keras.layers.Layer):
    """K steps x ← soft(yW + xS, θ_k): W and S shared by the steps,
    one threshold θ_k per step."""

    def __init__(self, layers, lam, **kwargs):
        super().__init__(**kwargs)
        self.layers_count = layers
        self.W = self.add_weight(
            shape=(ROWS, ATOMS),
            initializer=keras.initializers.Constant(W_ista),
            name="W",
        )
        self.S = self.add_weight(
            shape=(ATOMS, ATOMS),
            initializer=keras.initializers.Constant(S_ista),
            name="S",
        )
        self.theta = self.add_weight(
            shape=(layers,),
            initializer=keras.initializers.Constant(lam / lipschitz),
            name="theta",
        )

    def call(self, measurements):
        def soft(z, theta):  # the soft threshold with two ReLUs (exercise 3)
            return keras.ops.relu(z - theta) - keras.ops.relu(-z - theta)

        offset = measurements @ self.W
        codes = soft(offset, self.theta[0])  # the first step from x = 0
        for step in range(1, self.layers_count):
            codes = soft(offset + codes @ self.S, self.theta[step])
        return codes


measurements_in = keras.Input((ROWS,))
lista = keras.Model(measurements_in, UnrolledISTA(LAYERS, lam_lasso)(measurements_in))
untrained_error = nmse_db(
    lista.predict(y_test, batch_size=2_000, verbose=0), codes_test
)
claim(
    abs(untrained_error - nmse_db(ista_codes(y_test, lam_lasso, LAYERS), codes_test))
    < 1e-3,
    "the untrained network is 8 steps of ISTA",
)
EPOCHS_LISTA, BATCH_LISTA = 16, 250
schedule = keras.optimizers.schedules.CosineDecay(
    1e-2, EPOCHS_LISTA * len(y_train) // BATCH_LISTA
)
# 50 steps per call: faster
lista.compile(keras.optimizers.Adam(schedule), "mse", steps_per_execution=50)
history = lista.fit(
    y_train, codes_train, batch_size=BATCH_LISTA, epochs=EPOCHS_LISTA, verbose=0
)
print(
    f"training loss {history.history['loss'][0]:.1e} "
    f"→ {history.history['loss'][-1]:.1e}"
)
learned_thresholds = (
    keras.ops.convert_to_numpy(lista.layers[-1].theta) * lipschitz / lam_lasso
)
print(
    "learned thresholds, in units of ISTA's λ/L:",
    np.round(learned_thresholds).astype(int),
)
claim(
    learned_thresholds[0] > 100 and np.all(np.diff(learned_thresholds) < 0),
    "the thresholds start large and shrink",
)

# %%
# NBVAL_CHECK_OUTPUT
lista_test = lista.predict(y_test, batch_size=2_000, verbose=0)
ista_steps = np.unique(
    [*np.geomspace(1, 100 * LAYERS, 12).astype(int).tolist(), LAYERS, 10 * LAYERS]
)
# One run, kept at these steps
_, ista_path = ista_codes(y_test, lam_lasso, 100 * LAYERS, keep=set(ista_steps))
ista_curve = {steps: nmse_db(codes, codes_test) for steps, codes in ista_path.items()}
lista_errors = {
    f"ISTA, {steps} steps": ista_curve[steps]
    for steps in (LAYERS, 10 * LAYERS, 100 * LAYERS)
}
lista_errors["lasso solution (FISTA, 300 steps)"] = nmse_db(
    ista_codes(y_test, lam_lasso, 300, fast=True), codes_test
)
budget_val = [
    nmse_db(codes, codes_val)
    for codes in np.split(
        ista_codes(stacked_y, stacked_lams, 100 * LAYERS), LISTA_LAMS.size
    )
]
# The best λ for ISTA stopped at 800 steps
lam_budget = float(LISTA_LAMS[int(np.argmin(budget_val))])
lista_errors[f"ISTA, {100 * LAYERS} steps, λ = {lam_budget:g} tuned for them"] = (
    nmse_db(ista_codes(y_test, lam_budget, 100 * LAYERS), codes_test)
)
lista_errors[f"LISTA, {LAYERS} layers, untrained"] = untrained_error
lista_errors[f"LISTA, {LAYERS} layers, trained"] = nmse_db(lista_test, codes_test)
for label, error in lista_errors.items():
    print(f"{label:<41} test error {error:6.1f} dB")
trained_error = lista_errors[f"LISTA, {LAYERS} layers, trained"]
claim(
    trained_error < lista_errors[f"ISTA, {100 * LAYERS} steps"] - 3,
    "8 trained layers beat 800 ISTA steps",
)
claim(
    3 < trained_error - lista_errors["lasso solution (FISTA, 300 steps)"] < 7,
    "the lasso solution is about 5 dB better",
)
tuned_error = lista_errors[
    f"ISTA, {100 * LAYERS} steps, λ = {lam_budget:g} tuned for them"
]
claim(
    lam_budget > lam_lasso and tuned_error < trained_error,
    "ISTA with λ tuned for 800 steps beats LISTA",
)

# %% alt="Test error in dB against the number of steps or layers on a log axis: ISTA's curve starts near minus 2 dB at 1 step and falls slowly, reaching about minus 12 dB at 800 steps; the trained 8-layer LISTA is a single point near minus 19 dB at 8 layers, far below ISTA at the same depth and below ISTA at 800 steps; ISTA with a \u03bb tuned for 800 steps is a square near minus 20 dB; a dashed line marks the converged lasso solution near minus 25 dB."
fig, ax = plt.subplots(figsize=(6.5, 3.8))
ax.semilogx(
    list(ista_curve), list(ista_curve.values()), ".-", label=f"ISTA (λ = {lam_lasso:g})"
)
ax.plot(LAYERS, trained_error, "o", ms=10, label=f"LISTA, {LAYERS} trained layers")
ax.plot(
    100 * LAYERS,
    tuned_error,
    "s",
    ms=8,
    label=f"ISTA, λ = {lam_budget:g} tuned for {100 * LAYERS} steps",
)
ax.axhline(
    lista_errors["lasso solution (FISTA, 300 steps)"],
    color="grey",
    ls="--",
    label="the lasso solution",
)
ax.set(
    xlabel="steps (ISTA) or layers (LISTA)",
    ylabel="test error (dB)",
    title="Learned steps are shortcuts",
)
ax.legend(loc="center left")
plt.show()

# %% [markdown]
# At the same λ, eight trained layers beat 800 ISTA steps: ISTA converges slowly at this small
# λ. That comparison flatters LISTA, though. ISTA with a larger λ, chosen on the validation
# signals for an 800-step budget, stops closer to the true codes and beats the 8 trained layers,
# with 100 times their depth. What did LISTA learn?
# Gradient descent moved $W$, $S$ and the thresholds away from ISTA's values towards a shortcut
# for *these* signals, and its target is the true code, not the lasso solution. Its thresholds
# (printed after training) start hundreds of times larger than ISTA's and shrink layer by layer:
# keep only the largest entries first, then refine, the *continuation* schedule that fast lasso
# solvers use by hand. The lasso solution, the limit of ISTA, is still better, by about 5 dB:
# LISTA trades exactness for speed.
#
# What is lost is the guarantee. ISTA converges to the lasso solution for **any** $y$, a theorem.
# LISTA's shortcut holds only where it was trained:

# %%
# NBVAL_CHECK_OUTPUT
for label, (codes_off, y_off) in {
    "3 × more non-zeros": sparse_signals(2_000, 4, density=3 * DENSITY),
    "codes 5 × larger": sparse_signals(2_000, 5, scale=5.0),
}.items():
    off_lista = nmse_db(lista.predict(y_off, batch_size=2_000, verbose=0), codes_off)
    off_ista = nmse_db(ista_codes(y_off, lam_lasso, 100 * LAYERS), codes_off)
    print(
        f"{label:<20} LISTA {off_lista:6.1f} dB   "
        f"ISTA, {100 * LAYERS} steps {off_ista:6.1f} dB"
    )
    if label == "codes 5 × larger":
        claim(
            off_lista > 0 > off_ista,
            "on larger codes LISTA is worse than answering zero, ISTA is not",
        )

# %% [markdown]
# On denser codes every method does worse, and LISTA is still ahead of 800 ISTA steps. On larger
# codes it breaks down: an error above 0 dB is worse than answering $x = 0$. Its thresholds and
# matrices were fitted to codes of one size. Every test set of lessons 03 to 06 came from the
# distribution of the training data; a network's score there says nothing about data from
# elsewhere, while a convergent solver's guarantee holds for any data.

# %% tags=["quiz"]
answer = None  # your answer: "a", "b", ...
quiz("08", 5, answer)

# %% [markdown]
# ## Summary
# - When the operator $A$ loses information (a blur, missing pixels, few measurements), a
#   penalty is necessary: the naive inverse of a blur amplifies the noise by up to $10^{13}$.
# - L2 penalties give linear, exact, fast solutions (Tikhonov by FFT, harmonic inpainting by one
#   sparse solve, the minimum-norm solution by the pseudo-inverse) that blur edges or spread the
#   energy. L1 penalties keep edges and find sparse solutions, at the price of an iterative solver,
#   which a duality gap can certify.
# - GCV chose the oracle's λ for Tikhonov without the clean image; the discrepancy principle
#   oversmoothed, for Tikhonov and for TV, as in lesson 07.
# - L1 is not a rule that always wins: on small scattered holes the smooth L2 fills beat TV;
#   on scratches TV beats the harmonic fill; biharmonic had the best PSNR on both masks.
#   Detecting salt-and-pepper pixels and inpainting them beat lesson 07's TV-L1 by 7 to 8 dB.
# - Compressed sensing: basis pursuit recovers a sparse vector exactly from a few measurements per
#   non-zero, with a sharp phase transition; TV recovers a piecewise-constant phantom exactly from
#   27 % of its Fourier coefficients. The minimum-norm L2 solution does neither.
# - LISTA: an L1 solver unrolled into layers and trained reaches, in a few layers, an accuracy its
#   iterations reach only after many more, on the distribution it was trained on.
#
# ## Exercises
# Replace `None` with your answer and run the cell. The check prints ✓ or ✗ with a hint.
#
# **Exercise 1.** Reasoning. For Tikhonov deblurring with the gradient prior, GCV divides by
# $(N - \mathrm{tr}\,A)^2$, where $A$'s eigenvalues are
# $|\hat h(\omega)|^2 / (|\hat h(\omega)|^2 + \lambda|\hat \Gamma(\omega)|^2)$. For this lesson's
# image ($N = 256^2$) and a blur whose transfer function has no zero, what is $\mathrm{tr}\,A$ as
# $\lambda \to 0$, and as $\lambda \to \infty$? Answer with the pair.

# %%
from course_lib.checks import lesson08

answer = None  # your answer: a pair of numbers
lesson08.exercise_1(answer)

# %% [markdown]
# **Exercise 2.** By hand. Solve basis pursuit, $\min \|x\|_1$ subject to $Ax = y$, for
# `lesson08.BP_MATRIX` $= \begin{pmatrix}1&1&0\\0&1&1\end{pmatrix}$ and $y = (1, 1)$. Then compare
# with `np.linalg.pinv(A) @ y`.

# %%
answer = None  # your answer: three numbers
lesson08.exercise_2(answer)

# %% [markdown]
# **Exercise 3.** LISTA's activation is the soft threshold. Write `soft(z, theta)` with numpy
# using only two ReLUs, `np.maximum(…, 0)`, so that it equals lesson 01's soft threshold.


# %%
def soft(z, theta):
    return None  # replace with your code


lesson08.exercise_3(None)  # replace None with soft to check it

# %% [markdown]
# **Exercise 4.** Reasoning. The discrepancy principle chooses λ so that the residual
# $\frac1N\|h * u - f\|^2$ equals $\sigma^2$, the residual of the *clean* image. Why does that
# oversmooth? Think of what the residual of the best estimate must be, when that estimate is
# not the clean image and has been fitted to this very noise. (Morozov's rule is sometimes used
# with a safety factor $\tau > 1$: does that help?)
#
# **Exercise 5 (an experiment).** Section 2 compared the fills on one random mask per kind.
# Repeat the scratches with `MASK_SEED` = 2, 3, 4, 5, 6, and compute the paired 95 % interval of
# TV − harmonic in PSNR with `course_lib.stats.paired`. Is TV's advantage on scratches
# established? Is biharmonic's?
#
# **Exercise 6 (an experiment).** Train LISTA as in section 4, then test it on signals with three
# times more non-zeros, and on signals scaled by 5. Compare with ISTA run longer. What did LISTA
# learn about the *data*, and why does no theorem protect it off that data?

# %% tags=["remove-cell", "skip-slide"]
# How long this notebook took (the README and the instructor guide quote it).
stopwatch.report(budget_s=60)
