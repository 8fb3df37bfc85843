#!/usr/bin/env python
"""Django's command-line utility; `masthead` (masthead.cli) is the same thing installed."""
from masthead.cli import main

if __name__ == "__main__":
    main()
