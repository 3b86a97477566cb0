"""Allows ``python -m app`` as well as the ``nightstretch`` script."""

import sys

from app.cli import main

sys.exit(main())
