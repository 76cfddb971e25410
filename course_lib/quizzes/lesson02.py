"""Quiz questions of lesson 02, Ridge and lasso (see course_lib.quizzes for the format)."""

from . import Choice, Number, Option

QUESTIONS = [
    Choice(
        after="4. Lasso: three solvers, and who gets exact zeros",
        prompt="In the lesson's race, ISTA and FISTA end with the optimum's exact zeros, while "
               "subgradient descent ends with no exact zero at all. Why?",
        options=(
            Option("Subgradient descent stopped too early: run long enough, its weights would "
                   "land on exactly 0.",
                   "More steps only make the zig-zag around 0 smaller. Each step moves a weight by a "
                   "small continuous amount, so it hits exactly 0 only by accident."),
            Option("Each ISTA step ends with soft-thresholding, which sets every entry within the "
                   "threshold of 0 to exactly 0; a subgradient step has no such operation.",
                   "Right: the proximal step puts small weights on 0 exactly, at every step. A "
                   "subgradient step adds a continuous amount to each weight, so a weight that should "
                   "be 0 keeps jumping from one side of 0 to the other.", correct=True),
            Option("ISTA and FISTA minimize a sparser objective than subgradient descent does.",
                   "All three minimize the same lasso objective J, and its optimum itself has the "
                   "exact zeros. The solvers differ only in how they move towards it."),
            Option("The zeros come from FISTA's momentum; a method without momentum gives none.",
                   "ISTA has no momentum and gives exact zeros too: in the lesson, its very first "
                   "step from w = 0 already had some. The soft-thresholding makes the zeros, not "
                   "the momentum."),
        ),
    ),
    Number(
        after="A case solved by hand: orthonormal columns",
        prompt="X has orthonormal columns (XᵀX = I). In the source's convention, take λ = 4. "
               "A feature's least-squares weight is z_j = (Xᵀy)_j = 3. What is its lasso weight?",
        answer=1.0,
        why="With orthonormal columns the lasso is soft-thresholding of z at λ/2 = 2, so "
            "3 − 2 = 1. The threshold is λ/2 because the source writes λ/(2m) against a data term "
            "with 1/(2m).",
        hint="With XᵀX = I each weight is solved alone: which proximal operator of lesson 01, and "
             "with which threshold, in the source's convention?",
        wrong=(
            (0.0, "That would be thresholding at λ = 4. The threshold is λ/2 = 2, and |z| = 3 is "
                  "above it, so the weight stays non-zero."),
            (0.6, "That is the ridge weight z/(1 + λ) = 3/5. Ridge divides every weight and never "
                  "sets it to 0; the lasso subtracts λ/2 instead."),
            (3.0, "That is the least-squares weight, kept as it is (hard thresholding). The lasso "
                  "also moves every surviving weight towards 0 by λ/2."),
            (-1.0, "Subtracting λ = 4 gives −1, but soft-thresholding never flips a sign: it stops "
                   "at 0. And the threshold here is λ/2 = 2, not λ."),
        ),
    ),
    Choice(
        after="5. Regularization paths",
        prompt="Follow one weight w_j along the solution path as λ decreases. Which statement is true?",
        options=(
            Option("Under ridge, a weight may pass through 0 at one isolated λ when it changes sign, "
                   "but it does not stay at exactly 0 over a range of λ.",
                   "Right: ridge's weights are smooth (rational) functions of λ, so a weight that is 0 "
                   "over a whole range would be 0 at every λ, a special case. On the lesson's grid "
                   "not one ridge weight is exactly 0; the lasso holds many at 0 for a range of λ.",
                   correct=True),
            Option("Under the lasso, once a feature has entered, its weight stays non-zero for every "
                   "smaller λ.",
                   "Features mostly enter as λ decreases, but some leave again when others take over "
                   "their role: in the lesson, 4 noise features went back to exactly 0."),
            Option("Under ridge, every single weight grows steadily in size as λ decreases, since "
                   "‖w‖₂ does.",
                   "Only the norm of the whole vector grows steadily. In the lesson most single "
                   "weights do not grow steadily, and some even change sign."),
            Option("Under the lasso, the true features always enter the path first.",
                   "They did on this lesson's data, whose features are independent. With strongly "
                   "correlated features the lesson found data sets where no λ gives exactly the true "
                   "support."),
        ),
    ),
    Choice(
        after="6. Training, validation and test error against λ",
        prompt="Each model is fitted on one training set, with λ chosen on validation. The paired "
               "95 % interval of 'lasso − ridge', squared test error per sample over the 400 test "
               "samples, lies below 0. What does it tell you?",
        options=(
            Option("The lasso would beat ridge on any training set drawn from this distribution.",
                   "The lesson used one draw of the training data. The interval covers the luck of "
                   "which test samples were drawn, not of which training set."),
            Option("The lasso's error is lower than ridge's on every one of the 400 test samples.",
                   "The interval is about the mean of the differences. On single test samples ridge "
                   "can still do better; only the average difference is clearly below 0."),
            Option("For these two fitted models, the lasso's mean squared error on new samples from "
                   "the same distribution is lower (at 95 % confidence).",
                   "Right: the same test samples go through both models, and the interval for the "
                   "mean difference excludes 0. It says nothing about other training sets, which "
                   "would need the training data redrawn.", correct=True),
            Option("The lasso is the better penalty for linear regression in general.",
                   "Here the truth is sparse (8 of 60 features), which is what the L1 penalty "
                   "favours. On a problem where every feature matters, ridge may do better."),
        ),
    ),
    Choice(
        after="8. Choosing λ by K-fold cross-validation",
        prompt="The lasso at λ_CV keeps every true feature but also some noise features. A much larger "
               "λ would keep exactly the true ones. Why does cross-validation not choose it?",
        options=(
            Option("The CV error is noisy; with more folds it would pick the λ that finds the true "
                   "features.",
                   "Noise in the CV estimate is not the reason: in the lesson even the test error "
                   "was lower at λ_CV than anywhere in the band of λ that finds the true support."),
            Option("A larger λ removes the noise features but leaves the true weights unchanged, so "
                   "CV simply missed it.",
                   "The lasso shrinks every surviving weight, the true ones included. That is why the "
                   "larger λ predicted worse here."),
            Option("The one-standard-error rule fixes this: it always finds exactly the true "
                   "features.",
                   "The one-SE rule goes in the right direction, with fewer false positives. But in "
                   "the lesson it also stayed below the band of λ that finds the true support."),
            Option("CV chooses λ for prediction: a few small false positives barely hurt it, while a "
                   "larger λ also shrinks the true weights, which costs more.",
                   "Right: one λ cannot both select the features and set their size. The relaxed "
                   "lasso separates the two jobs (select with the lasso, refit without a penalty) "
                   "and found exactly the true features here.", correct=True),
            Option("No λ can ever give exactly the true features: the lasso always selects too many.",
                   "On this lesson's data a whole band of λ gives exactly the true support. Only with "
                   "strongly correlated features may no such λ exist."),
        ),
    ),
]
