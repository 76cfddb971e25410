"""Quiz questions of lesson 03, A small neural network (see course_lib.quizzes for the format)."""

from . import Choice, Option

QUESTIONS = [
    Choice(
        after="1. The model, and the penalty three ways",
        prompt="You build an MLP without a penalty, then set layer.kernel_regularizer = "
               "keras.regularizers.L2(0.01) on its Dense layers, and train it. What is penalized?",
        options=(
            Option("The kernels, exactly as with build_mlp(10, l2=0.01).",
                   "A regularizer is attached when a layer creates its weights. On a layer that is "
                   "already built, the new attribute is never used."),
            Option("Nothing, and Keras raises an error to warn you.",
                   "Keras accepts the assignment without a word, which makes this mistake easy to "
                   "miss. Only an empty model.losses shows it."),
            Option("Nothing, silently: model.losses stays empty, so the training is unpenalized.",
                   "Right: the regularizer must be there when the layer is built. The fix is to build "
                   "the model with the regularizer and copy the weights over.", correct=True),
            Option("Nothing until you call model.compile again, which attaches the regularizer.",
                   "Compiling does not rebuild the layers, so model.losses stays empty after it too. "
                   "Build a new model with the regularizer instead."),
        ),
    ),
    Choice(
        after="2. Source error: its penalty term",
        prompt="The source's penalty would square every entry of model.trainable_variables, biases "
               "included. Why does the fix sum c·Σw² over the kernels only?",
        options=(
            Option("Penalizing a bias does not make the function simpler: it pulls the predictions "
                   "towards 0 or moves a ReLU unit's kink, and it buys little.",
                   "Right: a bias only shifts a unit's output. Biases need little data to fit and add "
                   "little variance, so penalizing them gains little and can cause underfitting.",
                   correct=True),
            Option("The biases stay at 0, so including them would change nothing.",
                   "Keras starts the biases at 0, but training moves them. In the lesson, after 20 "
                   "steps the penalty over all variables was already larger than over the kernels."),
            Option("TensorFlow cannot compute the gradient of a penalty on the biases.",
                   "TensorFlow differentiates such a term without trouble. The reason to leave the "
                   "biases out is what the penalty does to the model, not a technical limit."),
            Option("Including the biases would make the penalty weaker, since it would average over "
                   "more entries.",
                   "With a sum, more entries make the penalty larger, not weaker. The weakness of the "
                   "source's penalty comes from reduce_mean, a different error."),
        ),
    ),
    Choice(
        after="3.4 Choosing c on the validation set",
        prompt="At c = 0.03, the paired 95 % interval of 'validation MSE with the penalty − without', "
               "over the 5 seeds, contains 0. What may you conclude?",
        options=(
            Option("c = 0.03 has no effect: with and without the penalty, the networks are equally "
                   "good.",
                   "An interval that contains 0 does not show that there is no effect. Here it also "
                   "contains large gains: the data cannot tell these values apart."),
            Option("c = 0.03 makes the validation MSE worse than no penalty.",
                   "Nothing establishes a loss either. Here the interval even lies mostly below 0, on "
                   "the side of a gain."),
            Option("The mean difference is below 0, so c = 0.03 helps; the interval only shows that "
                   "the seeds disagree a little.",
                   "A mean from 5 seeds can be below 0 by chance. Read the interval, not the mean: "
                   "'lower' only when the whole interval is below 0."),
            Option("No difference is established with 5 seeds: a gain, no change and a small loss "
                   "are all compatible with these data.",
                   "Right: the interval gives the differences that the 5 seeds cannot rule out. More "
                   "seeds would narrow it, and might then establish a difference.", correct=True),
            Option("No number of seeds could change this verdict.",
                   "The interval narrows as seeds are added, roughly like 1/√n. With more seeds it "
                   "could exclude 0, on either side."),
        ),
    ),
    Choice(
        after="4.1 A proximal training loop gives exact zeros",
        prompt="Adam + L1 leaves many kernel weights near 0 but none exactly 0. The proximal loop, "
               "with the same c, sets most of them exactly to 0. Why the difference?",
        options=(
            Option("The proximal loop minimizes a different objective, one with more zeros at its "
                   "minimum.",
                   "Both minimize the same objective, MSE + c·Σ|w|. What differs is how each "
                   "algorithm moves a weight near 0."),
            Option("Each proximal step ends with soft-thresholding, which sets every kernel weight "
                   "that the gradient step leaves within η·c of 0 to exactly 0; Adam only moves "
                   "weights by small continuous steps.",
                   "Right: Adam moves each weight by about the learning rate per step, so a weight "
                   "pulled to 0 overshoots, the sign of its gradient flips, and it jitters around 0. "
                   "Soft-thresholding stops it at 0.", correct=True),
            Option("L1's pull fades as a weight gets small, as L2's does, so Adam never quite "
                   "reaches 0.",
                   "L1 pulls with the same force c whatever the weight's size; it is L2's pull, 2cw, "
                   "that fades. The jitter comes from Adam's step, not from a fading pull."),
            Option("c = 0.01 is too weak for Adam; a larger c would give exact zeros with Adam too.",
                   "A larger c gives more near-zero weights, not exact zeros: in the lesson not one "
                   "of the networks trained with Adam, c = 0.03 included, had an exact zero."),
        ),
    ),
    Choice(
        after="5. The test set, once",
        prompt="c was chosen on the validation set. Why are the chosen networks then scored on a "
               "separate test set, and only once?",
        options=(
            Option("The test set is larger, so its score has no optimism at all.",
                   "A larger set gives a less noisy score, but optimism comes from choosing, not from "
                   "size. Some remains here, since the test scores the networks validation chose "
                   "among."),
            Option("So that c can be chosen again on the test set if it disagrees with validation.",
                   "Choosing on the test set would make its score optimistic too. The test set "
                   "chooses nothing; it only reports."),
            Option("The chosen setting's validation score is optimistic: it won partly by the luck "
                   "of those validation samples. The test set played no part in the choice.",
                   "Right: the test score is a fairer estimate. It is not perfect: a strict "
                   "comparison would retrain the chosen settings on fresh seeds.", correct=True),
            Option("The validation MSE includes Keras's penalty, and the test MSE does not.",
                   "Both are the unpenalized MSE: the lesson compares models without the penalty "
                   "everywhere, although Keras's reported loss includes it."),
        ),
    ),
]
