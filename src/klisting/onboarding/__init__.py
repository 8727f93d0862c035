"""Seller onboarding: identifier checks, readiness per target, and the doctor's system checks."""
