"""The load suite (python -m bench.load): see __main__.py."""
