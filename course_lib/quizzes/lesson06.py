"""Quiz questions of lesson 06, CNN classification (see course_lib.quizzes for the format)."""

from . import Choice, Number, Option

QUESTIONS = [
    Number(
        after="2. The model, and a training loop traced once",
        prompt="During training with (inverted) dropout at rate p = 0.25, a unit entering a dense layer "
               "has the value 3 and is kept. What value does it pass on?",
        answer=4.0,
        why="Inverted dropout divides the kept units by 1 − p = 0.75: 3 / 0.75 = 4. Averaged over the "
            "random drops the unit is 0.75 · 4 + 0.25 · 0 = 3, its value at test time, when dropout is off.",
        hint="p is the probability of dropping a unit. The kept units are rescaled so that the unit's "
             "expected value does not change.",
        wrong=(
            (2.25, "That is 3 · (1 − p), the scaling that the original dropout applied at test time. "
                   "Inverted dropout divides by 1 − p during training instead, and does nothing at test time."),
            (3.0, "Without rescaling, the unit's average during training would be 0.75 · 3 = 2.25, less "
                  "than its value 3 at test time; inverted dropout divides the kept units by 1 − p."),
            (3.75, "That is 3 · (1 + p). The factor is 1 / (1 − p) = 1.333…, not 1 + p: it must make "
                   "0.75 times the kept value equal to 3."),
            (12.0, "That is 3 / p. Here p = 0.25 is the probability of dropping a unit, so the kept "
                   "units are divided by the probability of keeping one, 1 − p = 0.75."),
        ),
    ),
    Choice(
        after="4. Choosing each strength on the validation split",
        prompt="For each method the lesson chooses, on the validation split, the strength with the lowest "
               "mean cross-entropy, and it puts strength 0 (no regularization) among the candidates. "
               "Why include 0?",
        options=(
            Option("Because with little data no regularization always has the lowest validation "
                   "cross-entropy.",
                   "0 is not always best: here dropout at rate 0.25 had a clearly lower validation "
                   "cross-entropy than the baseline. 0 is one candidate that may win or lose."),
            Option("So that validation can say that a method does not help: without 0, some strength "
                   "would always be chosen.",
                   "Right: leaving 0 out would force every method to be used. Here no L1 strength had a "
                   "lower mean validation cross-entropy than the baseline, so validation chose no L1.",
                   correct=True),
            Option("So that the chosen strength's validation score is no longer optimistic.",
                   "Including 0 does not remove the optimism: the winner, 0 or not, was picked because it "
                   "scored well on these same 1,000 digits. That is why the final comparison uses the "
                   "test set."),
            Option("Because otherwise the paired comparison with the baseline could not be computed.",
                   "The baseline networks are trained anyway and used in every paired comparison. Putting "
                   "0 among the candidates changes which strength is chosen, not whether a comparison "
                   "can be computed."),
        ),
    ),
    Choice(
        after="5. Sparsity: what L1 does to the kernels",
        prompt="With an L1 kernel penalty trained by Adam, many kernel weights end near zero, yet in this "
               "lesson not one of them is exactly zero. Why?",
        options=(
            Option("Each Adam step moves a weight by up to about lr, so a weight pulled to 0 overshoots "
                   "and keeps jittering around 0; an exact 0 needs a proximal (soft-thresholding) step.",
                   "Right: the pull of c·|w| is c·sign(w), and it flips sign as the weight crosses 0, so "
                   "(sub)gradient steps never stop exactly there. A proximal step sets small weights "
                   "exactly to 0 (lesson 02).", correct=True),
            Option("The L1 strengths were too small; a larger c would give exact zeros.",
                   "Even the strongest L1 of the grid, with over half the kernel weights below 10⁻³, left "
                   "no weight exactly at 0. A larger c pulls harder, but the steps still land beside 0."),
            Option("float32 cannot store an exact 0, so a tolerance is always needed.",
                   "0 is exactly representable in float32. The tolerance is needed because the training, "
                   "not the number format, stops short of exact zeros."),
            Option("A neural network's L1-penalized loss has no minima with zero weights; exact zeros "
                   "happen only in linear models.",
                   "A network's penalized loss can have minima with weights exactly at 0 too. It is the "
                   "(sub)gradient training, not the model, that never lands on them."),
        ),
    ),
    Choice(
        after="6. An L2 penalty is not weight decay under Adam",
        prompt="Adam trains two weights with an L2 penalty c·w² on each. Both start at 1. The data "
               "gradients of weight A are large, those of weight B tiny (both average to zero). What "
               "happens, as in the lesson's demo?",
        options=(
            Option("Both lose the same fraction of their value per step, as with weight decay.",
                   "That is decoupled weight decay (AdamW), which shrinks every weight by (1 − lr·wd) per "
                   "step outside Adam's normalization. The L2 pull 2cw is part of the gradient and is "
                   "normalized with it."),
            Option("A shrinks faster, because its larger gradients give it larger steps.",
                   "Adam divides each weight's step by √v̂, a running estimate of that weight's gradient "
                   "size, so large gradients do not mean large steps. A's large √v̂ makes its L2 pull "
                   "small."),
            Option("B is driven to 0, by about lr per step, while A keeps most of its value.",
                   "Right: Adam divides the pull 2cw by √v̂ as well. For A, √v̂ is large, so the pull is "
                   "weak; for B, √v̂ comes almost only from the pull itself, which becomes a step of about "
                   "lr towards 0, much like an L1 penalty.", correct=True),
            Option("Neither shrinks: Adam's normalization cancels the L2 penalty.",
                   "The penalty is not cancelled: for B it is almost the whole gradient and drives B to 0 "
                   "within a few hundred steps. It is only weak for the weight with large gradients."),
        ),
    ),
    Choice(
        after="7. The test set, once",
        prompt="Suppose a method against no regularization, paired over 5 seeds on the test set, gives a "
               "mean difference in test cross-entropy of −0.0025 with 95 % interval [−0.023, +0.018]. "
               "Which statement is right?",
        options=(
            Option("The method has no effect on this network, since the interval contains 0.",
                   "An interval that contains 0 means that no difference was established with 5 seeds, "
                   "not that there is none. This one also allows an improvement of about 0.02."),
            Option("The method is worse than dropout if dropout's interval excludes 0 and this one does not.",
                   "One interval excluding 0 and another containing it does not compare the two methods. "
                   "That needs the paired difference L2 − dropout on the same seeds, with its own "
                   "interval."),
            Option("About 95 % of single seeds would give a difference between −0.023 and +0.018.",
                   "The interval is about the mean difference over seeds, not a range for single seeds; "
                   "single seeds can fall outside it."),
            Option("The data are consistent with no effect and also with a gain of about 0.02: with 5 "
                   "seeds they cannot tell these apart.",
                   "Right: the interval is too wide to decide. \"No difference established\" means exactly "
                   "that, not \"little effect\"; more seeds could narrow the interval.", correct=True),
        ),
    ),
]
