"""course_lib.restoration against scikit-image and direct solves: TV, Tikhonov, differences, SURE."""

import numpy as np
import pytest
from skimage import data
from skimage.restoration import denoise_tv_chambolle

from course_lib import restoration as rs

RNG = np.random.default_rng(0)


@pytest.fixture(scope="module")
def coins():
    """An image lesson 07 does not use: scikit-image's coins, 2 × 2 block means, in [0, 1], with noise."""
    image = data.coins()[:300, :380].astype(float) / 255
    clean = image.reshape(150, 2, 190, 2).mean(axis=(1, 3))
    return clean, rs.add_gaussian_noise(clean, 0.08, seed=5)


def test_gradient_and_divergence_are_adjoint():
    for shape in [(2, 2), (5, 7), (32, 17)]:
        u, p = RNG.normal(size=shape), RNG.normal(size=(2, *shape))
        assert np.sum(rs.gradient(u) * p) == pytest.approx(-np.sum(u * rs.divergence(p)), abs=1e-9)
    g = rs.gradient(np.arange(12.0).reshape(3, 4))
    assert np.all(g[0, -1] == 0) and np.all(g[:, :, :][1, :, -1] == 0) and np.all(g[0, :-1] == 4)


def test_total_variation_is_isotropic():
    u = np.zeros((3, 3))
    u[0, 0] = 1.0  # forward differences -1 down and -1 right at (0, 0), 0 elsewhere: length √2
    assert rs.total_variation(u) == pytest.approx(np.sqrt(2))
    u[2, 2] = 1.0  # the last row and column have no forward difference
    assert rs.total_variation(u) == pytest.approx(np.sqrt(2) + 2.0)


@pytest.mark.parametrize("lam", [0.03, 0.1])
def test_tv_denoise_equals_scikit_image_at_convergence(coins, lam):
    _, noisy = coins
    ours = rs.tv_denoise(noisy, lam, max_iter=5000, tol=1e-7)
    theirs = denoise_tv_chambolle(noisy, weight=lam, eps=1e-8, max_num_iter=20_000)
    assert ours.converged and np.sqrt(np.mean((ours.image - theirs) ** 2)) < 1e-3
    assert rs.rof_objective(ours.image, noisy, lam) <= rs.rof_objective(theirs, noisy, lam) + 1e-3


def test_rof_objective_and_gap_fall_as_the_solver_runs(coins):
    _, noisy = coins
    values = [rs.rof_objective(rs.tv_denoise(noisy, 0.05, max_iter=k, tol=0).image, noisy, 0.05)
              for k in (5, 20, 80, 320)]
    assert np.all(np.diff(values) < 0)
    gaps = rs.tv_denoise(noisy, 0.05, max_iter=400, tol=0, check_every=20).gap
    assert np.all(gaps >= -1e-9) and gaps[-1] < 0.05 * gaps[0]


def test_tv_denoise_on_a_stack_equals_one_image_at_a_time():
    stack = RNG.uniform(size=(3, 9, 11))
    together = rs.tv_denoise(stack, 0.1, max_iter=50, tol=0).image
    for image, result in zip(stack, together, strict=True):
        np.testing.assert_allclose(rs.tv_denoise(image, 0.1, max_iter=50, tol=0).image, result, atol=1e-12)


def test_tikhonov_denoise_solves_the_linear_system_exactly(coins):
    from scipy.sparse.linalg import LinearOperator, cg

    _, noisy = coins
    f = noisy[:40, :50]
    for lam in (0.3, 5.0):
        def apply(v, lam=lam):
            return v - lam * rs.divergence(rs.gradient(v.reshape(f.shape))).ravel()

        op = LinearOperator((f.size, f.size), matvec=apply)
        solution, info = cg(op, f.ravel(), rtol=1e-13, maxiter=5000)
        assert info == 0
        np.testing.assert_allclose(rs.tikhonov_denoise(f, lam), solution.reshape(f.shape), atol=1e-9)
    np.testing.assert_allclose(rs.tikhonov_denoise(f, 0.0), f, atol=1e-12)


def test_sure_is_unbiased_for_tikhonov_and_soft_thresholding():
    clean = data.camera()[::8, ::8].astype(float) / 255  # 64 × 64
    sigma, sures, errors, sures_soft, errors_soft = 0.1, [], [], [], []
    theta = RNG.laplace(scale=0.3, size=500)
    for seed in range(40):
        noisy = rs.add_gaussian_noise(clean, sigma, seed=seed)
        sures.append(rs.tikhonov_sure(noisy, 1.0, sigma))
        errors.append(np.sum((rs.tikhonov_denoise(noisy, 1.0) - clean) ** 2))
        y = theta + sigma * np.random.default_rng(seed).standard_normal(theta.size)
        sures_soft.append(rs.soft_threshold_sure(y, 0.15, sigma))
        errors_soft.append(np.sum((np.sign(y) * np.maximum(np.abs(y) - 0.15, 0) - theta) ** 2))
    assert np.mean(sures) == pytest.approx(np.mean(errors), rel=0.03)
    assert np.mean(sures_soft) == pytest.approx(np.mean(errors_soft), rel=0.05)


def test_monte_carlo_sure_tracks_the_true_error_of_tv():
    clean = data.camera()[::4, ::4].astype(float) / 255  # 128 × 128
    noisy = rs.add_gaussian_noise(clean, 0.1, seed=0)
    for lam in (0.04, 0.08, 0.16):
        sure, image = rs.tv_sure(noisy, lam, 0.1, iterations=150)
        assert sure == pytest.approx(np.sum((image - clean) ** 2), rel=0.15)


def test_tv_l1_ignores_impulse_noise_better_than_rof():
    clean = np.zeros((40, 40))
    clean[10:30, 10:30] = 1.0
    corrupted = clean.copy()
    hit = RNG.random(clean.shape) < 0.15
    corrupted[hit] = RNG.integers(0, 2, size=hit.sum())
    l1 = rs.tv_l1_denoise(corrupted, 0.6, max_iter=500)
    rof = rs.tv_denoise(corrupted, 0.3, max_iter=500).image
    assert np.mean((l1 - clean) ** 2) < 0.5 * np.mean((rof - clean) ** 2)


def test_psnr_and_noise():
    clean = np.full((8, 8), 0.5)
    assert rs.psnr(clean, clean + 0.1) == pytest.approx(20.0)
    noisy = rs.add_gaussian_noise(clean, 0.2, seed=1, clip=True)
    assert noisy.min() >= 0 and noisy.max() <= 1


@pytest.mark.parametrize(("call", "name"), [
    (lambda: rs.gradient(np.ones(5)), "u"),
    (lambda: rs.divergence(np.ones((3, 4, 4))), "p"),
    (lambda: rs.tv_denoise(np.ones((4, 4)), -0.1), "lam"),
    (lambda: rs.tv_denoise(np.ones((4, 4)), 0.1, max_iter=0), "max_iter"),
    (lambda: rs.tv_denoise(np.ones((4, 4)), 0.1, warm_start="no"), "warm_start"),
    (lambda: rs.tikhonov_denoise([[1.0, np.nan], [0.0, 0.0]], 1.0), "f"),
    (lambda: rs.tikhonov_sure(np.ones((4, 4)), 1.0, -1.0), "sigma"),
    (lambda: rs.rof_objective(np.ones((4, 4)), np.ones((5, 5)), 1.0), "u and f"),
    (lambda: rs.psnr(np.ones((4, 4)), np.ones((4, 5))), "clean and image"),
    (lambda: rs.tv_l1_denoise(np.ones((4, 4)), 0.0), "lam"),
    (lambda: rs.soft_threshold_sure([1.0, 1 + 1j], 0.1, 0.1), "coefficients"),
    (lambda: rs.add_gaussian_noise(np.ones((4, 4)), 0.1, seed=-1), "seed"),
])
def test_bad_input_raises_value_error_naming_the_argument(call, name):
    with pytest.raises(ValueError, match=name):
        call()


def test_lesson06_exercise_4_answer_is_the_sure_minimum():
    from skimage.restoration import estimate_sigma

    from course_lib.checks import lesson07

    f = lesson07.exercise_image()
    sigma = float(estimate_sigma(f))
    sures = {lam: rs.tv_sure(f, lam, sigma, iterations=150, seed=1)[0] for lam in lesson07.TV_LAMS}
    assert min(sures, key=sures.get) == lesson07.TV_SURE_CHOICE


# --------------------------------------------------------------------------- deblurring


def test_gaussian_psf_is_a_normalized_symmetric_kernel():
    psf = rs.gaussian_psf(7, 1.5)
    assert psf.shape == (7, 7) and np.isclose(psf.sum(), 1.0)
    np.testing.assert_allclose(psf, psf.T)
    np.testing.assert_allclose(psf, psf[::-1, ::-1])
    assert psf[3, 3] == psf.max()


def test_convolve_is_periodic_convolution_as_scipy_computes_it():
    from scipy import ndimage

    rng = np.random.default_rng(0)
    image, kernel = rng.random((20, 24)), rng.random((3, 5))  # asymmetric: the orientation must be right
    expected = ndimage.convolve(image, kernel, mode="wrap")
    np.testing.assert_allclose(rs.convolve(image, kernel), expected, atol=1e-12)


@pytest.mark.parametrize("prior", ["identity", "gradient"])
def test_deconvolve_tikhonov_equals_scikit_image_wiener(prior):
    from skimage.restoration import wiener

    rng = np.random.default_rng(1)
    clean = data.camera()[::8, ::8] / 255.0  # 64 × 64
    psf = rs.gaussian_psf(9, 2.0)
    f = rs.convolve(clean, psf) + 0.01 * rng.standard_normal(clean.shape)
    lam = 0.02
    if prior == "identity":
        reg = np.array([[1.0]])  # the identity's impulse response
    else:  # the transfer function of the periodic gradient: |D|² = 4sin²(πk/H) + 4sin²(πl/W)
        reg = np.sqrt(rs.periodic_gradient_eigenvalues(clean.shape)).astype(complex)
    theirs = wiener(f, psf, balance=lam, reg=reg, clip=False)
    np.testing.assert_allclose(rs.deconvolve_tikhonov(f, psf, lam, prior=prior), theirs, atol=1e-10)


def test_deconvolve_tikhonov_minimises_its_objective_and_inverts_a_mild_blur_without_noise():
    rng = np.random.default_rng(2)
    clean = rng.random((16, 18))
    psf = rs.gaussian_psf(3, 0.5)  # a spectrum with no zero
    np.testing.assert_allclose(rs.deconvolve_tikhonov(rs.convolve(clean, psf), psf, 0.0), clean, atol=1e-8)
    f = rs.convolve(clean, psf) + 0.1 * rng.standard_normal(clean.shape)
    u = rs.deconvolve_tikhonov(f, psf, 0.3)

    def objective(v):
        return 0.5 * np.sum((rs.convolve(v, psf) - f) ** 2) + 0.15 * (
            np.sum((np.roll(v, -1, 0) - v) ** 2) + np.sum((np.roll(v, -1, 1) - v) ** 2))

    best = objective(u)
    for _ in range(5):  # any nearby image is worse
        assert objective(u + 1e-3 * rng.standard_normal(u.shape)) > best


@pytest.mark.parametrize(("call", "name"), [
    (lambda: rs.gaussian_psf(4, 1.0), "size"), (lambda: rs.gaussian_psf(5, 0.0), "sigma"),
    (lambda: rs.convolve(np.ones((8, 8)), np.ones((2, 3))), "kernel"),
    (lambda: rs.convolve(np.ones((4, 4)), np.ones((5, 5))), "kernel"),
    (lambda: rs.deconvolve_tikhonov(np.ones((8, 8)), np.ones((3, 3)), -1.0), "lam"),
    (lambda: rs.deconvolve_tikhonov(np.ones((8, 8)), np.ones((3, 3)), 1.0, prior="tv"), "prior"),
    (lambda: rs.deconvolve_tikhonov(np.ones(8), np.ones((3, 3)), 1.0), "f")])
def test_deblurring_rejects_bad_arguments(call, name):
    with pytest.raises(ValueError, match=name):
        call()


def test_gcv_equals_its_formula_with_the_explicit_matrix():
    """Build A = H(HᵀH + lam·LᵀL)⁻¹Hᵀ column by column on a small image and evaluate GCV directly."""
    rng = np.random.default_rng(3)
    shape = (6, 7)  # an odd width: the rfft counting must be right
    psf = rs.gaussian_psf(3, 0.8)
    f = rng.random(shape)
    n = f.size
    for prior in ("gradient", "identity"):
        for lam in (0.01, 0.3):
            columns = []
            for k in range(n):
                e = np.zeros(n)
                e[k] = 1.0
                u = rs.deconvolve_tikhonov(e.reshape(shape), psf, lam, prior=prior)
                columns.append(rs.convolve(u, psf).ravel())
            A = np.array(columns).T
            r = f.ravel() - A @ f.ravel()
            expected = n * (r @ r) / (n - np.trace(A)) ** 2
            assert np.isclose(rs.deconvolve_tikhonov_gcv(f, psf, lam, prior=prior), expected, rtol=1e-9)
    even = rng.random((6, 8))  # an even width too
    A = np.array([rs.convolve(rs.deconvolve_tikhonov(np.eye(48)[k].reshape(6, 8), psf, 0.05), psf).ravel()
                  for k in range(48)]).T
    r = even.ravel() - A @ even.ravel()
    expected = 48 * (r @ r) / (48 - np.trace(A)) ** 2
    assert np.isclose(rs.deconvolve_tikhonov_gcv(even, psf, 0.05), expected, rtol=1e-9)


def test_gcv_picks_a_lambda_near_the_best_without_the_clean_image():
    rng = np.random.default_rng(4)
    clean = data.camera()[::4, ::4] / 255.0  # 128 × 128
    psf = rs.gaussian_psf(9, 1.5)
    f = rs.convolve(clean, psf) + 0.01 * rng.standard_normal(clean.shape)
    lams = np.geomspace(1e-5, 1, 16)
    gcv = [rs.deconvolve_tikhonov_gcv(f, psf, lam) for lam in lams]
    error = [np.sum((rs.deconvolve_tikhonov(f, psf, lam) - clean) ** 2) for lam in lams]
    assert abs(int(np.argmin(gcv)) - int(np.argmin(error))) <= 2  # within two grid steps of the oracle


def test_gcv_rejects_bad_arguments():
    with pytest.raises(ValueError, match="prior"):
        rs.deconvolve_tikhonov_gcv(np.ones((8, 8)), np.ones((3, 3)), 1.0, prior="tv")
    with pytest.raises(ValueError, match="lam"):
        rs.deconvolve_tikhonov_gcv(np.ones((8, 8)), rs.gaussian_psf(3, 0.5), 0.0)  # nothing left to cross-validate
