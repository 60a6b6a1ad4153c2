"""``python -m ai_agent.cli``: the same as the ``ai-agent`` command."""

import sys

from . import main

sys.exit(main())
