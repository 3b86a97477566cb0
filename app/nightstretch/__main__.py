"""Allows ``python -m nightstretch`` as well as the ``nightstretch`` script."""

import sys

from nightstretch.cli import main

sys.exit(main())
