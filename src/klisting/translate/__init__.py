"""Translation: engines behind one interface, plus segmentation, protection, glossary and memory."""
