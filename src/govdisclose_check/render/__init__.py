"""Render: findings into the output formats, one module per format."""
