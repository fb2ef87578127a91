"""`python -m selfeval_lint`: the same as the selfeval-lint command."""

from .cli import main

raise SystemExit(main())
