"""`python -m cope`: see cli.py."""

from .cli import main

raise SystemExit(main())
