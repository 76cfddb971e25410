"""Image restoration with L2 and L1 penalties: Tikhonov, total variation (ROF and TV-L1), SURE (numpy, scipy.fft).

Images are 2-D float arrays, intensities in [0, 1]; λ is ``lam``. Conventions:

- ``gradient(u)``: forward differences, shape (2, H, W): row 0 is u[i+1, j] − u[i, j],
  row 1 is u[i, j+1] − u[i, j], and the difference across the last row / column is 0
  (Neumann boundary). ``divergence(p) = −gradientᵀ p`` (the adjoint, with a minus sign).
- ``total_variation(u)`` = Σ √(∂₁u² + ∂₂u²), the isotropic TV.
- ROF: ``rof_objective(u, f, lam)`` = ½‖u − f‖² + lam·TV(u); :func:`tv_denoise` minimises it
  and equals ``skimage.restoration.denoise_tv_chambolle(f, weight=lam)`` at convergence.
- Tikhonov: ``tikhonov_denoise(f, lam)`` minimises ½‖u − f‖² + (lam/2)·‖∇u‖², i.e. solves
  (I + lam·∇ᵀ∇) u = f, exactly, with the DCT that diagonalises ∇ᵀ∇ under this boundary rule.
- TV-L1: :func:`tv_l1_denoise` minimises ‖u − f‖₁ + lam·TV(u) (for impulse noise).
- Deblurring (periodic boundary, as the FFT): ``convolve(u, kernel)`` = k ∗ u with the kernel's
  centre at the origin; ``deconvolve_tikhonov(f, kernel, lam)`` minimises ½‖k ∗ u − f‖² +
  (lam/2)·‖Du‖² with D the periodic forward differences (or (lam/2)·‖u‖² with
  ``prior="identity"``), as ``skimage.restoration.wiener(f, kernel, balance=lam, reg=…, clip=False)``
  does; ``deconvolve_tv`` minimises ½‖k ∗ u − f‖² + lam·TV(u) (TV with the Neumann rule above).
- Inpainting: ``inpaint_tv(f, mask)`` minimises TV(u) subject to u = f where ``mask`` is True;
  ``inpaint_harmonic`` minimises ‖∇u‖² instead; ``inpaint_wavelet`` is sparse Haar synthesis.

λ scales with the intensity range: the same ``lam`` on an image in [0, 255] means
something else (ROF's λ scales with the intensities, Tikhonov's does not).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy import fft

from ._validate import array, finite_result, flag, positive_int, real
from ._validate import seed as check_seed
from ._validate import shape as _shape

MAX_ITER = 100_000
LARGEST = 1e100  # strengths and noise levels above this are refused: their products would overflow


def nonnegative(value, name: str) -> float:
    """A finite float in [0, 1e100]."""
    return real(value, name, low=0.0, high=LARGEST)


def positive(value, name: str) -> float:
    """A finite float in (0, 1e100]."""
    return real(value, name, low=0.0, low_open=True, high=LARGEST)


def _image(f, name: str = "f", *, stack: bool = False) -> np.ndarray:
    f = array(f, name, ndim=(2, 3) if stack else 2)
    if min(f.shape[-2:]) < 2 or f.size == 0:
        raise ValueError(f"{name} must be an image of at least 2 × 2 pixels"
                         f"{' (or a stack of them)' if stack else ''}, got shape {f.shape}")
    if np.abs(f).max() > 1e100:
        raise ValueError(f"{name} holds values beyond ±1e100; scale the image to [0, 1]")
    return f


# --------------------------------------------------------------------------- differences


def gradient(u) -> np.ndarray:
    """Forward differences (2, H, W) of an image u, zero across the last row and the last column."""
    return _gradient(_image(u, "u"))


def divergence(p) -> np.ndarray:
    """−gradientᵀ p for a field p of shape (2, H, W): the divergence whose adjoint is −gradient."""
    p = array(p, "p", ndim=3)
    if p.shape[0] != 2 or min(p.shape[1:]) < 2:
        raise ValueError(f"p must have shape (2, H, W) with H, W ≥ 2, got {p.shape}")
    return _divergence(p)


def _gradient(u: np.ndarray) -> np.ndarray:
    """Forward differences over the last two axes of u (an image or a stack of images)."""
    g = np.zeros((2, *u.shape))
    g[0, ..., :-1, :] = u[..., 1:, :] - u[..., :-1, :]
    g[1, ..., :, :-1] = u[..., :, 1:] - u[..., :, :-1]
    return g


def _divergence(p: np.ndarray) -> np.ndarray:
    d = np.zeros(p.shape[1:])
    d[..., :-1, :] += p[0, ..., :-1, :]
    d[..., 1:, :] -= p[0, ..., :-1, :]
    d[..., :, :-1] += p[1, ..., :, :-1]
    d[..., :, 1:] -= p[1, ..., :, :-1]
    return d


def _magnitude(p: np.ndarray) -> np.ndarray:
    """Each pixel's length √(p₁² + p₂²) of a field p of shape (2, …)."""
    return np.sqrt(p[0] ** 2 + p[1] ** 2)


def _tv(u: np.ndarray) -> float:
    """Isotropic TV of an already checked image (or stack): the sum of the gradient's lengths."""
    return float(np.sum(_magnitude(_gradient(u))))


def total_variation(u) -> float:
    """Isotropic total variation Σ √(∂₁u² + ∂₂u²) with forward differences."""
    return _tv(_image(u, "u"))


def rof_objective(u, f, lam: float) -> float:
    """½‖u − f‖² + lam·TV(u), the Rudin–Osher–Fatemi objective."""
    u, f = _image(u, "u"), _image(f, "f")
    if u.shape != f.shape:
        raise ValueError(f"u and f must have the same shape, got {u.shape} and {f.shape}")
    lam = nonnegative(lam, "lam")
    with np.errstate(over="ignore"):
        value = 0.5 * float(np.sum((u - f) ** 2)) + lam * total_variation(u)
    return float(finite_result(value, "u, f and lam"))


# --------------------------------------------------------------------------- Tikhonov (L2 of the gradient)


def laplacian_eigenvalues(shape: tuple[int, int]) -> np.ndarray:
    """Eigenvalues of ∇ᵀ∇ (forward differences, Neumann) on the DCT-II basis: 4sin²(πk/2H) + 4sin²(πl/2W)."""
    h, w = _shape(shape, "shape", ndims=(2,))
    if h * w > 100_000_000:
        raise ValueError(f"shape {shape} is too large")
    rows = 4 * np.sin(np.pi * np.arange(h) / (2 * h)) ** 2
    cols = 4 * np.sin(np.pi * np.arange(w) / (2 * w)) ** 2
    return rows[:, None] + cols[None, :]


def tikhonov_denoise(f, lam: float) -> np.ndarray:
    """The minimiser of ½‖u − f‖² + (lam/2)·‖∇u‖²: u = (I + lam·∇ᵀ∇)⁻¹ f, exactly, via the DCT."""
    f = _image(f)
    lam = nonnegative(lam, "lam")
    spectrum = fft.dctn(f, type=2, norm="ortho")
    with np.errstate(over="ignore"):
        spectrum /= 1.0 + lam * laplacian_eigenvalues(f.shape)
    return fft.idctn(spectrum, type=2, norm="ortho")


def tikhonov_sure(f, lam: float, sigma: float) -> float:
    """Stein's unbiased estimate of ‖u − x‖² for u = tikhonov_denoise(f, lam), f = x + N(0, sigma²) noise.

    SURE = ‖u − f‖² − Nσ² + 2σ²·tr(A), with A = (I + lam·∇ᵀ∇)⁻¹ and tr(A) = Σ 1/(1 + lam·μₖ).
    """
    f = _image(f)
    lam, sigma = nonnegative(lam, "lam"), nonnegative(sigma, "sigma")
    u = tikhonov_denoise(f, lam)
    trace = float(np.sum(1.0 / (1.0 + lam * laplacian_eigenvalues(f.shape))))
    with np.errstate(over="ignore", invalid="ignore"):
        value = np.sum((u - f) ** 2) - f.size * sigma**2 + 2 * sigma**2 * trace
    return float(finite_result(value, "f and sigma"))


# --------------------------------------------------------------------------- deblurring (periodic boundary)


def gaussian_psf(size: int, sigma: float) -> np.ndarray:
    """A size × size Gaussian blur kernel (point spread function), standard deviation sigma pixels, sum 1."""
    size = positive_int(size, "size", high=1_001)
    if size % 2 == 0:
        raise ValueError(f"size must be odd, so that the kernel has a centre pixel, got {size}")
    sigma = positive(sigma, "sigma")
    offsets = np.arange(size) - size // 2
    kernel = np.exp(-(offsets[:, None] ** 2 + offsets[None, :] ** 2) / (2 * sigma**2))
    return kernel / kernel.sum()


def _transfer(kernel, shape: tuple[int, int], name: str) -> np.ndarray:
    """The rfft2 of an odd-sized kernel placed with its centre at pixel (0, 0) of an image of this shape."""
    kernel = array(kernel, name, ndim=2)
    if kernel.shape[0] % 2 == 0 or kernel.shape[1] % 2 == 0:
        raise ValueError(f"{name} must have odd sides (a centre pixel), got shape {kernel.shape}")
    if kernel.shape[0] > shape[0] or kernel.shape[1] > shape[1]:
        raise ValueError(f"{name} of shape {kernel.shape} is larger than the image {shape}")
    padded = np.zeros(shape)
    padded[:kernel.shape[0], :kernel.shape[1]] = kernel
    padded = np.roll(padded, (-(kernel.shape[0] // 2), -(kernel.shape[1] // 2)), axis=(0, 1))
    return fft.rfft2(padded)


def convolve(u, kernel) -> np.ndarray:
    """kernel ∗ u, the blur: periodic boundary (what the FFT computes), the kernel's centre pixel at the origin.

    Equal to ``scipy.ndimage.convolve(u, kernel, mode="wrap")``; the kernel's sides must be odd
    and not larger than the image's.
    """
    u = _image(u, "u")
    return fft.irfft2(fft.rfft2(u) * _transfer(kernel, u.shape, "kernel"), s=u.shape)


def periodic_gradient_eigenvalues(shape: tuple[int, int]) -> np.ndarray:
    """Eigenvalues of ∇ᵀ∇ (forward differences, periodic) on the rfft2 grid: 4sin²(πk/H) + 4sin²(πl/W)."""
    h, w = _shape(shape, "shape", ndims=(2,))
    rows = 4 * np.sin(np.pi * np.arange(h) / h) ** 2
    cols = 4 * np.sin(np.pi * np.arange(w // 2 + 1) / w) ** 2
    return rows[:, None] + cols[None, :]


def deconvolve_tikhonov(f, kernel, lam: float, *, prior: str = "gradient") -> np.ndarray:
    """The minimiser of ½‖kernel ⊛ u − f‖² + (lam/2)·‖Lu‖² (periodic), exactly via the FFT.

    L is ∇ (``prior="gradient"``, forward differences) or the identity (``prior="identity"``):
    u = (HᵀH + lam·LᵀL)⁻¹ Hᵀ f, one division per frequency. lam = 0 is the naive
    inverse filter, which divides by the blur's spectrum wherever it is non-zero.
    """
    f = _image(f)
    transfer, denominator = _deconvolve_tikhonov_spectra(f.shape, kernel, lam, prior)
    with np.errstate(divide="ignore", invalid="ignore"):
        spectrum = np.where(denominator > 0, np.conj(transfer) * fft.rfft2(f) / denominator, 0.0)
    return fft.irfft2(spectrum, s=f.shape)


def _deconvolve_tikhonov_spectra(shape: tuple[int, int], kernel, lam: float,
                             prior: str) -> tuple[np.ndarray, np.ndarray]:
    """The blur's transfer function H and |H|² + lam·(eigenvalues of LᵀL) on the rfft2 grid, arguments checked."""
    lam = nonnegative(lam, "lam")
    if prior not in ("gradient", "identity"):
        raise ValueError(f"prior must be 'gradient' or 'identity', got {prior!r}")
    transfer = _transfer(kernel, shape, "kernel")
    weight = periodic_gradient_eigenvalues(shape) if prior == "gradient" else np.ones(transfer.shape)
    return transfer, np.abs(transfer) ** 2 + lam * weight


def _rfft_counts(shape: tuple[int, int]) -> np.ndarray:
    """How many frequencies of the full 2-D spectrum each rfft2 coefficient stands for (1 or 2)."""
    h, w = shape
    counts = np.full((h, w // 2 + 1), 2.0)
    counts[:, 0] = 1.0
    if w % 2 == 0:
        counts[:, -1] = 1.0
    return counts


def deconvolve_tikhonov_gcv(f, kernel, lam: float, *, prior: str = "gradient") -> float:
    """GCV score of deconvolve_tikhonov: N·‖f − Hu‖²/(N − tr A)², with A = H(HᵀH + lam·LᵀL)⁻¹Hᵀ.

    It needs no clean image and no σ; the λ that minimises it is Golub, Heath and
    Wahba's (1979) choice. A is diagonal in the Fourier basis, so the score is exact.
    """
    f = _image(f)
    transfer, denominator = _deconvolve_tikhonov_spectra(f.shape, kernel, lam, prior)
    with np.errstate(divide="ignore", invalid="ignore"):
        kept = np.where(denominator > 0, np.abs(transfer) ** 2 / denominator, 0.0)  # the eigenvalues of A
    counts = _rfft_counts(f.shape)
    residual = np.sum((f - fft.irfft2(kept * fft.rfft2(f), s=f.shape)) ** 2)
    free = f.size - float(np.sum(counts * kept))
    if free <= 0:
        raise ValueError("lam: with lam = 0 and a blur that keeps every frequency, GCV is undefined (0/0)")
    return float(f.size * residual / free**2)


# --------------------------------------------------------------------------- total variation (L1 of the gradient)


@dataclass
class TVResult:
    """A TV solver's result: the image, the duality gaps at each check, and whether the gap test was met."""

    image: np.ndarray
    gap: np.ndarray
    n_iter: int
    converged: bool
    dual: np.ndarray | None = field(default=None, repr=False)  # the dual field p, for warm starts


def _project(p: np.ndarray, radius: float) -> np.ndarray:
    """Each pixel's 2-vector p[:, i, j] scaled into the disc of the given radius."""
    norm = _magnitude(p)
    return p / np.maximum(1.0, norm / radius) if radius > 0 else np.zeros_like(p)


def _rof_gap(u: np.ndarray, p: np.ndarray, f: np.ndarray, lam: float) -> tuple[float, float]:
    """(P(u), P(u) − D(p)) for ROF: P(u) = ½‖u − f‖² + lam·TV(u), D(p) = ½‖f‖² − ½‖f + div p‖² ≤ min P."""
    primal = 0.5 * float(np.sum((u - f) ** 2)) + lam * _tv(u)
    dual = 0.5 * float(np.sum(f**2)) - 0.5 * float(np.sum((f + _divergence(p)) ** 2))
    return primal, primal - dual


def _step_sizes(ratio: float = 1.0) -> tuple[float, float]:
    """Chambolle–Pock's τ and σ with τσ‖∇‖² ≤ 1 (‖∇‖² ≤ 8) and τ/σ = ratio²: the ratio sets the speed."""
    return ratio / np.sqrt(8.0), 1.0 / (ratio * np.sqrt(8.0))


def _solver_args(max_iter, tol, check_every) -> tuple[int, float, int]:
    """An iterative solver's max_iter, tol and check_every, checked."""
    return (positive_int(max_iter, "max_iter", high=MAX_ITER), nonnegative(tol, "tol"),
            positive_int(check_every, "check_every", high=MAX_ITER))


def _tv_start(f: np.ndarray, lam: float, warm_start) -> tuple[np.ndarray, np.ndarray]:
    """A TV solver's starting image and dual field: a previous TVResult's (checked), or f and 0."""
    if warm_start is None:
        return f.copy(), np.zeros((2, *f.shape))
    if not isinstance(warm_start, TVResult) or warm_start.image.shape != f.shape:
        raise ValueError("warm_start must be a TVResult of an image of the same shape")
    dual = warm_start.dual if warm_start.dual is not None else np.zeros((2, *f.shape))
    return warm_start.image.copy(), _project(dual, lam)


def tv_denoise(f, lam: float, *, max_iter: int = 2000, tol: float = 1e-5, check_every: int = 10,
               warm_start=None) -> TVResult:
    """Minimise the ROF objective ½‖u − f‖² + lam·TV(u) by the accelerated Chambolle–Pock method.

    Every ``check_every`` iterations the duality gap P(u) − D(p), an upper bound on how far
    P(u) is above its minimum, is recorded in ``.gap``; the solver stops when it falls below
    ``tol``·(1 + P(u)). At convergence the image equals
    ``skimage.restoration.denoise_tv_chambolle(f, weight=lam)`` (same TV, same boundary rule).
    ``warm_start`` may be a previous TVResult (its image and dual field are reused).
    ``f`` may also be a stack (N, H, W): each image is denoised on its own (the objective
    and the gap are then sums over the stack).
    """
    f = _image(f, stack=True)
    lam = nonnegative(lam, "lam")
    max_iter, tol, check_every = _solver_args(max_iter, tol, check_every)
    if lam == 0:
        return TVResult(f.copy(), np.zeros(1), 0, True)
    u, p = _tv_start(f, lam, warm_start)
    tau, sigma = _step_sizes()
    u_bar, gaps, converged, k = u.copy(), [], False, 0
    for k in range(1, max_iter + 1):
        p = _project(p + sigma * _gradient(u_bar), lam)
        u_old = u
        u = (u + tau * _divergence(p) + tau * f) / (1.0 + tau)
        theta = 1.0 / np.sqrt(1.0 + 2.0 * tau)  # the data term is 1-strongly convex: accelerate
        tau, sigma = theta * tau, sigma / theta
        u_bar = u + theta * (u - u_old)
        if k % check_every == 0 or k == max_iter:
            primal, gap = _rof_gap(u, p, f, lam)
            gaps.append(gap)
            if gap <= tol * (1.0 + primal):
                converged = True
                break
    return TVResult(u, np.array(gaps), k, converged, p)


def tv_l1_denoise(f, lam: float, *, max_iter: int = 1000) -> np.ndarray:
    """Minimise ‖u − f‖₁ + lam·TV(u) (an L1 data term: robust to impulse noise) by Chambolle–Pock.

    The L1 data term's proximal step is soft-thresholding around f (lesson 01's prox,
    shifted): prox(v) = f + soft(v − f, τ). Runs ``max_iter`` iterations.
    """
    from .norms import soft_threshold

    f = _image(f, stack=True)
    lam = positive(lam, "lam")
    max_iter = positive_int(max_iter, "max_iter", high=MAX_ITER)
    tau, sigma = _step_sizes()
    u, p = f.copy(), np.zeros((2, *f.shape))
    u_bar = u.copy()
    for _ in range(max_iter):
        p = _project(p + sigma * _gradient(u_bar), lam)
        u_old = u
        u = f + soft_threshold(u + tau * _divergence(p) - f, tau)
        u_bar = 2 * u - u_old
    return u


def tv_sure(f, lam: float, sigma: float, *, iterations: int = 150, seed: int = 0,
            epsilon: float = 1e-3) -> tuple[float, np.ndarray]:
    """Monte-Carlo SURE of ‖u − x‖² for u = ``iterations`` steps of :func:`tv_denoise` (f = x + N(0, σ²)).

    The divergence of the map f ↦ u is estimated with one random probe b (Ramani, Blu &
    Unser 2008): div ≈ bᵀ(u(f + εb) − u(f))/ε, both solves from the same start and with the
    same number of steps, so that the estimate is that of the very estimator whose image
    is returned. SURE = ‖u − f‖² − Nσ² + 2σ²·div. Returns (SURE, u).
    """
    f = _image(f)
    lam, sigma = nonnegative(lam, "lam"), nonnegative(sigma, "sigma")
    iterations = positive_int(iterations, "iterations", high=MAX_ITER)
    epsilon = positive(epsilon, "epsilon")
    # A child of the source's sequence: independent of default_rng(seed), which may have drawn the noise itself.
    probe = np.random.default_rng(np.random.SeedSequence(check_seed(seed)).spawn(1)[0]).standard_normal(f.shape)
    base = tv_denoise(f, lam, max_iter=iterations, tol=0).image
    moved = tv_denoise(f + epsilon * probe, lam, max_iter=iterations, tol=0).image
    div = float(np.sum(probe * (moved - base))) / epsilon
    with np.errstate(over="ignore", invalid="ignore"):
        value = np.sum((base - f) ** 2) - f.size * sigma**2 + 2 * sigma**2 * div
    return float(finite_result(value, "f, sigma and epsilon")), base


# --------------------------------------------------------------------------- TV deconvolution


def _neumann_poisson(m: np.ndarray) -> np.ndarray:
    """A w with ∇ᵀ∇w = m (forward differences, Neumann), for m of zero mean, exactly via the DCT."""
    spectrum = fft.dctn(m, type=2, norm="ortho")
    eigenvalues = laplacian_eigenvalues(m.shape)
    eigenvalues[0, 0] = 1.0
    spectrum /= eigenvalues
    spectrum[0, 0] = 0.0
    return fft.idctn(spectrum, type=2, norm="ortho")


def _deconvolution_gap(u: np.ndarray, p: np.ndarray, f: np.ndarray, transfer: np.ndarray,
                       lam: float) -> tuple[float, float]:
    """(P(u), P(u) − D(q)) for P(u) = ½‖k ∗ u − f‖² + lam·TV(u), with a dual point q built from u and p.

    The Fenchel dual is D(q) = −½‖q‖² − ⟨q, f⟩ over the q with kᵀ ∗ q = div p′ for some
    field |p′| ≤ lam. From q = k ∗ u − f (minus its mean) the solver's p is corrected to satisfy the
    equality exactly (one Poisson solve) and both are scaled into the constraint: D(q) ≤ min P,
    so the gap bounds how far P(u) is above the minimum.
    """
    residual = fft.irfft2(fft.rfft2(u) * transfer, s=u.shape) - f
    primal = 0.5 * float(np.sum(residual**2)) + lam * _tv(u)
    q = residual - residual.mean()
    target = fft.irfft2(fft.rfft2(q) * np.conj(transfer), s=u.shape)  # kᵀ ∗ q, mean 0
    mismatch = target - _divergence(p)
    corrected = p - _gradient(_neumann_poisson(mismatch))  # div(−∇w) = ∇ᵀ∇w = mismatch
    largest = float(_magnitude(corrected).max())
    scale = 1.0 if largest <= lam else lam / largest
    dual = -0.5 * scale**2 * float(np.sum(q**2)) - scale * float(np.sum(q * f))
    return primal, primal - dual


def deconvolve_tv(f, kernel, lam: float, *, max_iter: int = 2000, tol: float = 1e-4, check_every: int = 20,
                  warm_start=None) -> TVResult:
    """Minimise ½‖k ∗ u − f‖² + lam·TV(u) by Chambolle–Pock (blur periodic as in :func:`convolve`, TV Neumann).

    The primal step is exact in the Fourier basis: u = (I + τKᵀK)⁻¹(v + τKᵀf). Every
    ``check_every`` iterations a duality gap, an upper bound on P(u) − min P built from a
    feasible dual point, is recorded in ``.gap``; the solver stops when it falls below
    ``tol``·P(u). ``warm_start`` may be a previous TVResult of an image of the same shape.
    """
    f = _image(f)
    transfer = _transfer(kernel, f.shape, "kernel")
    lam = nonnegative(lam, "lam")
    max_iter, tol, check_every = _solver_args(max_iter, tol, check_every)
    u, p = _tv_start(f, lam, warm_start)
    ratio = float(np.clip(0.05 / lam, 1.0, 1e4)) if lam > 0 else 1e4  # τ/σ = ratio²: balanced for images in [0, 1]
    tau, sigma = _step_sizes(ratio)
    data_spectrum = tau * np.conj(transfer) * fft.rfft2(f)
    denominator = 1.0 + tau * np.abs(transfer) ** 2
    u_bar, gaps, converged, k = u.copy(), [], False, 0
    for k in range(1, max_iter + 1):
        p = _project(p + sigma * _gradient(u_bar), lam)
        u_old = u
        u = fft.irfft2((fft.rfft2(u + tau * _divergence(p)) + data_spectrum) / denominator, s=f.shape)
        u_bar = 2.0 * u - u_old
        if k % check_every == 0 or k == max_iter:
            primal, gap = _deconvolution_gap(u, p, f, transfer, lam)
            gaps.append(gap)
            if gap <= tol * primal:
                converged = True
                break
    return TVResult(u, np.array(gaps), k, converged, p)


# --------------------------------------------------------------------------- TV under equality constraints


@dataclass
class ConstrainedTVResult:
    """min TV(u) under an equality constraint: the image, the relative change at each check, convergence."""

    image: np.ndarray
    change: np.ndarray
    n_iter: int
    converged: bool


CONSTRAINED_STEP_RATIO = 0.1  # τ/σ = 0.01: 10-100× fewer iterations than τ = σ on inpainting and the phantom


def _constrained_tv(u: np.ndarray, project, max_iter: int, tol: float, check_every: int) -> ConstrainedTVResult:
    """Chambolle–Pock for min TV(u) s.t. u ∈ C, with ``project`` the exact projection onto C; u starts in C."""
    tau, sigma = _step_sizes(CONSTRAINED_STEP_RATIO)
    p, u_bar, changes, converged, k = np.zeros((2, *u.shape)), u.copy(), [], False, 0
    for k in range(1, max_iter + 1):
        p = _project(p + sigma * _gradient(u_bar), 1.0)
        u_old = u
        u = project(u + tau * _divergence(p))
        u_bar = 2.0 * u - u_old
        if k % check_every == 0 or k == max_iter:
            change = float(np.linalg.norm(u - u_old)) / max(float(np.linalg.norm(u)), 1e-300)
            changes.append(change)
            if change <= tol:
                converged = True
                break
    return ConstrainedTVResult(u, np.array(changes), k, converged)


def _mask(mask, shape: tuple[int, ...], name: str = "mask") -> np.ndarray:
    mask = np.asarray(mask)
    if mask.dtype != bool:
        raise ValueError(f"{name} must be a boolean array (True = known), got dtype {mask.dtype}")
    if mask.shape != shape:
        raise ValueError(f"{name} must have the shape {shape}, got {mask.shape}")
    return mask


def _known(f, mask) -> tuple[np.ndarray, np.ndarray]:
    """The image with its unknown pixels (mask False, which may hold NaN) set to 0, and the checked mask."""
    try:
        raw = np.array(f, dtype=float)
    except (TypeError, ValueError) as err:
        raise ValueError(f"f must be an image of numbers: {str(err)[:200]}") from None
    mask = _mask(mask, raw.shape)
    if not mask.any():
        raise ValueError("mask must mark at least one known pixel (True)")
    if not np.isfinite(raw[mask]).all():
        raise ValueError("f must be finite where mask is True")
    raw[~mask] = 0.0
    return _image(raw), mask


def inpaint_tv(f, mask, *, max_iter: int = 5000, tol: float = 1e-6, check_every: int = 50) -> ConstrainedTVResult:
    """min TV(u) subject to u = f where ``mask`` is True (the known pixels), by Chambolle–Pock.

    TV is isotropic with the Neumann rule of :func:`gradient`. The known pixels are kept exactly;
    the unknown ones (any values, NaN included) start at the mean of the known ones. Stops when
    the relative change of u over one iteration falls below ``tol`` (``.change`` records it).
    """
    f, mask = _known(f, mask)
    max_iter, tol, check_every = _solver_args(max_iter, tol, check_every)
    known = f[mask]
    start = np.where(mask, f, known.mean())

    def project(v):
        v[mask] = known
        return v

    return _constrained_tv(start, project, max_iter, tol, check_every)


def inpaint_harmonic(f, mask) -> np.ndarray:
    """min ‖∇u‖² subject to u = f where ``mask`` is True: the L2 counterpart of :func:`inpaint_tv`, exactly.

    The unknown pixels solve the discrete Laplace equation (∇ᵀ∇u)[unknown] = 0 (forward differences,
    Neumann, as :func:`gradient`), one sparse linear solve.
    """
    from scipy import sparse
    from scipy.sparse.linalg import spsolve

    f, mask = _known(f, mask)
    h, w = f.shape

    def differences(n: int):
        d = sparse.diags([-np.ones(n), np.ones(n - 1)], [0, 1], shape=(n, n), format="lil")
        d[n - 1, n - 1] = 0.0
        return d.tocsr()

    grad = sparse.vstack([sparse.kron(differences(h), sparse.identity(w)),
                          sparse.kron(sparse.identity(h), differences(w))]).tocsr()
    laplacian = (grad.T @ grad).tocsr()
    unknown, known = ~mask.ravel(), mask.ravel()
    u = f.ravel().copy()
    if unknown.any():
        rhs = -(laplacian[unknown][:, known] @ u[known])
        u[unknown] = spsolve(laplacian[unknown][:, unknown].tocsc(), rhs)
    return u.reshape(h, w)


def _at_negative_frequencies(a: np.ndarray) -> np.ndarray:
    """a(−ω) for an array a(ω) on the 2-D DFT grid in numpy's order (frequency 0 at [0, 0])."""
    return np.roll(a[::-1, ::-1], (1, 1), axis=(0, 1))


def radial_lines_mask(n: int, lines: int) -> np.ndarray:
    """An n × n boolean mask of the 2-D DFT (numpy's order: frequency 0 at [0, 0]) on ``lines`` lines through 0.

    The angles are k·π/lines; the mask is symmetric (ω and −ω together), so a real image's
    samples determine a real image.
    """
    n = positive_int(n, "n", high=10_000)
    lines = positive_int(lines, "lines", high=10_000)
    centred = np.zeros((n, n), bool)
    radius = np.linspace(-n, n, 8 * n + 1)
    for angle in np.arange(lines) * np.pi / lines:
        i = np.round(n // 2 + radius * np.sin(angle)).astype(int)
        j = np.round(n // 2 + radius * np.cos(angle)).astype(int)
        inside = (i >= 0) & (i < n) & (j >= 0) & (j < n)
        centred[i[inside], j[inside]] = True
    mask = np.fft.ifftshift(centred)
    return mask | _at_negative_frequencies(mask)


def recover_tv_fourier(samples, mask, *, max_iter: int = 10_000, tol: float = 1e-12,
                       check_every: int = 100) -> ConstrainedTVResult:
    """min TV(u) over real images subject to fft2(u, norm="ortho")[mask] = samples (Candès, Romberg & Tao 2006).

    ``mask`` is an n × n boolean array in numpy's FFT order, symmetric under ω ↦ −ω (as from
    :func:`radial_lines_mask`); ``samples`` are the DFT coefficients at mask's True entries, in
    the order ``spectrum[mask]`` lists them. Starts from the zero-filled inverse, the
    minimum-energy image with these samples.
    """
    mask = np.asarray(mask)
    if mask.ndim != 2 or min(mask.shape) < 2:
        raise ValueError(f"mask must be a 2-D boolean array of at least 2 × 2, got shape {mask.shape}")
    mask = _mask(mask, mask.shape)
    if not np.array_equal(mask, _at_negative_frequencies(mask)):
        raise ValueError("mask must be symmetric under ω ↦ −ω, or no real image has these samples")
    samples = np.asarray(samples)
    if samples.shape != (int(mask.sum()),) or not np.isfinite(samples).all():
        raise ValueError(f"samples must be {int(mask.sum())} finite numbers (one per True entry of mask), "
                         f"got shape {samples.shape}")
    spectrum = np.zeros(mask.shape, complex)
    spectrum[mask] = samples
    if np.abs(spectrum - np.conj(_at_negative_frequencies(spectrum))).max() > 1e-8 * (
            1 + np.abs(samples).max()):
        raise ValueError("samples must be the DFT coefficients of a real image (conjugate symmetric)")
    max_iter, tol, check_every = _solver_args(max_iter, tol, check_every)

    def project(v):
        coefficients = fft.fft2(v, norm="ortho")
        coefficients[mask] = samples
        return fft.ifft2(coefficients, norm="ortho").real

    return _constrained_tv(fft.ifft2(spectrum, norm="ortho").real, project, max_iter, tol, check_every)


# --------------------------------------------------------------------------- sparse wavelet inpainting


def _shifts(count: int) -> list[tuple[int, int]]:
    side = round(np.sqrt(count))
    return [(a, b) for a in range(side) for b in range(side)]


def inpaint_wavelet(f, mask, lam: float, *, level: int = 3, shifts: int = 4, max_iter: int = 300) -> np.ndarray:
    """Sparse synthesis inpainting: u = Φc with c = argmin ½‖M(Φc − f)‖² + lam·‖c_detail‖₁, by FISTA.

    Φ is the tight Haar frame of ``shifts`` cyclic shifts (1, 4, 9, … : cycle spinning) of the
    orthonormal periodic Haar transform with ``level`` levels, each scaled by 1/√shifts, so ‖Φ‖ = 1;
    M keeps the pixels where ``mask`` is True; the coarse approximation is not penalised.
    """
    import pywt

    from .norms import soft_threshold

    f, mask = _known(f, mask)
    lam = nonnegative(lam, "lam")
    level = positive_int(level, "level", high=12)
    shifts = positive_int(shifts, "shifts", high=64)
    max_iter = positive_int(max_iter, "max_iter", high=MAX_ITER)
    if round(np.sqrt(shifts)) ** 2 != shifts:
        raise ValueError(f"shifts must be a square (1, 4, 9, …), got {shifts}")
    if f.shape[0] % 2**level or f.shape[1] % 2**level:
        raise ValueError(f"level {level} needs sides divisible by {2**level}, got {f.shape}")
    offsets, weight = _shifts(shifts), 1.0 / np.sqrt(shifts)
    layout, slices = pywt.coeffs_to_array(pywt.wavedec2(np.zeros(f.shape), "haar", level=level,
                                                         mode="periodization"))

    def analysis(v):  # Φᵀ v
        return np.stack([pywt.coeffs_to_array(pywt.wavedec2(np.roll(v, s, axis=(0, 1)), "haar", level=level,
                                                            mode="periodization"))[0] for s in offsets]) * weight

    def synthesis(c):  # Φ c
        total = np.zeros(f.shape)
        for s, cs in zip(offsets, c, strict=True):
            image = pywt.waverec2(pywt.array_to_coeffs(cs, slices, output_format="wavedec2"), "haar",
                                  mode="periodization")
            total += np.roll(image, (-s[0], -s[1]), axis=(0, 1))
        return total * weight

    detail = np.ones((shifts, *layout.shape), bool)  # the coefficients that are penalised
    detail[(slice(None), *slices[0])] = False
    known = f  # _known set the unknown pixels to 0
    c = analysis(np.where(mask, f, f[mask].mean()))
    z, t = c.copy(), 1.0
    for _ in range(max_iter):
        step = z - analysis(np.where(mask, synthesis(z) - known, 0.0))
        c_new = np.where(detail, soft_threshold(step, lam), step)
        t_new = (1 + np.sqrt(1 + 4 * t * t)) / 2
        z, c, t = c_new + (t - 1) / t_new * (c_new - c), c_new, t_new
    return synthesis(c)


# --------------------------------------------------------------------------- wavelet coefficients


def soft_threshold_sure(coefficients, t: float, sigma: float) -> float:
    """Stein's unbiased risk of soft-thresholding coefficients y at t: Nσ² − 2σ²·#{|y| ≤ t} + Σ min(y², t²).

    For y = θ + N(0, σ²) noise it is an unbiased estimate of ‖soft(y, t) − θ‖² (SureShrink).
    """
    y = array(coefficients, "coefficients").ravel()
    if y.size and np.abs(y).max() > LARGEST:
        raise ValueError(f"coefficients must be within ±{LARGEST:g}")
    t, sigma = nonnegative(t, "t"), nonnegative(sigma, "sigma")
    with np.errstate(over="ignore", invalid="ignore"):
        value = (y.size * sigma**2 - 2 * sigma**2 * np.count_nonzero(np.abs(y) <= t)
                 + np.sum(np.minimum(y**2, t**2)))
    return float(finite_result(value, "coefficients, t and sigma"))


def psnr(clean, image) -> float:
    """Peak signal-to-noise ratio in dB for images in [0, 1]: 10·log10(1 / MSE)."""
    clean, image = _image(clean, "clean"), _image(image, "image")
    if clean.shape != image.shape:
        raise ValueError(f"clean and image must have the same shape, got {clean.shape} and {image.shape}")
    mse = float(np.mean((clean - image) ** 2))
    return float("inf") if mse == 0 else 10.0 * np.log10(1.0 / mse)


def add_gaussian_noise(image, sigma: float, *, seed: int = 0, clip: bool = False) -> np.ndarray:
    """image + N(0, sigma²) noise per pixel (numpy, seeded); not clipped unless ``clip``."""
    image = _image(image, "image")
    sigma = nonnegative(sigma, "sigma")
    noisy = image + sigma * np.random.default_rng(check_seed(seed)).standard_normal(image.shape)
    return np.clip(noisy, 0.0, 1.0) if flag(clip, "clip") else noisy
