import sys

from lkip.cli import main

if __name__ == "__main__":  # not when a spawned worker process of the batch imports it
    sys.exit(main())
