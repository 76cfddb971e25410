"""Quiz questions of lesson 07, Image restoration (see course_lib.quizzes for the format)."""

from . import Choice, Option

QUESTIONS = [
    Choice(
        after="2. Why images want L1",
        prompt="The differences between neighbouring pixels of the clean photograph have a sharp peak "
               "at 0 and long tails. What does this say about a penalty on the image's gradient?",
        options=(
            Option("An L2 penalty suits them, because the differences average to 0.",
                   "A Gaussian and a Laplace density are both centred at 0; the shape is what matters. "
                   "A Gaussian cannot have both a sharp peak and long tails, so an L2 penalty charges the "
                   "few large differences, the edges, much too much."),
            Option("An L1 penalty suits them better: it corresponds to a Laplace prior, which fits these "
                   "differences far better than a Gaussian.",
                   "Right: read as a prior, an L1 penalty says the differences are Laplace-distributed, "
                   "and the Laplace fit was much more likely here. The data's peak is even sharper, so L1 "
                   "is the closest convex choice, not the best fit.", correct=True),
            Option("Most differences are exactly 0, so only a count of non-zero differences (L0) makes "
                   "sense.",
                   "Most differences are near 0, not exactly 0, and an L0 penalty is not convex. Penalties "
                   "|x|^p with p < 1, between L0 and L1, fit the peak better, but L1 is the closest "
                   "convex choice."),
            Option("The long tails are noise, so a strong L2 penalty should remove them.",
                   "This is the clean image: its long tails are the edges, which a denoiser should keep. "
                   "An L2 penalty would punish exactly these large differences hardest."),
        ),
    ),
    Choice(
        after="4. L1 on the gradient: total variation",
        prompt="In one row, an edge rises by h = 0.5, either in one jump or spread evenly over w pixels. "
               "Why does TV keep the sharp edge, while Tikhonov blurs it?",
        options=(
            Option("TV charges a sharp edge less than a spread one, so it sharpens every edge.",
                   "TV charges a monotone rise h = 0.5 whatever its width: sharp and spread edges cost "
                   "the same. It does not mind a sharp edge, but it does not prefer one either."),
            Option("Both penalties charge the same, h², but TV's solver is more accurate.",
                   "Tikhonov is solved exactly too, with a DCT. The difference lies in the penalties: "
                   "TV charges the edge h, the L2 penalty on the gradient h²/w."),
            Option("TV charges h whatever w is, while the L2 penalty on the gradient charges w·(h/w)² = "
                   "h²/w, which falls as the edge spreads.",
                   "Right: spreading the edge over 4 pixels lowers Tikhonov's penalty from 0.25 to 0.0625 "
                   "but leaves TV's at 0.5. Only the L2 penalty gains from a blurred edge.", correct=True),
            Option("TV ignores differences above a threshold, so edges cost nothing.",
                   "TV charges every difference by its size, large ones included. It charges them "
                   "linearly instead of quadratically, and not more when they are sharp."),
        ),
    ),
    Choice(
        after="5. L1 on wavelet coefficients: soft-thresholding",
        prompt="In this lesson, soft-thresholding the Haar detail coefficients beat even the oracle's best "
               "per-band linear shrinkage. Why can a threshold beat every rule that multiplies each band "
               "by one factor?",
        options=(
            Option("It treats each coefficient by its own size: it keeps the few large ones (mostly edges) "
                   "and zeroes the many small ones (mostly noise).",
                   "Right: in a band, large and small coefficients get different treatment, which one "
                   "factor per band cannot give. The photograph is sparse in the Haar basis, the noise "
                   "is not.", correct=True),
            Option("The oracle's factors were estimated from the noisy image, so they were not really "
                   "the best.",
                   "The oracle's factors were computed with the clean image (least squares in each band), "
                   "so no factor per band does better. The limit is the linear form of the rule."),
            Option("L1 is convex, and a convex penalty always gives the best denoiser.",
                   "Convex is not the same as best: with cycle spinning, hard thresholding (an L0-like "
                   "rule) beat soft thresholding on this image."),
            Option("Soft thresholding keeps the large coefficients unchanged, without bias.",
                   "That is hard thresholding. Soft thresholding also shrinks every coefficient it keeps "
                   "by t, a bias that costs it against hard thresholding once cycle spinning is used."),
        ),
    ),
    Choice(
        after="6. Choosing λ without the clean image",
        prompt="SURE = ‖u − f‖² + σ²(2·div − N) needs the noise level σ. Here σ̂, estimated from the "
               "noisy image, came out a few percent too large. What does the lesson find?",
        options=(
            Option("SURE then chose a clearly worse λ: a wrong σ moves its minimum.",
                   "The minimum moved little: SURE's λ was within 0.1 dB of the oracle's for all three "
                   "denoisers. The σ error shifted the curve's level far more than its minimum."),
            Option("Nothing changes, because SURE does not depend on σ.",
                   "SURE depends on σ through the term σ²(2·div − N). With the true σ its value at the best "
                   "strength was within 5 % of the true error; with σ̂ it was much further off."),
            Option("SURE became useless, so λ had to be chosen with the clean image.",
                   "The clean image served only as an oracle to compare with. SURE with σ̂ chose λ from "
                   "the noisy image alone, nearly as well as the oracle here."),
            Option("Its minimum still chose a good λ, but its value underestimated TV's true error there "
                   "by a lot.",
                   "Right: the level shifts by (σ̂² − σ²)(2·div − N), and near TV's best λ, 2·div is much "
                   "smaller than N. So trust SURE's minimum, not its value as an estimate of the error.",
                   correct=True),
        ),
    ),
    Choice(
        after="8. A bridge to lesson 05: TV or a denoising autoencoder?",
        prompt="Lesson 05's noise was clipped to [0, 1], so on the black background of the digits it "
               "became max(0, noise): mean about +0.12, median 0. Why did TV-L1 (L1 data term) largely "
               "remove this grey haze, while ROF (L2 data term) kept it?",
        options=(
            Option("TV-L1's λ was larger, so it smoothed more.",
                   "More smoothing cannot remove a haze: adding a uniform grey level does not change the "
                   "total variation, so the penalty gives no reason to remove it. The data term decides "
                   "the level."),
            Option("With an L2 data term a flat region settles near the mean of its noisy values; with an "
                   "L1 data term, near their median.",
                   "Right: squared errors are minimised by the mean, absolute errors by the median. The "
                   "clipped noise has a positive mean but a median of 0, so the L1 data term pulls the "
                   "background towards black.", correct=True),
            Option("ROF had not converged; with more steps it would have removed the haze too.",
                   "The haze is in ROF's minimiser itself: its L2 data term wants the background's mean. "
                   "More steps only bring the image closer to that minimiser."),
            Option("TV-L1 learned what digits look like from the 200 validation digits.",
                   "Only λ was chosen on those digits; TV-L1 has no learned model of digits, only "
                   "\"piecewise constant\" and \"a few large errors\". Learning digits is what the "
                   "autoencoder does."),
        ),
    ),
]
