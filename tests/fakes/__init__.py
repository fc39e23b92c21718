"""Loopback fakes of the external services goalbot talks to."""
