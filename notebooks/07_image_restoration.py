# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 07 · Image restoration: an L2 penalty blurs edges, an L1 penalty keeps them
#
# Regularization is older than neural networks. To remove noise from a photograph, we look
# for an image $u$ close to the noisy image $f$ that is also "simple", and the penalty says
# what simple means. This lesson compares L2 and L1 penalties on the same noisy photograph,
# and measures which keeps what matters in images: their **edges**.
#
# **You will learn**
# - why image gradients and wavelet coefficients are *sparse*, so that an L1 penalty suits them;
# - an L2 penalty on the pixels (useless) and on the gradient (Tikhonov, solved exactly with a DCT);
# - an L1 penalty on the gradient, the total variation (TV, Rudin–Osher–Fatemi), with a
#   duality gap that certifies the solution, checked against scikit-image;
# - an L1 penalty on wavelet coefficients: one soft-thresholding step, the exact lasso of lesson 02;
# - to choose λ **without the clean image**, with Stein's unbiased risk estimate (SURE);
# - an L1 *data* term for impulse noise, and how TV compares with lesson 05's autoencoder.
#
# **Computer time** (Run All): about 25 seconds on 2 CPU cores. numpy, scipy, scikit-image and
# PyWavelets; no TensorFlow.
#
# **How to use it:** run all cells first (*Run ▸ Run All Cells* in JupyterLab), then read from
# the top while the last ones finish. A short quiz after some sections checks your
# understanding (set `answer` to your choice and run its cell); the exercises at the end
# check your answers.
#
# **Before this lesson:** lessons 01 and 02 (the lasso, soft-thresholding); section 8 refers to
# lesson 05.

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
import pywt
from scipy import ndimage
from scipy import stats as sps
from skimage import data as skdata
from skimage import metrics, util
from skimage.restoration import (
    cycle_spin,
    denoise_tv_chambolle,
    estimate_sigma,
    inpaint_biharmonic,
)
from sklearn.decomposition import PCA

from course_lib import notebook
from course_lib import restoration as rs
from course_lib.autoencoders import add_noise, reconstruction_mse
from course_lib.data import load_mnist
from course_lib.norms import soft_threshold
from course_lib.objectives import lasso_fista
from course_lib.plots import show_images
from course_lib.quizzes import quiz
from course_lib.quoted import quoted_number
from course_lib.sliders import slider
from course_lib.stats import paired

stopwatch = notebook.setup(seed=0)

# %% [markdown]
# **Parameters.** The image is scikit-image's `camera` (public domain, shipped inside the
# scikit-image package: nothing is downloaded), reduced to 256 × 256 pixels by averaging
# 2 × 2 blocks, with intensities in [0, 1]. The noise is Gaussian, drawn with numpy, and
# **not clipped**, so that it stays Gaussian. λ depends on the intensity range: the values
# below are for images in [0, 1].

# %%
SIGMA = 0.1  # noise standard deviation
NOISE_SEED = 0
# Chambolle–Pock steps per TV solve in sweeps (checked below to be enough)
TV_STEPS = 150
HAAR_LEVEL = 4  # levels of the Haar wavelet transform
IMPULSE_AMOUNT = 0.2  # fraction of pixels hit by salt-and-pepper noise in section 7


def ssim(clean, image):
    """Structural similarity for images in [0, 1] (data_range must
    be given for float images)."""
    return metrics.structural_similarity(clean, image, data_range=1.0)


# %% [markdown]
# ## 1. The image and the noise

# %%
# NBVAL_CHECK_OUTPUT
camera = skdata.camera().astype(float) / 255
clean = camera.reshape(256, 2, 256, 2).mean(axis=(1, 3))
noisy = rs.add_gaussian_noise(clean, SIGMA, seed=NOISE_SEED)
print(f"image {clean.shape}, intensities in [{clean.min():.2f}, {clean.max():.2f}]")
print(f"noisy: PSNR {rs.psnr(clean, noisy):.2f} dB, SSIM {ssim(clean, noisy):.3f}")
# σ = 0.1 on [0, 1]: PSNR = 10·log10(1/σ²) = 20 dB
assert abs(rs.psnr(clean, noisy) - 20.0) < 0.05

# %% alt="The camera test photograph (a man with a camera on a tripod, buildings behind) clean on the left and with Gaussian noise of standard deviation 0.1 on the right, where a fine grain covers the whole picture."
show_images({"clean": clean, f"noisy (σ = {SIGMA})": noisy})
plt.show()

# %% [markdown]
# PSNR, the peak signal-to-noise ratio, is 10·log₁₀(1/MSE) for images in [0, 1]: higher is
# better, and +3 dB halves the mean squared error. SSIM (structural similarity, between −1 and 1)
# compares local patterns rather than single pixels.
#
# ## 2. Why images want L1
#
# A penalty is a prior belief about what clean images look like. Minimising
# $\frac12\|u - f\|^2 + \lambda R(u)$ is finding the most probable image when the noise is
# Gaussian (variance $\sigma^2$) and the prior density is proportional to $e^{-\lambda R(u)/\sigma^2}$: an L2 penalty on
# something says it is Gaussian, an L1 penalty says it is Laplace-distributed. So look at the
# data: are the differences between neighbouring pixels Gaussian?

# %%
grad = rs.gradient(clean)
diffs = np.concatenate([grad[0, :-1, :].ravel(), grad[1, :, :-1].ravel()])
# Maximum-likelihood fits
scale_gauss, scale_laplace = diffs.std(), np.mean(np.abs(diffs))
loglik_gauss = sps.norm(0, scale_gauss).logpdf(diffs).mean()
loglik_laplace = sps.laplace(0, scale_laplace).logpdf(diffs).mean()
kurtosis = sps.kurtosis(diffs)
print(
    f"{diffs.size:,} neighbour differences; excess kurtosis "
    f"{kurtosis:.1f} (a Gaussian has 0)"
)
print(
    f"mean log-likelihood: Gaussian fit {loglik_gauss:.3f}, "
    f"Laplace fit {loglik_laplace:.3f}"
)
assert kurtosis > 10 and loglik_laplace > loglik_gauss + 0.5

# %% alt="Histogram, on a log scale, of the differences between neighbouring pixels of the clean photograph: a sharp spike at 0 and long tails out to plus and minus 0.6. A Gaussian fit is too wide at the centre and falls off far too fast in the tails; a Laplace fit follows the data much more closely."
fig, ax = plt.subplots(figsize=(7, 4))
bins = np.linspace(-0.6, 0.6, 241)
ax.hist(
    diffs,
    bins=bins,
    density=True,
    histtype="step",
    lw=1.5,
    color="k",
    label="clean image",
)
grid = np.linspace(-0.6, 0.6, 601)
ax.plot(
    grid,
    sps.norm(0, scale_gauss).pdf(grid),
    label="Gaussian fit (what an L2 penalty assumes)",
)
ax.plot(
    grid,
    sps.laplace(0, scale_laplace).pdf(grid),
    label="Laplace fit (what an L1 penalty assumes)",
)
ax.set(
    yscale="log",
    ylim=(1e-3, None),
    xlabel="difference between neighbouring pixels",
    ylabel="density (log)",
    title="Image gradients are heavy-tailed: mostly near 0, sometimes large (edges)",
)
ax.legend(fontsize="small")
plt.show()

# %% [markdown]
# Most neighbouring pixels are almost equal (the spike at 0), and a few differ a lot: the edges
# (the long tails). A Gaussian cannot have both; the Laplace density fits far better (asserted).
# An L2 penalty on the gradient will therefore punish the few large differences, the edges,
# much too hard. Two caveats keep this honest. The peak of the data is even sharper than Laplace's
# (natural images have "hyper-Laplacian" gradients, |x|^p with p < 1): L1 is the closest *convex*
# choice, not the best fit. And the histogram pools horizontal and vertical differences one at a
# time, which supports penalizing |∂₁u| + |∂₂u|; the isotropic TV below penalizes the gradient
# vector's length instead (a close cousin; on a pixel grid it also slightly favours some
# directions). Finally, the MAP reading is a motivation, not a model: images drawn from such a
# prior do not look like photographs.
#
# The same holds for **wavelet coefficients**. An orthonormal wavelet transform $W$ rewrites the
# image as coefficients of small waves at several scales, $c = Wu$, with $\|Wu\| = \|u\|$. For a
# photograph most detail coefficients are nearly zero, and a few carry the energy. For pure
# noise, every coefficient carries a little:


# %%
def haar(image):
    """The Haar wavelet coefficients as one array, and what is
    needed to invert the transform."""
    coefficients = pywt.wavedec2(image, "haar", level=HAAR_LEVEL, mode="periodization")
    array, slices = pywt.coeffs_to_array(coefficients)
    approximation = np.zeros(array.shape, bool)
    approximation[slices[0]] = True
    return array, slices, approximation


def inverse_haar(array, slices):
    return pywt.waverec2(
        pywt.array_to_coeffs(array, slices, output_format="wavedec2"),
        "haar",
        mode="periodization",
    )


c_clean, slices, approx = haar(clean)
c_noise, _, _ = haar(noisy - clean)
assert np.isclose(np.sum(c_clean**2), np.sum(clean**2)) and (
    np.allclose(inverse_haar(c_clean, slices), clean)
)


def energy_curve(details):
    """Fraction of the detail energy held by the largest
    fraction of the coefficients."""
    energy = np.sort(details**2)[::-1]
    return np.arange(1, energy.size + 1) / energy.size, np.cumsum(energy) / energy.sum()


kept, energy_clean = energy_curve(c_clean[~approx])
_, energy_noise = energy_curve(c_noise[~approx])
top5 = int(0.05 * kept.size)
compressed = c_clean.copy()
small = np.argsort(np.abs(c_clean[~approx]))[: kept.size - top5]
details = compressed[~approx]
details[small] = 0.0
compressed[~approx] = details
psnr_5 = rs.psnr(clean, inverse_haar(compressed, slices))
print(
    f"the largest 5 % of detail coefficients hold {energy_clean[top5 - 1]:.1%} of the "
    f"photograph's detail energy, and {energy_noise[top5 - 1]:.1%} of the noise's"
)
print(f"keeping only them (and the coarse approximation): PSNR {psnr_5:.2f} dB")
assert energy_clean[top5 - 1] > 0.85 and energy_noise[top5 - 1] < 0.35 and psnr_5 > 30

# %% alt="Fraction of the detail energy against the fraction of Haar detail coefficients kept, largest first: for the photograph the curve shoots up to over 90 percent within the first 5 percent of coefficients; for Gaussian noise it rises slowly, close to the diagonal."
fig, ax = plt.subplots(figsize=(6, 4))
ax.plot(kept, energy_clean, label="camera (clean)")
ax.plot(kept, energy_noise, label="Gaussian noise")
ax.plot([0, 1], [0, 1], "k:", lw=0.8)
ax.axvline(0.05, color="gray", lw=0.8)
ax.set(
    xlabel="fraction of detail coefficients kept (largest first)",
    ylabel="fraction of detail energy",
    title="A photograph is sparse in the Haar basis; noise is not",
)
ax.legend()
plt.show()

# %% [markdown]
# That is lossy compression (JPEG 2000 works this way), and it is also why thresholding small
# coefficients removes noise: they are mostly noise.

# %% tags=["quiz"]
answer = None  # your answer: "a", "b", ...
quiz("07", 1, answer)

# %% [markdown]
# ## 3. L2 penalties: on the pixels, and on the gradient (Tikhonov)
#
# **On the pixels.** $\min_u \frac12\|u - f\|^2 + \frac{\lambda}{2}\|u\|^2$ gives
# $u = f/(1 + \lambda)$: the whole image is dimmed, noise and all. It cannot separate them.
#
# **On the gradient.** $\min_u \frac12\|u - f\|^2 + \frac{\lambda}{2}\|\nabla u\|^2$ asks for small
# differences between neighbours. Setting the gradient to zero gives the linear system
# $(I + \lambda\nabla^\top\nabla)\,u = f$. With forward differences and no difference across the
# border, $\nabla^\top\nabla$ is diagonalised by the discrete cosine transform (DCT), with eigenvalues
# $4\sin^2(\pi k/2H) + 4\sin^2(\pi l/2W)$, so `tikhonov_denoise` solves it exactly in
# $O(N\log N)$. (The FFT would assume the image wraps around at its border; the DCT does not.)
# A check against an iterative solve of the same system, on a crop:

# %%
from scipy.sparse.linalg import LinearOperator, cg

crop = noisy[:64, :64]
system = LinearOperator(
    (crop.size, crop.size),
    matvec=lambda v: (
        v - 2.0 * rs.divergence(rs.gradient(v.reshape(crop.shape))).ravel()
    ),
)
u_cg, info = cg(system, crop.ravel(), rtol=1e-12, maxiter=2000)
gap_cg = np.abs(rs.tikhonov_denoise(crop, 2.0) - u_cg.reshape(crop.shape)).max()
print(
    "(I + 2·∇ᵀ∇)u = f: DCT solution vs conjugate gradients, "
    f"largest difference {gap_cg:.1e}"
)
assert info == 0 and gap_cg < 1e-9

# %% [markdown]
# We sweep λ and keep the best PSNR against the clean image. That is an **oracle**: in practice
# the clean image is unknown (section 6 chooses λ without it). The oracle shows the best each
# penalty can do.

# %%
lams_pixel = np.geomspace(1e-3, 10, 40)
lams_tik = np.geomspace(0.05, 50, 40)
psnr_pixel = np.array([rs.psnr(clean, noisy / (1 + lam)) for lam in lams_pixel])
tik_images = [rs.tikhonov_denoise(noisy, lam) for lam in lams_tik]
psnr_tik = np.array([rs.psnr(clean, u) for u in tik_images])
best_tik = int(np.argmax(psnr_tik))
u_tik = tik_images[best_tik]
print(
    f"L2 on the pixels: best PSNR {psnr_pixel.max():.2f} dB "
    f"(noisy: {rs.psnr(clean, noisy):.2f} dB)"
)
print(
    f"Tikhonov:         best PSNR {psnr_tik.max():.2f} dB "
    f"at λ = {lams_tik[best_tik]:.2f}, SSIM {ssim(clean, u_tik):.3f}"
)
# The gradient is the right thing to penalize
assert psnr_tik.max() > psnr_pixel.max() + 4

# %% [markdown]
# ## 4. L1 on the gradient: total variation
#
# The **total variation** $\mathrm{TV}(u) = \sum_{ij}\sqrt{(\partial_1 u)_{ij}^2 + (\partial_2 u)_{ij}^2}$ is an
# L1 norm over pixels of the gradient's length (an L2 norm within each pixel's 2-vector, the group
# norm of lesson 01's block soft-thresholding). The Rudin–Osher–Fatemi (ROF) problem is
#
# $$\min_u\ \tfrac12\|u - f\|^2 + \lambda\,\mathrm{TV}(u).$$
#
# It has no closed form. `tv_denoise` solves it with the accelerated Chambolle–Pock primal-dual
# method. Its dual problem is $\max_{|p_{ij}| \le \lambda} \frac12\|f\|^2 - \frac12\|f + \operatorname{div} p\|^2$,
# and the **duality gap**, primal value minus dual value, is never negative and bounds how far the
# current image's objective is above the minimum: a certificate, as in lesson 02's lasso solvers.
# It certifies the image too: the ROF objective is 1-strongly convex, so
# $\tfrac12\|u - u^\star\|^2 \le$ objective − minimum $\le$ gap, and the rms distance from the
# exact minimiser $u^\star$ is at most $\sqrt{2\,\mathrm{gap}/N}$ (printed below).
#
# Why is this not one block soft-thresholding of $\nabla f$? Because TV is an *analysis* penalty:
# it acts on $\nabla u$, 2N differences of N pixels, which are not free (they must come from an
# image). Lesson 01's one-step prox needs a penalty on free coefficients (a *synthesis* penalty),
# as with the orthonormal wavelets of section 5, where the two coincide. Hence an iterative
# solver here and a single step there.

# %%
LAM_TV = 0.08
long_run = rs.tv_denoise(noisy, LAM_TV, max_iter=2000, tol=1e-6, check_every=10)
checks = np.arange(1, len(long_run.gap) + 1) * 10
short = rs.tv_denoise(noisy, LAM_TV, max_iter=TV_STEPS, tol=0)
print(
    f"gap at step 10: {long_run.gap[0]:.1f}; below 0.001 from step "
    f"{checks[np.argmax(long_run.gap < 1e-3)]}"
)
print(
    f"λ = {LAM_TV}: gap {long_run.gap[-1]:.2e} after {long_run.n_iter} steps "
    f"(converged: {long_run.converged}); ROF objective "
    f"{rs.rof_objective(long_run.image, noisy, LAM_TV):.3f}"
)
rms_short = np.sqrt(np.mean((short.image - long_run.image) ** 2))
print(
    f"after {TV_STEPS} steps the image is within rms {rms_short:.1e} "
    f"of the converged one (PSNR {rs.psnr(clean, short.image):.3f} "
    f"vs {rs.psnr(clean, long_run.image):.3f} dB)"
)
rms_bound = np.sqrt(2 * long_run.gap[-1] / noisy.size)
print(
    f"so the converged image is within rms {rms_bound:.1e} of the exact ROF minimiser"
)
assert long_run.converged and np.all(long_run.gap >= -1e-9)
assert abs(rs.psnr(clean, short.image) - rs.psnr(clean, long_run.image)) < 0.02

# %% alt="Log-log plot of the ROF duality gap against the Chambolle-Pock step for lambda = 0.08: the gap falls steadily over more than four orders of magnitude, from about 20 at step 10 to about 4e-4 when the run stops, and is below 0.001 from step 750; a vertical line marks step 150."
fig, ax = plt.subplots(figsize=(6, 3.5))
ax.loglog(checks, np.maximum(long_run.gap, 1e-12))
ax.axvline(TV_STEPS, color="gray", lw=0.8)
ax.set(
    xlabel="Chambolle–Pock step",
    ylabel="duality gap (≥ objective − minimum)",
    title=f"ROF, λ = {LAM_TV}: the gap certifies convergence",
)
plt.show()

# %% [markdown]
# **Checked against scikit-image.** `skimage.restoration.denoise_tv_chambolle(f, weight=w)`
# minimises the same objective with `weight` = λ (same isotropic TV, same differences and border
# rule). Its default stopping tolerance stops early, so we tighten it. Off by a factor 2 either way,
# the images differ:

# %%
# NBVAL_CHECK_OUTPUT
reference = denoise_tv_chambolle(noisy, weight=LAM_TV, eps=1e-7, max_num_iter=3000)
for label, weight in [
    ("weight = λ", LAM_TV),
    ("weight = 2λ", 2 * LAM_TV),
    ("weight = λ/2", LAM_TV / 2),
]:
    other = (
        reference
        if weight == LAM_TV
        else denoise_tv_chambolle(noisy, weight=weight, eps=1e-4)
    )
    print(
        f"{label:<13} rms difference from ours: "
        f"{np.sqrt(np.mean((other - long_run.image) ** 2)):.0e}"
    )
assert np.sqrt(np.mean((reference - long_run.image) ** 2)) < 1e-3

# %% [markdown]
# Now the oracle sweep over λ, each solve started from the previous λ's solution:

# %%
lams_tv = np.geomspace(0.03, 0.2, 9)
tv_images, previous = [], None
for lam in lams_tv:
    previous = rs.tv_denoise(noisy, lam, max_iter=TV_STEPS, tol=0, warm_start=previous)
    tv_images.append(previous.image)
psnr_tv = np.array([rs.psnr(clean, u) for u in tv_images])
best_tv = int(np.argmax(psnr_tv))
u_tv = tv_images[best_tv]
ssim_tik, ssim_tv = ssim(clean, u_tik), ssim(clean, u_tv)
# SSIM has its own best λ
ssim_tik_sweep = np.array([ssim(clean, u) for u in tik_images])
ssim_tv_sweep = np.array([ssim(clean, u) for u in tv_images])
ssim_best_tik, ssim_best_tv = (
    int(np.argmax(ssim_tik_sweep)),
    int(np.argmax(ssim_tv_sweep)),
)
print(
    f"TV:       best PSNR {psnr_tv.max():.2f} dB at λ = {lams_tv[best_tv]:.3f}, "
    f"SSIM there {ssim_tv:.3f}; best SSIM {ssim_tv_sweep.max():.3f} "
    f"at λ = {lams_tv[ssim_best_tv]:.3f}"
)
print(
    f"Tikhonov: best PSNR {psnr_tik.max():.2f} dB at λ = {lams_tik[best_tik]:.2f},  "
    f"SSIM there {ssim_tik:.3f}; best SSIM {ssim_tik_sweep.max():.3f} "
    f"at λ = {lams_tik[ssim_best_tik]:.2f}"
)
assert (
    psnr_tv.max() > psnr_tik.max() + 2
    and ssim_tv_sweep.max() > ssim_tik_sweep.max() + 0.05
)
# SSIM prefers a stronger Tikhonov penalty than PSNR does
assert ssim_best_tik > best_tik
# TV's lead shrinks when both tune for SSIM
assert ssim_tv_sweep.max() - ssim_tik_sweep.max() < ssim_tv - ssim_tik

# %% alt="PSNR against lambda for three penalties: the L2 penalty on the pixels never rises above about 20 dB, the noisy level; Tikhonov peaks near 26 dB; total variation peaks highest, near 28.7 dB, at lambda about 0.08."
fig, ax = plt.subplots(figsize=(6.5, 4))
ax.semilogx(lams_pixel, psnr_pixel, label="L2 on the pixels")
ax.semilogx(lams_tik, psnr_tik, label="L2 on the gradient (Tikhonov)")
ax.semilogx(lams_tv, psnr_tv, "o-", ms=3, label="L1 on the gradient (TV)")
ax.axhline(rs.psnr(clean, noisy), color="k", ls=":", label="noisy input")
ax.set(
    xlabel="λ (each penalty has its own scale)",
    ylabel="PSNR against the clean image (dB)",
    title="Oracle sweeps: the best λ of each penalty",
)
ax.legend(fontsize="small")
plt.show()

# %% alt="A detail of the photograph (the man's head and camera) in four panels: noisy; Tikhonov, blurred with noise left in flat areas; total variation, sharp edges and clean flat areas made of slightly flat patches; and the clean original."
zoom = (slice(30, 130), slice(80, 180))
show_images(
    {
        "noisy": noisy,
        f"Tikhonov, {psnr_tik.max():.1f} dB": u_tik,
        f"TV, {psnr_tv.max():.1f} dB": u_tv,
        "clean": clean,
    },
    crop=zoom,
    title="A detail, each denoiser at its best λ",
)
plt.show()

# %% [markdown]
# **Move λ.** How much does each denoiser depend on λ? Below, each penalty's λ is its best λ
# times a factor from 1/8 to 8 (TV: 150 warm-started steps, as in the sweep). Move the slider
# (in JupyterLab with a running kernel, or on the course website).

# %%
FACTORS = 2.0 ** np.arange(-3, 4)  # λ / best λ: 1/8, 1/4, ..., 8
lam_tik_best, lam_tv_best = lams_tik[best_tik], lams_tv[best_tv]
tik_at = {f: rs.tikhonov_denoise(noisy, f * lam_tik_best) for f in FACTORS}
tv_at, previous = {}, None
for f in FACTORS[::-1]:  # from the strongest λ down, each solve warm-started
    previous = rs.tv_denoise(
        noisy, f * lam_tv_best, max_iter=TV_STEPS, tol=0, warm_start=previous
    )
    tv_at[f] = previous.image
psnr_tik_at = {f: rs.psnr(clean, u) for f, u in tik_at.items()}
psnr_tv_at = {f: rs.psnr(clean, u) for f, u in tv_at.items()}
tv_ahead = [f for f in FACTORS if psnr_tv_at[f] > psnr_tik_at[f]]
print(
    "PSNR (dB) at λ = factor × best λ\n"
    + "\n".join(
        f"  factor {f:5g}: Tikhonov {psnr_tik_at[f]:.2f}, TV {psnr_tv_at[f]:.2f}"
        for f in FACTORS
    )
)
assert tv_ahead == [0.5, 1.0, 2.0]  # TV leads only within a factor 2 of its best λ

# %% alt="Three panels for lambda equal to each penalty's best lambda: the detail denoised by Tikhonov, blurred with noise left, and by TV, sharp and clean, and on the right the PSNR of both against the factor from 1/8 to 8: TV's curve peaks higher at 1 but falls faster on both sides, below Tikhonov's from a factor 4 away."
denoise_fig, denoise_axes = plt.subplots(1, 3, figsize=(8.6, 3.2), layout="constrained")
shown = {
    name: ax.imshow(noisy[zoom], cmap="gray", vmin=0, vmax=1)
    for name, ax in zip(("Tikhonov", "TV"), denoise_axes[:2], strict=True)
}
for ax in denoise_axes[:2]:
    ax.set(xticks=[], yticks=[])
    ax.grid(False)
denoise_axes[2].semilogx(
    FACTORS, [psnr_tik_at[f] for f in FACTORS], "o-", ms=3, label="Tikhonov"
)
denoise_axes[2].semilogx(
    FACTORS, [psnr_tv_at[f] for f in FACTORS], "o-", ms=3, label="TV"
)
factor_line = denoise_axes[2].axvline(1, color="k", lw=1.2)
denoise_axes[2].set_xticks(FACTORS, labels=[f"{f:g}" for f in FACTORS], minor=False)
denoise_axes[2].set_xticks([], minor=True)
denoise_axes[2].set(xlabel="λ / best λ", ylabel="PSNR (dB)", title="PSNR against λ")
denoise_axes[2].legend(fontsize="small")


def draw_denoised(factor):
    """The detail at factor × each penalty's best λ: the figure above, updated."""
    for (name, image), psnr_at, lam_best, ax in [
        (("Tikhonov", tik_at[factor]), psnr_tik_at, lam_tik_best, denoise_axes[0]),
        (("TV", tv_at[factor]), psnr_tv_at, lam_tv_best, denoise_axes[1]),
    ]:
        shown[name].set_data(image[zoom])
        ax.set_title(f"{name}, λ = {factor * lam_best:.3g}\n{psnr_at[factor]:.1f} dB")
    factor_line.set_xdata([factor, factor])
    return denoise_fig


def describe_denoised(factor):
    """The alt text of one frame."""
    return (
        f"At {factor:g} times each best lambda (Tikhonov {factor * lam_tik_best:.3g}, "
        f"TV {factor * lam_tv_best:.3g}) the denoised image has a PSNR of "
        f"{psnr_tik_at[factor]:.1f} dB with Tikhonov and {psnr_tv_at[factor]:.1f} dB "
        f"with TV, whose detail is shown; the PSNR curves of both are drawn against "
        f"the factor."
    )


slider(draw_denoised, FACTORS, name="λ / best λ", default=1, alt=describe_denoised)

# %% [markdown]
# TV leads by more than 2 dB at its best λ but is the more sensitive: a factor 4 off in either
# direction, it falls below Tikhonov (printed above). Too small a λ leaves the noise; too large a
# λ turns the detail into flat patches.

# %% [markdown]
# Each λ above was chosen for PSNR. SSIM has its own best λ (printed): it prefers a stronger
# Tikhonov penalty, which hides more noise at the cost of more blur. Tuned for SSIM each, TV still
# leads, by less than at the PSNR-tuned λ. The metric you choose changes the "best" λ.
#
# Tikhonov removes noise by averaging neighbours, edges included: the coat and the tripod are
# blurred, and some noise remains in flat areas. TV removes the noise from flat areas and keeps
# the edges sharp. The reason is the **width** of an edge. A monotone rise of height h spread over
# w pixels costs TV = h, whatever w is, while the L2 penalty on the gradient charges w·(h/w)² =
# h²/w, which falls as the edge spreads: L2 prefers a blurred edge, L1 does not mind a sharp one.
# One row, h = 0.5:

# %%
edge_costs = []
for width in (1, 2, 4, 8):
    # A rise of 0.5 over `width` pixels
    edge = np.tile(np.clip((np.arange(16) - 4) / width, 0, 1) * 0.5, (2, 1))
    edge_costs.append(
        {
            "width w": width,
            "TV (row)": rs.total_variation(edge) / 2,
            "L2 of the gradient (row)": float(np.sum(np.diff(edge[0]) ** 2)),
        }
    )
edge_costs = pd.DataFrame(edge_costs).set_index("width w")
assert np.allclose(edge_costs["TV (row)"], 0.5) and (
    np.allclose(edge_costs["L2 of the gradient (row)"], 0.25 / edge_costs.index)
)
edge_costs

# %% [markdown]
# TV's typical artefacts are visible too: smooth shading becomes flat patches, and every flat
# region is pulled towards its surroundings, so contrast drops (by about λ times its perimeter over
# its area). Both effects are clearest on a simple test image: a smooth ramp, then a sharp step.

# %%
cols = np.arange(128)
profile_clean = np.where(cols < 64, 0.2 + 0.4 * cols / 63, 0.9)
test_clean = np.tile(profile_clean, (64, 1))
test_noisy = rs.add_gaussian_noise(test_clean, SIGMA, seed=1)
test_tik = max(
    (rs.tikhonov_denoise(test_noisy, lam) for lam in lams_tik),
    key=lambda u: rs.psnr(test_clean, u),
)
lam_test = max(
    lams_tv,
    key=lambda lam: rs.psnr(
        test_clean, rs.tv_denoise(test_noisy, lam, max_iter=300, tol=0).image
    ),
)
test_tv = rs.tv_denoise(test_noisy, lam_test, max_iter=300, tol=0).image
row = 32
step_tik = test_tik[row, 64] - test_tik[row, 63]
step_tv = test_tv[row, 64] - test_tv[row, 63]
flat_runs = np.sum(np.abs(np.diff(test_tv[row, :60])) < 1e-3)
print(
    "rise across the step, from column 63 to 64 "
    f"(clean: {profile_clean[64] - profile_clean[63]:.2f}): "
    f"Tikhonov {step_tik:.2f}, TV {step_tv:.2f}"
)
print(
    f"TV on the ramp: {flat_runs} of 59 neighbour differences are flat "
    "(|Δ| < 0.001): stairs"
)
ramp_no_noise = rs.tv_denoise(test_clean, lam_test, max_iter=300, tol=0).image[row, :60]
flat_no_noise = int(np.sum(np.abs(np.diff(ramp_no_noise)) < 1e-3))
print(
    f"the same λ on the noise-free ramp: {flat_no_noise} flat differences, "
    "all at its two ends"
)
assert (
    step_tv > 3 * step_tik
    and step_tv > 0.8 * (profile_clean[64] - profile_clean[63])
    and flat_runs > 15
)
flat_at = np.flatnonzero(np.abs(np.diff(ramp_no_noise)) < 1e-3)
# No stairs inside: noise makes them
assert flat_no_noise < flat_runs / 2 and np.all((flat_at < 12) | (flat_at > 46))

# %% alt="One row of a test image that rises as a ramp and then jumps up at column 64: the noisy row scatters around the clean one; the Tikhonov result follows the ramp but rounds the jump over several pixels; the TV result keeps the jump sharp and follows the ramp in small flat steps."
fig, ax = plt.subplots(figsize=(8, 3.8))
ax.plot(cols, test_noisy[row], color="0.75", lw=0.8, label="noisy")
ax.plot(cols, profile_clean, "k", lw=1.5, label="clean")
ax.plot(cols, test_tik[row], label="Tikhonov (L2 of the gradient)")
ax.plot(cols, test_tv[row], label="TV (L1 of the gradient)")
ax.set(
    xlabel="column",
    ylabel="intensity",
    title="One row: TV keeps the step and turns the ramp into stairs",
)
ax.legend(fontsize="small")
plt.show()

# %% [markdown]
# The stairs come from the noise. On the noise-free ramp the same λ only flattens the two ends
# (printed above): ROF creates no new jumps (Caselles, Chambolle & Novaga 2007), and with noise the
# small jumps it keeps are the noise's.

# %% tags=["quiz"]
answer = None  # your answer: "a", "b", ...
quiz("07", 2, answer)

# %% [markdown]
# ## 5. L1 on wavelet coefficients: soft-thresholding
#
# > **3-hour workshop:** shown briefly (its key result); read the rest at home.
#
# With an orthonormal transform $W$ and coefficients $c$, denoising with an L1 penalty on the
# coefficients is
#
# $$\min_c\ \tfrac12\|W^\top c - f\|^2 + t\,\|c\|_1 = \min_c\ \tfrac12\|c - Wf\|^2 + t\,\|c\|_1 ,$$
#
# because $W$ preserves lengths. Each coefficient separates, and the solution is lesson 01's
# **soft-thresholding** of $Wf$ at $t$: one step, exact. It is also lesson 02's lasso with the
# design $X = W^\top$, whose columns are orthonormal: there the solution was soft-thresholding of
# $X^\top y$ at λ/2 in the source's scaling. A check with lesson 02's solver on a 16 × 16 crop (so
# that $X$ is a 256 × 256 matrix):

# %%
patch = noisy[100:116, 100:116]
# X = Wᵀ: column k is the k-th wave
synthesis = np.stack(
    [
        pywt.waverec2(
            pywt.array_to_coeffs(
                np.eye(256)[k].reshape(16, 16), haar(patch)[1], output_format="wavedec2"
            ),
            "haar",
            mode="periodization",
        ).ravel()
        for k in range(256)
    ],
    axis=1,
)
assert np.allclose(synthesis.T @ synthesis, np.eye(256))
t = 0.1
lasso = lasso_fista(synthesis, patch.ravel(), 2 * t, tol=1e-14, max_iter=20_000).coef
one_step = soft_threshold(synthesis.T @ patch.ravel(), t)
print(
    "lasso (FISTA, seed's λ = 2t) vs one soft-thresholding step: "
    f"largest difference {np.abs(lasso - one_step).max():.1e}; exact zeros "
    f"{int(np.sum(one_step == 0))} of 256"
)
assert np.allclose(lasso, one_step, atol=1e-8) and (
    np.array_equal(lasso == 0, one_step == 0)
)

# %% [markdown]
# On the whole image we threshold the detail coefficients and keep the coarse approximation.
# Against it: hard thresholding (keep or kill, an L0-like rule), L2 shrinkage (every detail
# coefficient divided by 1 + λ: the L2 prox), and the **best per-band linear** shrinkage: each of
# the 12 detail bands multiplied by the factor that minimises the error against the clean
# image. That oracle is the least-squares factor of each band, so no rule that multiplies each
# Haar band by one factor can beat it. Other linear methods can: Tikhonov (section 3) is linear
# too, and its row is in the table.

# %%
c_noisy, _, _ = haar(noisy)


def shrink_details(transform):
    """Apply a function to the detail coefficients of the noisy image, keep
    the approximation, invert."""
    c = c_noisy.copy()
    c[~approx] = transform(c_noisy[~approx])
    return inverse_haar(c, slices)


thresholds = np.geomspace(0.02, 0.6, 40)
psnr_soft = np.array(
    [
        rs.psnr(clean, shrink_details(lambda d, t=t: soft_threshold(d, t)))
        for t in thresholds
    ]
)
psnr_hard = np.array(
    [
        rs.psnr(clean, shrink_details(lambda d, t=t: np.where(np.abs(d) > t, d, 0.0)))
        for t in thresholds
    ]
)
psnr_l2 = max(
    rs.psnr(clean, shrink_details(lambda d, lam=lam: d / (1 + lam)))
    for lam in np.geomspace(1e-2, 10, 40)
)
best_linear = c_noisy.copy()
for level in slices[1:]:
    for band in level.values():
        y, x_band = c_noisy[band], c_clean[band]
        best_linear[band] = np.sum(x_band * y) / np.sum(y * y) * y
psnr_linear = rs.psnr(clean, inverse_haar(best_linear, slices))
t_best = thresholds[int(np.argmax(psnr_soft))]
u_soft = shrink_details(lambda d: soft_threshold(d, t_best))
zero_fraction = np.mean(soft_threshold(c_noisy[~approx], t_best) == 0)


def threshold_denoise(image, t, hard=False):
    """Haar denoising of one image: soft- (or hard-) threshold the details at
    t, keep the approximation."""
    c, s, a = haar(image)
    c[~a] = (
        np.where(np.abs(c[~a]) > t, c[~a], 0.0) if hard else soft_threshold(c[~a], t)
    )
    return inverse_haar(c, s)


# Cycle spinning averages 16 shifts: a coarser grid of t
spin_thresholds = np.geomspace(0.1, 0.45, 8)
psnr_spin = {
    rule: np.array(
        [
            rs.psnr(
                clean,
                cycle_spin(
                    noisy,
                    threshold_denoise,
                    max_shifts=3,
                    func_kw={"t": t, "hard": rule == "hard"},
                    channel_axis=None,
                    workers=1,
                ),
            )
            for t in spin_thresholds
        ]
    )
    for rule in ("soft", "hard")
}
wavelet_table = pd.DataFrame(
    {
        "PSNR dB": [
            psnr_l2,
            psnr_linear,
            psnr_tik.max(),
            psnr_hard.max(),
            psnr_soft.max(),
            psnr_spin["soft"].max(),
            psnr_spin["hard"].max(),
        ]
    },
    index=[
        "L2 shrinkage, best λ",
        "best per-band linear (oracle)",
        "Tikhonov, best λ (section 3; linear, not per band)",
        "hard threshold, best t",
        "soft threshold (L1), best t",
        "soft threshold + cycle spinning 4×4, best t",
        "hard threshold + cycle spinning 4×4, best t",
    ],
)
print(
    "with cycle spinning: soft best at t = "
    f"{spin_thresholds[np.argmax(psnr_spin['soft'])]:.3f}, "
    f"hard best at t = {spin_thresholds[np.argmax(psnr_spin['hard'])]:.3f}"
)
print(
    f"soft thresholding at t = {t_best:.3f} sets {zero_fraction:.0%} of the detail "
    "coefficients exactly to 0"
)
assert (
    psnr_soft.max() > psnr_linear > psnr_l2
    and psnr_soft.max() > psnr_hard.max()
    and zero_fraction > 0.7
)
# A linear filter that is not per band beats the per-band oracle
assert psnr_tik.max() > psnr_linear
# With cycle spinning, hard overtakes soft
assert psnr_spin["hard"].max() > psnr_spin["soft"].max() + 0.5
# TV (section 4) still leads on this image
assert psnr_tv.max() > psnr_spin["hard"].max()
wavelet_table.round(2)

# %% alt="PSNR against the threshold t for Haar wavelet denoising: soft thresholding peaks highest, at about 26.3 dB; hard thresholding peaks lower; horizontal lines show the best per-band linear shrinkage, about 25.4 dB, and L2 shrinkage, about 22.5 dB, both below the soft-thresholding peak."
fig, ax = plt.subplots(figsize=(6.5, 4))
ax.semilogx(thresholds, psnr_soft, label="soft threshold (L1 prox)")
ax.semilogx(thresholds, psnr_hard, label="hard threshold")
ax.axhline(psnr_linear, color="C2", ls="--", label="best per-band linear (oracle)")
ax.axhline(psnr_l2, color="C3", ls=":", label="L2 shrinkage, best λ")
ax.set(
    xlabel="threshold t",
    ylabel="PSNR (dB)",
    title="Haar wavelets: thresholding beats any per-band linear shrinkage",
)
ax.xaxis.set_minor_formatter(plt.NullFormatter())  # the minor labels overlap
ax.legend(fontsize="small")
plt.show()

# %% [markdown]
# Soft thresholding beats every per-band linear shrinkage, even the oracle one: such a rule must
# shrink a whole band by one factor, while thresholding treats each coefficient by its size, keeping the
# few large ones (edges) and zeroing the many small ones (noise). The Haar basis is not shift
# invariant, which leaves blocky artefacts; averaging the result over 16 shifted copies of the
# image ("cycle spinning") reduces them. With cycle spinning, **hard** thresholding overtakes soft
# (the last two rows): soft thresholding also shrinks every large coefficient it keeps by t, a
# bias, and once the shifts average away hard thresholding's artefacts, that bias costs more. So
# L1 is the *convex* choice (the exact lasso of lesson 02, and tunable by SURE because it is
# Lipschitz in the data), not always the best estimator. TV stays ahead on this image.

# %% tags=["quiz"]
answer = None  # your answer: "a", "b", ...
quiz("07", 3, answer)

# %% [markdown]
# ## 6. Choosing λ without the clean image
#
# > **3-hour workshop:** shown briefly (its key result); read the rest at home.
#
# Every λ so far was picked by comparing with the clean image. In practice we only have $f$.
# If the noise is Gaussian with known σ, **Stein's unbiased risk estimate** (SURE) estimates
# the risk, the expected error $\mathbb{E}\|u - x\|^2$ of a denoiser over the noise, from $f$ alone
# (one image gives one noisy estimate of it):
#
# $$\mathrm{SURE} = \|u - f\|^2 - N\sigma^2 + 2\sigma^2\,\operatorname{div} u(f),$$
#
# where $\operatorname{div} u(f) = \sum_i \partial u_i/\partial f_i$ measures how much the output
# follows the input (N is the number of pixels). For Tikhonov, a linear filter, the divergence is
# the trace $\sum_k 1/(1 + \lambda\mu_k)$; for soft thresholding it is the number of coefficients
# kept (the idea behind Donoho and Johnstone's SureShrink, used here as one threshold for all
# detail bands); for TV we estimate it with one random probe (Monte-Carlo SURE). σ itself is
# estimated from the finest wavelet coefficients (`skimage.restoration.estimate_sigma`).
#
# Two older rules for comparison: the **discrepancy principle** (choose λ so that
# $\|u - f\|^2 = N\sigma^2$) and the **universal threshold** $t = \sigma\sqrt{2\ln N}$ for wavelets.

# %%
sigma_hat = float(estimate_sigma(noisy))
sure_tik = np.array([rs.tikhonov_sure(noisy, lam, sigma_hat) for lam in lams_tik])
sure_soft = np.array(
    [rs.soft_threshold_sure(c_noisy[~approx], t, sigma_hat) for t in thresholds]
)
sure_tv_runs = [
    rs.tv_sure(noisy, lam, sigma_hat, iterations=TV_STEPS, seed=1) for lam in lams_tv
]
sure_tv = np.array([value for value, _ in sure_tv_runs])
residual_tik = np.array([np.sum((u - noisy) ** 2) for u in tik_images])
lam_discrepancy = int(np.argmin(np.abs(residual_tik - noisy.size * sigma_hat**2)))
residual_tv_sweep = np.array([np.sum((u - noisy) ** 2) for u in tv_images])
lam_discrepancy_tv = int(
    np.argmin(np.abs(residual_tv_sweep - noisy.size * sigma_hat**2))
)
t_universal = sigma_hat * np.sqrt(2 * np.log(noisy.size))
psnr_universal = rs.psnr(
    clean, shrink_details(lambda d: soft_threshold(d, t_universal))
)
choice = pd.DataFrame(
    {
        "oracle PSNR": [psnr_tik.max(), psnr_soft.max(), psnr_tv.max()],
        "SURE's choice PSNR": [
            psnr_tik[np.argmin(sure_tik)],
            psnr_soft[np.argmin(sure_soft)],
            psnr_tv[np.argmin(sure_tv)],
        ],
        "older rule PSNR": [
            psnr_tik[lam_discrepancy],
            psnr_universal,
            psnr_tv[lam_discrepancy_tv],
        ],
    },
    index=[
        "Tikhonov (rule: discrepancy principle)",
        "Haar soft threshold (rule: universal threshold)",
        "TV (Monte-Carlo SURE; rule: discrepancy principle)",
    ],
)
choice["SURE − oracle"] = choice["SURE's choice PSNR"] - choice["oracle PSNR"]
choice["older rule − oracle"] = choice["older rule PSNR"] - choice["oracle PSNR"]
print(f"estimated σ = {sigma_hat:.4f} (true {SIGMA})")
assert abs(sigma_hat - SIGMA) < 0.01
assert np.all(choice["SURE − oracle"] > -0.1)  # SURE's λ within 0.1 dB of the oracle's
assert np.all(choice["older rule − oracle"] < -0.5)  # the older rules oversmooth
choice.round(2)

# %% [markdown]
# How close is SURE's *level* to the true error? SURE is ‖u − f‖² + σ²(2·div − N), so for the
# same u it is a straight line in σ². With the σ̂ we estimated, and with the true σ = 0.1, at each
# method's best strength:

# %%
true_error = {
    "Tikhonov": np.array([np.sum((u - clean) ** 2) for u in tik_images]),
    "TV": np.array([np.sum((u - clean) ** 2) for u in tv_images]),
    "Haar soft": np.array(
        [
            np.sum((shrink_details(lambda d, t=t: soft_threshold(d, t)) - clean) ** 2)
            for t in thresholds
        ]
    ),
}
residual_tv = np.array([np.sum((u - noisy) ** 2) for _, u in sure_tv_runs])
# The same estimates with the true σ (for TV: the same probe, the same u)
sure_true_sigma = {
    "Tikhonov": np.array([rs.tikhonov_sure(noisy, lam, SIGMA) for lam in lams_tik]),
    "TV": residual_tv + (SIGMA / sigma_hat) ** 2 * (sure_tv - residual_tv),
    "Haar soft": np.array(
        [rs.soft_threshold_sure(c_noisy[~approx], t, SIGMA) for t in thresholds]
    ),
}
sure_hat = {"Tikhonov": sure_tik, "TV": sure_tv, "Haar soft": sure_soft}
level = pd.DataFrame(
    {
        name: {
            "true error": true_error[name][k := int(np.argmin(true_error[name]))],
            "SURE with σ̂, relative error": sure_hat[name][k] / true_error[name][k] - 1,
            "SURE with σ, relative error": (
                sure_true_sigma[name][k] / true_error[name][k] - 1
            ),
        }
        for name in true_error
    }
).T
print(f"σ̂ = {sigma_hat:.4f} is {sigma_hat / SIGMA - 1:+.1%} off σ = {SIGMA}")
# Over 20 % too low with σ̂ ...
assert level.loc["TV", "SURE with σ̂, relative error"] < -0.2
# ... within 5 % with the true σ
assert level["SURE with σ, relative error"].abs().max() < 0.05
level.round(3)

# %% alt="Three panels, for Tikhonov, TV and Haar soft thresholding, on linear axes: the true squared error against the strength (black), SURE with the estimated sigma (dashed) and SURE with the true sigma (dotted). SURE with the true sigma lies on the true error; SURE with the estimated sigma has the same U shape but lies well below it near the minimum, most for TV, and above it at the smallest strengths; all minima fall at nearly the same strength, marked by a vertical line."
fig, axes = plt.subplots(1, 3, figsize=(8.6, 4.4), layout="constrained")
for ax, (name, strengths, xlabel) in zip(
    axes,
    [
        ("Tikhonov", lams_tik, "λ"),
        ("TV", lams_tv, "λ"),
        ("Haar soft", thresholds, "threshold t"),
    ],
    strict=True,
):
    ax.plot(
        strengths,
        true_error[name],
        "k",
        label="true error ‖u − x‖² (needs the clean image)",
    )
    ax.plot(
        strengths,
        sure_hat[name],
        "--",
        label=f"SURE with σ̂ = {sigma_hat:.4f} (from f alone)",
    )
    ax.plot(
        strengths,
        sure_true_sigma[name],
        ":",
        lw=2,
        label=f"SURE with the true σ = {SIGMA}",
    )
    ax.axvline(strengths[np.argmin(sure_hat[name])], color="C0", lw=0.8)
    # Linear y: the gap near the minimum is what matters
    ax.set(
        xlabel=xlabel, title=name, xscale="log", ylim=(0, 2 * true_error[name].min())
    )
    # Ticks at 1 and 3 times a power of 10, written as plain numbers
    ax.xaxis.set_major_locator(plt.LogLocator(subs=(1, 3)))
    ax.xaxis.set_major_formatter(plt.FormatStrFormatter("%g"))
    ax.xaxis.set_minor_formatter(plt.NullFormatter())
axes[0].set_ylabel("squared error (linear scale)")
fig.legend(
    *axes[0].get_legend_handles_labels(), loc="outside lower center", fontsize="small"
)
fig.suptitle(
    "SURE's minimum picks λ without the clean image; its level depends strongly on σ"
)
plt.show()

# %% [markdown]
# SURE picks λ within 0.1 dB of the oracle for all three denoisers (asserted), without looking
# at the clean image. Its **level** is another matter. With σ̂, 2.6 % above the true σ, SURE
# underestimates TV's error at its best λ by over 20 % (the table), while with the true σ it is
# within 5 % for all three. The shift is (σ̂² − σ²)(2·div − N): near the optimum TV's divergence
# is a small fraction of N, so a small error in σ² is multiplied by almost N. At the smallest
# strengths 2·div > N and SURE lies *above* the true error. So trust SURE's minimum, which moves
# little with σ, not its value as an estimate of the error. The discrepancy principle and the universal threshold both choose
# too strong a penalty (they aim at a different target: a residual as large as the noise, or no
# noise coefficient surviving), and lose the PSNR shown in the table's last column.

# %% tags=["quiz"]
answer = None  # your answer: "a", "b", ...
quiz("07", 4, answer)

# %% [markdown]
# ## 7. Impulse noise: an L1 data term
#
# > **3-hour workshop:** skipped; read it at home.
#
# So far the *penalty* was L1 or L2 and the data term $\frac12\|u - f\|^2$ was L2, which is right
# for Gaussian noise. Salt-and-pepper noise sets a fraction of the pixels to 0 or 1: a few huge
# errors, a heavy-tailed noise. The L1 argument applies to the data term too:
# $\min_u \|u - f\|_1 + \lambda\,\mathrm{TV}(u)$ (TV-L1) lets a few pixels disagree with $f$
# completely. Its proximal step is again soft-thresholding, around $f$.

# %%
salt_pepper = util.random_noise(clean, mode="s&p", amount=IMPULSE_AMOUNT, rng=0)
u_median = ndimage.median_filter(salt_pepper, size=3)
u_rof = max(
    (
        rs.tv_denoise(salt_pepper, lam, max_iter=TV_STEPS, tol=0).image
        for lam in (0.1, 0.2, 0.4, 0.8)
    ),
    key=lambda u: rs.psnr(clean, u),
)
u_tvl1 = max(
    (rs.tv_l1_denoise(salt_pepper, lam, max_iter=500) for lam in (0.5, 0.6, 0.8)),
    key=lambda u: rs.psnr(clean, u),
)
impulse = {
    "salt and pepper (20 %)": salt_pepper,
    "ROF (L2 data term)": u_rof,
    "3 × 3 median": u_median,
    "TV-L1 (L1 data term)": u_tvl1,
}
for label, image in impulse.items():
    print(f"{label:<24} PSNR {rs.psnr(clean, image):6.2f} dB")
assert rs.psnr(clean, u_tvl1) > rs.psnr(clean, u_median) + 1 > rs.psnr(clean, u_rof) + 1

# %% alt="The same detail with 20 percent salt-and-pepper noise and three restorations: the noisy image covered in black and white dots; ROF, smooth but with grey blotches where the dots were; the 3 by 3 median, clean but with thin lines lost; and TV-L1, clean with edges and thin lines kept."
show_images(
    impulse,
    crop=zoom,
    title=(
        "Impulse noise: the L2 data term chases the outliers, "
        "the L1 data term ignores them"
    ),
)
plt.show()

# %% [markdown]
# The L2 data term tries to fit every corrupted pixel, so ROF keeps grey blotches at any λ. The
# 3 × 3 median, a classic fix, is good but removes lines one pixel wide and leaves clusters of
# impulses. TV-L1 is the best of these three
# (the λ of each method was again chosen with the clean image, so this compares each method at
# its best).
#
# **But salt-and-pepper pixels give themselves away**: they are exactly 0 or 1, values that
# almost no clean pixel has. When the corrupted pixels can be *detected*, do not denoise:
# **inpaint**. Treat the flagged pixels as missing and fill them from their neighbours (a
# "two-phase" method, Chan, Ho & Nikolova, 2005). Two ways: replace only the flagged pixels by
# their 3 × 3 median (a switching median), or fill them with scikit-image's `inpaint_biharmonic`,
# which keeps every unflagged pixel and fills the rest with the smoothest surface through them.

# %%
flagged = (salt_pepper == 0) | (salt_pepper == 1)
print(
    f"flagged pixels: {flagged.mean():.2%}; clean pixels that are exactly 0 or 1: "
    f"{np.mean((clean == 0) | (clean == 1)):.3%}"
)
two_phase = {
    "switching median": np.where(flagged, u_median, salt_pepper),
    "detect + inpaint (biharmonic)": inpaint_biharmonic(salt_pepper, flagged),
}
for label, image in two_phase.items():
    print(
        f"{label:<30} PSNR {rs.psnr(clean, image):6.2f} dB   "
        f"(TV-L1: {rs.psnr(clean, u_tvl1):.2f} dB)"
    )
assert (
    rs.psnr(clean, two_phase["detect + inpaint (biharmonic)"])
    > rs.psnr(clean, two_phase["switching median"])
    > rs.psnr(clean, u_tvl1) + 1
)

# %% [markdown]
# Detection wins by a wide margin: inpainting the flagged pixels beats TV-L1 by several dB, and
# even the switching median beats it. TV-L1's real domain is impulse noise that cannot be
# detected, such as *random-valued* impulses (exercise 6). The lesson stands in its general form:
# a few huge errors call for an L1 data term, and when you know *which* pixels are wrong, use that
# knowledge instead.
#
# Lesson 08 goes on from here: deblurring, where a penalty is necessary; inpainting, with the
# fills of this two-phase repair compared (L2, TV, wavelets); and compressed sensing.
#
# ## 8. A bridge to lesson 05: TV or a denoising autoencoder?
#
# > **3-hour workshop:** skipped; read it at home.
#
# Lesson 05 trained a denoising autoencoder on MNIST digits with Gaussian noise of std 0.3,
# clipped to [0, 1]. TV needs no training. Which wins? We choose TV's λ on 200 noisy **training**
# digits (validation: their clean versions are known) and apply it to 200 test digits with lesson
# 04's noise. PCA (32 components, fit on clean digits, as in lesson 05) is a second baseline.

# %%
(x_train, _), (x_test, _) = load_mnist()
x_val_clean, x_test_clean = x_train[:200].astype(float), x_test[:200].astype(float)
x_val_noisy = add_noise(x_train[:200], 0.3, seed=3).astype(float)
# Lesson 05's noisy test digits
x_test_noisy = add_noise(x_test, 0.3, seed=1)[:200].astype(float)
lams_digits = (0.05, 0.1, 0.15, 0.2, 0.3)
val_mse = [
    reconstruction_mse(
        x_val_clean, rs.tv_denoise(x_val_noisy, lam, max_iter=300, tol=0).image
    )
    for lam in lams_digits
]
lam_digits = lams_digits[int(np.argmin(val_mse))]
tv_digits = rs.tv_denoise(x_test_noisy, lam_digits, max_iter=300, tol=0).image
pca = PCA(n_components=32, random_state=0).fit(x_train[:20_000].reshape(20_000, -1))
pca_digits = pca.inverse_transform(
    pca.transform(x_test_noisy.reshape(200, -1))
).reshape(x_test_noisy.shape)
# TV-L1 (section 7): the L1 data term estimates a median
lams_tvl1 = (0.4, 0.6, 0.8, 1.0, 1.2)
val_mse_tvl1 = [
    reconstruction_mse(x_val_clean, rs.tv_l1_denoise(x_val_noisy, lam, max_iter=200))
    for lam in lams_tvl1
]
lam_tvl1 = lams_tvl1[int(np.argmin(val_mse_tvl1))]
tvl1_digits = rs.tv_l1_denoise(x_test_noisy, lam_tvl1, max_iter=200)
per_digit = {
    name: reconstruction_mse(x_test_clean, x, per_sample=True)
    for name, x in [
        ("noisy", x_test_noisy),
        ("TV", tv_digits),
        ("TV-L1", tvl1_digits),
        ("PCA", pca_digits),
    ]
}
tv_vs_pca = paired(per_digit["TV"], per_digit["PCA"], unit="test digits")
tvl1_vs_pca = paired(per_digit["TV-L1"], per_digit["PCA"], unit="test digits")
print(f"λ chosen on validation digits: TV {lam_digits}, TV-L1 {lam_tvl1}")
for name, errors in per_digit.items():
    print(f"{name:<6} MSE {errors.mean():.4f}")
print(
    f"TV − PCA, per digit: {tv_vs_pca}: {tv_vs_pca.verdict('lower', 'higher')} for TV"
)
print(
    f"TV-L1 − PCA, per digit: {tvl1_vs_pca}: "
    f"{tvl1_vs_pca.verdict('lower', 'higher')} for TV-L1"
)
background = x_test_clean == 0
print(
    "mean value on the black background: "
    + ", ".join(
        f"{name} {x[background].mean():.3f}"
        for name, x in [
            ("noisy", x_test_noisy),
            ("TV", tv_digits),
            ("TV-L1", tvl1_digits),
        ]
    )
)
assert min(lams_tvl1) < lam_tvl1 < max(lams_tvl1)  # chosen inside the grid
# PCA beats TV (L2 data term); TV-L1 beats PCA
assert tv_vs_pca.low > 0 and tvl1_vs_pca.high < 0

# %% [markdown]
# Lesson 05's denoising autoencoder was measured on the same noisy test digits, and it printed
# its MSE on the first 200 of them, the digits used here. Its number is read from lesson 05's
# executed notebook when it sits beside this one, else from the value recorded from the course's
# copy:

# %%
autoencoder_mse, where = quoted_number(
    "05_autoencoder_mnist", "denoising autoencoder, first 200 test digits"
)
print(f"lesson 05, denoising autoencoder: MSE {autoencoder_mse:.4f} ({where})")
print(
    f"here, on the same 200 test digits: TV-L1 {per_digit['TV-L1'].mean():.4f}, "
    f"TV {per_digit['TV'].mean():.4f}, PCA {per_digit['PCA'].mean():.4f}"
)
assert (
    max(autoencoder_mse, per_digit["TV-L1"].mean())
    < per_digit["PCA"].mean()
    < per_digit["TV"].mean()
)
assert abs(per_digit["TV-L1"].mean() - autoencoder_mse) < 0.002  # about the same

# %% alt="One MNIST test digit, a seven: with lesson 05's clipped noise it sits on a grey speckled background; TV (L2 data term) removes the speckle but leaves a grey haze and rounded strokes; TV-L1 gives a black background and clean strokes; PCA gives a blurry but recognisable seven; and the clean digit."
show_images(
    {
        "noisy": x_test_noisy[0],
        "TV": tv_digits[0],
        "TV-L1": tvl1_digits[0],
        "PCA": pca_digits[0],
        "clean": x_test_clean[0],
    },
    title="One test digit (lesson 05's noise: std 0.3, clipped)",
)
plt.show()

# %% [markdown]
# With ROF's L2 data term, even PCA beats TV on these digits (its per-digit interval lies above 0
# for TV). The main reason is the **data term**, section 7's lesson. Clipping to [0, 1] turns the
# zero-mean noise on the black background into max(0, noise): a *positive* grey haze, which ROF
# keeps, because an L2 data term estimates a mean (the background's mean value is printed above).
# But the median of max(0, noise) is 0, and an L1 data term estimates a median. So **TV-L1**,
# with its λ chosen on the same validation digits, removes the haze, beats PCA (per-digit
# interval below 0) and reaches about the autoencoder's MSE on the same digits (the two means
# printed above differ by less than 0.002). Which of the two is better we leave open: that needs
# a paired comparison digit by digit, and the autoencoder's per-digit errors live in lesson 05.
#
# The autoencoder **knows what digits look like** from thousands of examples, and it learned
# this noise. TV-L1 knows only "piecewise constant" and "a few large errors", yet with a data
# term that matches the noise it keeps up, with no training data, no GPU and no trust in a
# network. With Gaussian noise on natural images TV is a classic, well-understood baseline, and
# SURE can tune it without clean data.

# %% tags=["quiz"]
answer = None  # your answer: "a", "b", ...
quiz("07", 5, answer)

# %% [markdown]
# ## Summary
# - Image gradients and wavelet coefficients are compressible (heavy-tailed, mostly near 0, not
#   exactly 0): an L1 penalty fits them,
#   an L2 penalty does not.
# - L2 on the pixels only dims the image. L2 on the gradient (Tikhonov) is exact and fast (DCT)
#   but blurs edges. L1 on the gradient (TV) keeps edges and leaves flat patches ("stairs").
# - L1 on orthonormal wavelet coefficients is one soft-thresholding step, the exact lasso of
#   lesson 02; it beats every per-band linear shrinkage, even the best (oracle) one, though not
#   every linear method: Tikhonov beat that oracle too. With cycle spinning, hard thresholding
#   (an L0 rule) beat soft: convex is not the same as best.
# - SURE chooses λ from the noisy image alone, as well as the clean-image oracle here; the
#   discrepancy principle and the universal threshold oversmooth.
# - For impulse noise that cannot be detected, put the L1 norm on the data term (TV-L1); when
#   the corrupted pixels can be detected (salt and pepper), inpaint them instead.
# - Match the data term to the noise: on digits with clipped noise TV-L1 beats PCA and reaches
#   about the MSE of a trained denoising autoencoder; TV with an L2 data term loses to both.
#
# ## Exercises
# Replace `None` with your answer and run the cell. The check prints ✓ or ✗ with a hint.
#
# **Exercise 1.** Compute the total variation (isotropic, forward differences, zero difference
# across the last row and column) of `lesson07.EXERCISE_IMAGE`, a 3 × 3 image, by hand or with numpy.

# %%
from course_lib.checks import lesson07

print(lesson07.EXERCISE_IMAGE)
answer = None  # your answer: a number
lesson07.exercise_1(answer)

# %% [markdown]
# **Exercise 2.** Reasoning. The eigenvalue of ∇ᵀ∇ for the constant image (DCT index k = l = 0)
# is 0. By what factor does `tikhonov_denoise(f, lam)` multiply the **mean** intensity of f, for
# any λ? And by what factor does `f / (1 + lam)`, the L2 penalty on the pixels, multiply it?
# Answer with the pair `(tikhonov_factor, pixel_factor)` for λ = 3.

# %%
answer = None  # your answer: a pair of numbers
lesson07.exercise_2(answer)

# %% [markdown]
# **Exercise 3.** Write `soft_sure(y, t, sigma)`: Stein's unbiased risk estimate of soft-thresholding
# the noisy coefficients `y` at `t` (section 6), with numpy.


# %%
def soft_sure(y, t, sigma):
    return None  # replace with your code


lesson07.exercise_3(None)  # replace None with soft_sure to check it

# %% [markdown]
# **Exercise 4.** An experiment. `lesson07.exercise_image()` returns scikit-image's `text` image
# (in [0, 1]) with Gaussian noise σ = 0.1. Which λ of TV, among 0.02, 0.05, 0.1 and 0.2, gives
# the smallest **Monte-Carlo SURE** (`rs.tv_sure`, with σ estimated by `estimate_sigma`)? You may
# not use the clean image.

# %%
answer = None  # your answer: one of the four λ
lesson07.exercise_4(answer)

# %% [markdown]
# **Exercise 5.** Reasoning. Section 6's SURE with σ̂ underestimated TV's error by over 20 %
# although σ̂ was only 2.6 % too large. Using SURE = ‖u − f‖² + σ²(2·div − N), explain why the
# level is so sensitive to σ exactly near the best λ, and why the *location* of SURE's minimum
# hardly moves. Would the error be larger or smaller for a denoiser that keeps more of the noise
# (larger div)?
#
# **Exercise 6 (an experiment).** Replace the salt-and-pepper noise of section 7 by
# *random-valued* impulses: 20 % of the pixels set to uniform random values in [0, 1] (build it
# with `np.random.default_rng(0)`). Can you still detect the corrupted pixels? Compare the 3 × 3
# median with TV-L1 (`rs.tv_l1_denoise`, try λ in 0.5–1) by PSNR. Which wins now, and why?

# %% tags=["remove-cell", "skip-slide"]
# How long this notebook took (the README and the instructor guide quote it).
stopwatch.report(budget_s=60)
