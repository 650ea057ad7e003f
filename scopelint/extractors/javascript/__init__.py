"""The JavaScript wing: JavaScript and TypeScript, read through a linear lexer (never run)."""
