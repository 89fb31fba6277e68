"""Templates, styles and the little JavaScript cjm-site pages need (shipped as package data)."""
