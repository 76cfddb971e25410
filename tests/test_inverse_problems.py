"""Deblurring, inpainting, sparse recovery (course_lib.restoration, course_lib.sparse) against independent solvers.

The images are ones lesson 08 does not use (scikit-image's coins and moon, small random ones).
"""

import numpy as np
import pytest
from scipy import sparse as sp
from scipy.optimize import linprog
from scipy.sparse.linalg import LinearOperator, cg
from skimage import data
from skimage.restoration import inpaint_biharmonic

from course_lib import restoration as rs
from course_lib.sparse import basis_pursuit


def _coins(size: int) -> np.ndarray:
    image = data.coins().astype(float) / 255
    return image[40:40 + 2 * size, 60:60 + 2 * size].reshape(size, 2, size, 2).mean(axis=(1, 3))


def _neumann_gradient_matrix(h: int, w: int) -> sp.csr_matrix:
    """The forward differences of rs.gradient as a sparse (2hw × hw) matrix, built independently."""
    def along(n: int) -> sp.csr_matrix:
        d = sp.diags([-np.ones(n), np.ones(n - 1)], [0, 1], shape=(n, n)).tolil()
        d[n - 1, n - 1] = 0.0  # no difference across the last row / column
        return d.tocsr()
    return sp.vstack([sp.kron(along(h), sp.identity(w)), sp.kron(sp.identity(h), along(w))]).tocsr()


def _convolution_matrix(shape, kernel) -> np.ndarray:
    n = shape[0] * shape[1]
    return np.array([rs.convolve(np.eye(n)[k].reshape(shape), kernel).ravel() for k in range(n)]).T


# --------------------------------------------------------------------------- Tikhonov


@pytest.mark.parametrize("prior", ["gradient", "identity"])
def test_deconvolve_tikhonov_solves_its_normal_equations(prior):
    """(KᵀK + lam·DᵀD) u = Kᵀf, checked by conjugate gradients with the operators applied directly."""
    clean = _coins(48)
    kernel = rs.gaussian_psf(7, 1.2)
    f = rs.add_gaussian_noise(rs.convolve(clean, kernel), 0.02, seed=1)
    lam = 0.01
    flipped = kernel[::-1, ::-1]  # Kᵀ is the convolution with the flipped kernel

    def d_t_d(v):
        g0, g1 = np.roll(v, -1, 0) - v, np.roll(v, -1, 1) - v  # periodic forward differences
        return (np.roll(g0, 1, 0) - g0) + (np.roll(g1, 1, 1) - g1)

    def normal(x):
        v = x.reshape(f.shape)
        prior_term = d_t_d(v) if prior == "gradient" else v
        return (rs.convolve(rs.convolve(v, kernel), flipped) + lam * prior_term).ravel()

    operator = LinearOperator((f.size, f.size), matvec=normal)
    reference, info = cg(operator, rs.convolve(f, flipped).ravel(), rtol=1e-12, maxiter=5000)
    assert info == 0
    u = rs.deconvolve_tikhonov(f, kernel, lam, prior=prior)
    np.testing.assert_allclose(u.ravel(), reference, atol=1e-8)


# --------------------------------------------------------------------------- TV deconvolution


def _tv_objective(u, f, kernel, lam):
    return 0.5 * np.sum((rs.convolve(u, kernel) - f) ** 2) + lam * rs.total_variation(u)


def _admm_tv_deconvolution(f, kernel, lam, iterations=6000, rho=0.05):
    """ADMM on z = ∇u with dense linear solves: an algorithm independent of Chambolle–Pock."""
    h, w = f.shape
    K = _convolution_matrix(f.shape, kernel)
    D = _neumann_gradient_matrix(h, w).toarray()
    inverse = np.linalg.inv(K.T @ K + rho * D.T @ D)
    kf = K.T @ f.ravel()
    u, z, dual = f.ravel().copy(), D @ f.ravel(), np.zeros(2 * h * w)
    for _ in range(iterations):
        rhs = kf + rho * D.T @ (z - dual)
        u = inverse @ rhs
        v = (D @ u + dual).reshape(2, -1)
        norm = np.sqrt(np.sum(v**2, axis=0))
        z = (v * np.maximum(0.0, 1.0 - (lam / rho) / np.maximum(norm, 1e-300))).ravel()
        dual += D @ u - z
    return u.reshape(h, w)


def test_deconvolve_tv_matches_admm_and_its_gap_bounds_the_error():
    clean = _coins(20)
    kernel = rs.gaussian_psf(5, 1.0)
    f = rs.add_gaussian_noise(rs.convolve(clean, kernel), 0.02, seed=2)
    lam = 0.01
    reference = _admm_tv_deconvolution(f, kernel, lam)
    best = _tv_objective(reference, f, kernel, lam)
    result = rs.deconvolve_tv(f, kernel, lam, max_iter=20_000, tol=1e-7)
    assert result.converged
    np.testing.assert_allclose(result.image, reference, atol=2e-4)
    assert abs(_tv_objective(result.image, f, kernel, lam) - best) <= 1e-6 * best
    early = rs.deconvolve_tv(f, kernel, lam, max_iter=40, tol=0, check_every=10)
    excess = _tv_objective(early.image, f, kernel, lam) - best
    assert 0 < excess <= early.gap[-1] * (1 + 1e-9)  # the certificate: an upper bound on the excess


def test_deconvolve_tv_beats_tikhonov_on_a_piecewise_constant_image():
    rng = np.random.default_rng(3)
    clean = np.kron(rng.random((4, 4)), np.ones((12, 12)))  # 48 × 48 blocks: sparse gradient
    kernel = rs.gaussian_psf(9, 1.5)
    f = rs.add_gaussian_noise(rs.convolve(clean, kernel), 0.01, seed=4)
    tikhonov = max(rs.psnr(clean, rs.deconvolve_tikhonov(f, kernel, lam)) for lam in np.geomspace(1e-4, 1e-1, 13))
    tv = rs.deconvolve_tv(f, kernel, 0.005, max_iter=3000, tol=1e-5)
    assert tv.converged and rs.psnr(clean, tv.image) > tikhonov + 3


def test_deconvolve_tv_with_lam_zero_is_not_refused_and_warm_start_is_checked():
    f = _coins(16)
    kernel = rs.gaussian_psf(3, 0.6)
    result = rs.deconvolve_tv(f, kernel, 0.0, max_iter=50)
    assert result.image.shape == f.shape and np.isfinite(result.image).all()
    with pytest.raises(ValueError, match="warm_start"):
        rs.deconvolve_tv(f, kernel, 0.01, warm_start=np.zeros((16, 16)))


# --------------------------------------------------------------------------- inpainting


def test_inpaint_tv_keeps_known_pixels_and_has_the_least_total_variation():
    clean = data.moon()[100:164, 200:264].astype(float) / 255
    mask = np.random.default_rng(5).random(clean.shape) > 0.5
    mask[20:30, 10:50] = False  # and a hole
    f = np.where(mask, clean, np.nan)  # the unknown pixels are not even numbers
    result = rs.inpaint_tv(f, mask, max_iter=20_000, tol=1e-9)
    assert result.converged
    np.testing.assert_array_equal(result.image[mask], clean[mask])
    tv = rs.total_variation(result.image)
    others = [inpaint_biharmonic(np.where(mask, clean, 0.0), ~mask), np.where(mask, clean, clean[mask].mean())]
    for other in others:
        assert tv <= rs.total_variation(other)
    rng = np.random.default_rng(6)
    for _ in range(20):  # no feasible image nearby has a smaller TV
        moved = result.image + np.where(mask, 0.0, 1e-3 * rng.standard_normal(clean.shape))
        assert tv <= rs.total_variation(moved) + 1e-6 * tv


def test_inpaint_tv_fills_a_hole_in_a_step_with_the_sharp_step():
    clean = np.zeros((20, 20))
    clean[:, 10:] = 1.0
    mask = np.ones(clean.shape, bool)
    mask[6:14, 6:14] = False
    result = rs.inpaint_tv(np.where(mask, clean, 0.5), mask, max_iter=20_000, tol=1e-10)
    np.testing.assert_allclose(result.image, clean, atol=1e-4)


def test_inpaint_harmonic_solves_laplaces_equation_in_the_holes():
    clean = _coins(40)
    mask = np.random.default_rng(8).random(clean.shape) > 0.4
    u = rs.inpaint_harmonic(np.where(mask, clean, np.nan), mask)
    np.testing.assert_array_equal(u[mask], clean[mask])
    laplace = -rs.divergence(rs.gradient(u))  # ∇ᵀ∇u with the numpy operators, not the sparse matrix
    np.testing.assert_allclose(laplace[~mask], 0.0, atol=1e-10)
    energy = np.sum(rs.gradient(u) ** 2)
    assert energy <= np.sum(rs.gradient(inpaint_biharmonic(np.where(mask, clean, 0.0), ~mask)) ** 2)


# --------------------------------------------------------------------------- compressed sensing with TV


def test_radial_lines_mask_is_symmetric_and_grows_with_the_lines():
    previous = 0.0
    for lines in (4, 8, 16, 32):
        mask = rs.radial_lines_mask(64, lines)
        assert mask[0, 0] and np.array_equal(mask, np.roll(mask[::-1, ::-1], (1, 1), axis=(0, 1)))
        assert mask.mean() > previous
        previous = mask.mean()


def test_recover_tv_fourier_recovers_a_piecewise_constant_image_exactly():
    clean = np.zeros((48, 48))
    clean[8:30, 10:20] = 1.0
    clean[25:40, 22:40] = 0.5
    mask = rs.radial_lines_mask(48, 12)
    samples = np.fft.fft2(clean, norm="ortho")[mask]
    result = rs.recover_tv_fourier(samples, mask, max_iter=20_000, tol=1e-13)
    np.testing.assert_allclose(np.fft.fft2(result.image, norm="ortho")[mask], samples, atol=1e-10)
    assert np.linalg.norm(result.image - clean) / np.linalg.norm(clean) < 1e-8
    zero_filled = np.fft.ifft2(np.where(mask, np.fft.fft2(clean, norm="ortho"), 0), norm="ortho").real
    assert np.linalg.norm(zero_filled - clean) / np.linalg.norm(clean) > 0.1


# --------------------------------------------------------------------------- sparse wavelet inpainting


def test_inpaint_wavelet_without_missing_pixels_is_soft_thresholding_of_the_haar_details():
    import pywt

    f = _coins(32)
    coefficients = pywt.wavedec2(f, "haar", level=2, mode="periodization")
    thresholded = [coefficients[0]] + [tuple(pywt.threshold(band, 0.05, mode="soft") for band in level)
                                       for level in coefficients[1:]]
    expected = pywt.waverec2(thresholded, "haar", mode="periodization")
    result = rs.inpaint_wavelet(f, np.ones(f.shape, bool), 0.05, level=2, shifts=1, max_iter=5)
    np.testing.assert_allclose(result, expected, atol=1e-12)
    np.testing.assert_allclose(rs.inpaint_wavelet(f, np.ones(f.shape, bool), 0.0, level=2, shifts=4, max_iter=3),
                               f, atol=1e-12)  # a tight frame: ΦΦᵀ = I


def test_inpaint_wavelet_fills_missing_pixels_better_than_the_mean():
    clean = _coins(64)
    mask = np.random.default_rng(7).random(clean.shape) > 0.3
    filled = rs.inpaint_wavelet(np.where(mask, clean, 0.0), mask, 0.002, level=3, shifts=4, max_iter=100)
    assert rs.psnr(clean, filled) > rs.psnr(clean, np.where(mask, clean, clean[mask].mean())) + 5


# --------------------------------------------------------------------------- basis pursuit


def _linprog_l1_optimum(A, y):
    """min Σt subject to −t ≤ x ≤ t, Ax = y: the same optimum from another LP, by the interior-point method."""
    m, n = A.shape
    eye = np.eye(n)
    result = linprog(np.r_[np.zeros(n), np.ones(n)], A_ub=np.block([[eye, -eye], [-eye, -eye]]),
                     b_ub=np.zeros(2 * n), A_eq=np.hstack([A, np.zeros((m, n))]), b_eq=y,
                     bounds=[(None, None)] * n + [(0, None)] * n, method="highs-ipm")
    assert result.status == 0
    return result.fun


@pytest.mark.parametrize("seed", range(4))
def test_basis_pursuit_reaches_the_linear_programs_optimum(seed):
    rng = np.random.default_rng(seed)
    m, n = 20 + 5 * seed, 60
    A = rng.standard_normal((m, n))
    y = rng.standard_normal(m)  # not sparse: the optimum is still defined
    x = basis_pursuit(A, y)
    assert np.linalg.norm(A @ x - y) <= 1e-8 * (1 + np.linalg.norm(y))
    assert np.isclose(np.abs(x).sum(), _linprog_l1_optimum(A, y), rtol=1e-7)


def test_basis_pursuit_recovers_a_sparse_vector_and_the_minimum_norm_solution_does_not():
    rng = np.random.default_rng(10)
    m, n, k = 40, 120, 6
    A = rng.standard_normal((m, n)) / np.sqrt(m)
    x = np.zeros(n)
    x[rng.choice(n, k, replace=False)] = rng.standard_normal(k)
    assert np.linalg.norm(basis_pursuit(A, A @ x) - x) <= 1e-8 * np.linalg.norm(x)
    assert np.linalg.norm(np.linalg.pinv(A) @ (A @ x) - x) > 0.3 * np.linalg.norm(x)


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(("call", "name"), [
    (lambda: rs.deconvolve_tv(np.ones((8, 8)), np.ones((9, 9)), 0.1), "kernel"),
    (lambda: rs.deconvolve_tv(np.full((8, 8), np.nan), np.ones((3, 3)), 0.1), "f"),
    (lambda: rs.deconvolve_tv(np.ones((8, 8)), np.ones((3, 3)), -0.1), "lam"),
    (lambda: rs.deconvolve_tv(np.ones((8, 8)), np.ones((3, 3)), 0.1, max_iter=0), "max_iter"),
    (lambda: rs.deconvolve_tikhonov(np.ones((8, 8)), np.ones((3, 3)), 0.1, prior="laplacian"), "prior"),
    (lambda: rs.inpaint_tv(np.ones((8, 8)), np.ones((8, 7), bool)), "mask"),
    (lambda: rs.inpaint_tv(np.ones((8, 8)), np.ones((8, 8))), "mask"),
    (lambda: rs.inpaint_tv(np.ones((8, 8)), np.zeros((8, 8), bool)), "mask"),
    (lambda: rs.inpaint_tv(np.full((8, 8), np.nan), np.ones((8, 8), bool)), "f"),
    (lambda: rs.inpaint_tv(np.ones((8, 8)), np.ones((8, 8), bool), tol=-1.0), "tol"),
    (lambda: rs.radial_lines_mask(0, 3), "n"),
    (lambda: rs.inpaint_harmonic(np.ones((8, 8)), np.ones((7, 8), bool)), "mask"),
    (lambda: rs.recover_tv_fourier(np.ones(3), np.eye(4, dtype=bool)), "samples"),
    (lambda: rs.recover_tv_fourier(np.ones(1), np.pad(np.ones((1, 1), bool), ((0, 3), (1, 2)))), "mask"),
    (lambda: rs.inpaint_wavelet(np.ones((8, 8)), np.ones((8, 8), bool), 0.1, shifts=3), "shifts"),
    (lambda: rs.inpaint_wavelet(np.ones((12, 12)), np.ones((12, 12), bool), 0.1, level=3), "level"),
    (lambda: basis_pursuit(np.ones(3), np.ones(3)), "A"),
    (lambda: basis_pursuit(np.ones((2, 3)), np.ones(3)), "y"),
    (lambda: basis_pursuit(np.ones((2, 3)), np.array([1.0, 2.0])), "y"),
    (lambda: basis_pursuit(np.array([[np.nan, 1.0]]), np.ones(1)), "A")])
def test_inverse_problems_reject_bad_arguments(call, name):
    with pytest.raises(ValueError, match=name):
        call()
