"""Quiz questions of lesson 04, What penalties do to gradients (see course_lib.quizzes for the format)."""

from . import Choice, Option

QUESTIONS = [
    Choice(
        after="3. Gradient norms during training",
        prompt="Trained with Adam and L1(c) on the kernels, the global gradient norm stops falling and "
               "stays flat, near c·√n₀, where n₀ is the number of kernel weights within one Adam step "
               "of zero. Why does it not go down to 0?",
        options=(
            Option("The L1 penalty makes the gradients explode, and Adam only stops them from growing "
                   "further.",
                   "Nothing explodes: on every seed the largest gradient was the first one, at the "
                   "initial weights. The plateau is a small, steady value, not a growth."),
            Option("The weights that L1 drives to zero cannot settle: Adam moves each by about its "
                   "learning rate per step, so they jump across 0, and each adds a term of size c to "
                   "the gradient.",
                   "Right: the L1 gradient c·sign(w) has size c however close w is to 0, and n₀ terms "
                   "of size c have norm c·√n₀. In this lesson these weights carry over 90 % of the "
                   "squared gradient norm.", correct=True),
            Option("Every kernel weight adds c·sign(w) to the gradient, so the plateau is c·√n, with "
                   "all n kernel weights.",
                   "A weight that the data uses settles where its data gradient balances the pull c, "
                   "so its total gradient is near 0. Only the weights jittering around zero count, "
                   "and c·√n is larger than the plateau."),
            Option("Training has not converged yet: with more epochs the norm would fall towards 0, "
                   "as it does without a penalty.",
                   "More steps do not remove the plateau: a weight near 0 still gets the full c·sign(w), "
                   "so the jitter is the steady state of Adam on the L1 kink, not a sign of slow "
                   "training."),
        ),
    ),
    Choice(
        after="4. What a λ that is too large does",
        prompt="With c = 1 the shallow network predicts almost a constant: its training MSE reaches the "
               "variance of y. Yet the gradient of the data loss with respect to its first layer is "
               "tiny. Why is it tiny?",
        options=(
            Option("The model has converged: a small gradient means that the data loss is near its "
                   "minimum.",
                   "The training MSE equals that of predicting the mean, so the fit is as poor as a "
                   "sensible model gets. Here a small gradient does not mean a good fit."),
            Option("Vanishing gradients: the gradient shrinks from layer to layer on its way back "
                   "through the network.",
                   "This network has a single hidden layer, so there is no depth for the gradient to "
                   "vanish through; at the chosen c the same network's gradients are normal."),
            Option("The gradient that reaches the first layer passes through the next layer's weights, "
                   "and the penalty has crushed all the weights to nearly zero.",
                   "Right: a gradient that must pass through zero weights is zero. This is underfitting "
                   "caused by a bad λ, and it shows at once as a high training error.", correct=True),
            Option("The penalty's gradient 2c·w cancels the data gradient.",
                   "The lesson measures the gradient of the data loss alone, with no penalty term in it. "
                   "Besides, 2c·w is itself nearly 0 once the weights have collapsed."),
        ),
    ),
    Choice(
        after="5. Vanishing gradients are a depth effect",
        prompt="At 10 × the chosen c, the shallow network still fits part of the data, but the network "
               "with 8 hidden layers predicts a constant. Why does depth make the collapse come at a "
               "smaller λ?",
        options=(
            Option("The output scales with the product of the 9 kernels' sizes, so shrinking each a "
                   "little shrinks the output a lot; and the data gradient that resists the penalty "
                   "reaches each layer through all the other, shrinking, layers.",
                   "Right: the penalty's pull on a layer depends on its own weights only, while the "
                   "data's push back fades with the others. Choose λ on validation data for each "
                   "architecture.", correct=True),
            Option("Each weight of the deep network feels a stronger pull, because the penalty sums "
                   "over many more weights.",
                   "The pull on each weight is 2c·w, whatever the number of weights. The total penalty "
                   "is larger, but only the gradient with respect to a weight moves that weight."),
            Option("The deep network was trained for fewer epochs (150 instead of 200), so it stopped "
                   "before it could fit.",
                   "Without a penalty the same 150 steps fit its training set almost exactly, so the "
                   "budget is not what fails. Once the weights collapse, the data gradient that could "
                   "pull them back is nearly zero."),
            Option("The penalty adds complexity to a deep network, which makes its gradients explode.",
                   "That is the FAQ's claim, and the lesson measures the opposite: at 10 × c every "
                   "hidden layer's data gradient is essentially zero, because the weights collapsed."),
        ),
    ),
    Choice(
        after="6. The real cures of vanishing gradients",
        prompt="A plain ReLU MLP with 30 hidden layers of 64 units and Keras's default Glorot "
               "initialization (weight variance 1/64 here) loses its signal and its gradients before "
               "any training. Which change fixes this?",
        options=(
            Option("Remove the L2 penalty from its layers.",
                   "The lesson measured this network at initialization with no penalty at all, so "
                   "there is nothing to remove: the vanishing comes from the initialization."),
            Option("Clip the gradients with global_clipnorm.",
                   "Clipping only shortens gradients that are too long; it cannot make tiny gradients "
                   "larger, and it does nothing to the signal that fades on the forward pass."),
            Option("Make every hidden layer wider (128 units instead of 64), with the same default "
                   "initialization.",
                   "With equal fan-in and fan-out n, Glorot's variance is 1/n, so the signal's mean "
                   "square is still halved by every ReLU layer, whatever the width."),
            Option("Use He initialization: weight variance 2/fan_in, 1/32 here, twice the default's.",
                   "Right: a ReLU sets about half of its inputs to 0, and the doubled variance makes up "
                   "for it, so the signal and the gradients keep a size of order 1 at every depth. Batch "
                   "normalization and residual connections are the other standard cures.",
                   correct=True),
        ),
    ),
    Choice(
        after="7. Oscillation: a step too large for the curvature",
        prompt="In the demo that minimizes the penalty c·w² alone with learning rate η = 0.1, you raise "
               "c from 12.5 to 125. What happens to plain SGD and to Adam?",
        options=(
            Option("Both diverge faster: a larger penalty is unstable whatever the optimizer.",
                   "Only SGD's step grows with the gradient. Adam divides the gradient by a running "
                   "estimate of its size, so a larger c does not make its steps longer."),
            Option("SGD converges again, because a larger c pulls w towards zero harder.",
                   "A stronger pull makes SGD overshoot more: each step multiplies w by 1 − 2ηc = −24, "
                   "so |w| grows 24-fold per step while its sign flips."),
            Option("SGD flips the sign of w and grows it faster (a factor 1 − 2ηc = −24 per step); "
                   "Adam's path hardly changes, its steps staying about η long.",
                   "Right: scaling the gradient scales Adam's m̂ and √v̂ alike, so their ratio, and the "
                   "path, stay the same. The cure for SGD is a step small enough for the curvature.",
                   correct=True),
            Option("Adam diverges too, because its step is proportional to the gradient 2c·w.",
                   "A step proportional to the gradient is SGD's. Adam's step is about η·m̂/√v̂, and "
                   "this ratio does not change when the gradient is multiplied by 10."),
        ),
    ),
]
