import sys

from lkip.cli import main

sys.exit(main())
