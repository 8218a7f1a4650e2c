"""safeguarding-kg: a knowledge graph of children's-safeguarding practice built from Ofsted documents.

The package is library first: every command of the `kg` CLI is a function here. Heavy modules are
imported lazily so that `import kg` and `kg --help` stay instant.
"""

from __future__ import annotations

__version__ = "0.1.0"
