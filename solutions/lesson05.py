"""Reference answers of lesson 05, An autoencoder on MNIST: L2 on the weights, L1 on the code.
Try the exercise first.

Each ``exercise_N`` below is the answer that ``lesson05.exercise_N`` in the notebook accepts. ``EXPLANATIONS``,
at the end of the file, says for every exercise why the answer is right and what the usual mistake is; for an
exercise without a check (reasoning, an experiment) it holds a model answer. The course website's Solutions
page shows the same, question by question.
"""

exercise_1 = 32 * 32 * 16  # 16,384 numbers: 16 per pixel (Dense acts on the last axis, the 3 colours)


def exercise_2(x, x_hat):
    return ((x - x_hat) ** 2).reshape(len(x), -1).mean(axis=1)


# Σ|z| = 3.75 + 1.5 + 4.25 + 3.25 = 12.75 over a batch of 4 codes: 0.01 · 12.75 / 4
exercise_3 = 0.01 * 12.75 / 4

# z → 0.25·z (ReLU is positively homogeneous), so the penalty × 0.25; (4V)(0.25 z) = V z: reconstruction × 1
exercise_4 = (0.25, 1.0)

EXPLANATIONS = {
    "exercise_1": """
        Without `Flatten`, a Dense layer acts on the last axis of its input only and keeps every other
        axis: section 1's (28, 28, 1) digit came out as (28, 28, 128). The last axis of a (32, 32, 3) image
        holds a pixel's 3 colour values, so the encoder turns each pixel's 3 values into encoding_dim = 16
        numbers and keeps the 32 × 32 grid: 32 · 32 · 16 = 16,384 numbers for one image. Usual mistakes:
        16, what a model that flattens the image first would output, and 32 · 32 · 3 · 16, as if the
        colour axis stayed beside the 16 new numbers, while the Dense layer replaces it.
    """,
    "exercise_2": """
        One MSE per image means averaging the squared differences over every axis except the first,
        whatever the number of axes. Reshaping each image into one row, `.reshape(len(x), -1)`, and
        averaging along axis 1 works for (N, 28, 28), (N, 28, 28, 1) or any other shape. The usual mistake
        is Keras's `mean_squared_error` (the loss `"mse"`), which averages over the last axis only and
        returns one number per image row, shape (N, 28) for (N, 28, 28) images. `np.mean(..., axis=(1, 2))`
        fails in the same way on the source's (N, 28, 28, 1) layout, where it returns shape (N, 1).
    """,
    "exercise_3": """
        `keras.regularizers.L1(0.01)` computes 0.01 · Σ|z| over the whole batch, and Keras divides an
        activity penalty by the batch size (section 7; a kernel penalty is not divided). The four codes'
        entries add up to 3.75 + 1.5 + 4.25 + 3.25 = 12.75 (ReLU codes are ≥ 0, so |z| = z), so the penalty
        is 0.01 · 12.75 / 4 ≈ 0.0319. The usual mistake forgets the division by the batch size and answers
        0.01 · 12.75.
    """,
    "exercise_4": """
        ReLU is positively homogeneous, ReLU(0.25·u) = 0.25·ReLU(u), so multiplying W and b by 0.25
        multiplies every code value z by 0.25, and Σ|z| and the penalty c·Σ|z| by 0.25. The decoder's first
        layer then computes (4V)(0.25·z) = V·z, as before, so the reconstruction does not change: factor 1.
        That is the loophole: the penalty falls without a single code unit becoming 0. The usual mistake,
        (0.25, 4), forgets that the smaller code and the larger decoder kernel cancel.
    """,
    "exercise_5": """
        *Model answer.* Yes, in a run of ours the mean validation MSE without a penalty turns up: it is
        lowest after about 50 epochs (250 steps), then rises again by a few per cent up to epoch 200, as
        the networks start to fit their 500 digits' details. With `l2=1e-5` the curve is a little flatter:
        at epoch 200 its mean validation MSE is slightly lower, but the paired difference is not
        established with 3 seeds, and its minimum is no lower than the unpenalized one. With this budget
        validation would choose early stopping, the weights near the minimum, more than a penalty. Section
        5's answer, no penalty, was not wrong: validation chooses for the training that is actually run,
        and after 20 epochs the validation MSE was still falling, so nothing had been overfitted yet for a
        penalty to prevent. A choice made by validation holds for its budget, not for another.
    """,
    "exercise_6": """
        *Model answer.* In a run of ours the cost held on the other seeds: with `seed_everything(1)` and
        `(2)` both sparse codes' test MSE was again more than 15 % above the plain ReLU code's, a little
        less than with seed 0 but far from 0, so the cost is a property of the sparse code, not of one
        lucky run. An interval over the 10,000 test digits is no substitute: it measures how much the
        estimate of one trained network's test MSE depends on which test digits were drawn, with that
        network fixed. The question is how much the cost varies from one training run to the next (here
        the order of the batches; in general also the initial weights), and only more trainings, on
        several seeds, answer that.
    """,
}
