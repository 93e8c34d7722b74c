"""cc-rfp: write a contact-center outsourcing tender from a guided interview."""

__version__ = "0.1.0"
