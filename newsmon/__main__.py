"""`python -m newsmon`: the same as the `newsmon` console script."""

from newsmon.cli import main

if __name__ == "__main__":
    main()
