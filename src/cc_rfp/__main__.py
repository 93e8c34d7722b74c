"""Allow ``python -m cc_rfp``."""

from cc_rfp.cli import main

main()
