"""Markets (configs/markets) and platforms (configs/platforms), and targets that pair them."""
