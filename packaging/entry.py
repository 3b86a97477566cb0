"""The bundle's entry point: the same ``main`` as the ``nightstretch`` console script."""

import sys

from nightstretch.cli import main

if __name__ == "__main__":
    sys.exit(main())
