"""`python -m diplograph.api`: the same command line as the `diplograph` console script."""
from diplograph.api.cli import main

main()
