"""PyInstaller entry script: the frozen ``smartpick`` executable starts here."""

import sys

from smartpick_desktop.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
