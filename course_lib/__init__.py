"""Companion package of the normreg course on L1/L2 norm regularization.

Importing ``course_lib`` or its numpy-only modules (``norms``, ``penalties``,
``data``, ``objectives``, ``checks``) never imports TensorFlow, so a notebook
can call :func:`course_lib.notebook.setup` first and quiet TensorFlow before
it loads.
"""

__version__ = "0.1.0"
