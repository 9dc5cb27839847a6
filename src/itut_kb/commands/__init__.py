"""CLI commands, one module per feature. Each module has ``register(subparsers)`` which adds its
sub-commands with ``set_defaults(handler=…)``; a handler takes (services, args) and returns the exit code.
"""
