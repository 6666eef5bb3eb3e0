import sys
from pathlib import Path

# Shared builders (factsets.py) live beside the tests rather than in an installed package.
sys.path.insert(0, str(Path(__file__).parent))
