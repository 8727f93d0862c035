"""klisting: make a Korean seller's product catalog ready to sell abroad."""

__version__ = "0.1.0"
