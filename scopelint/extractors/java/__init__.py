"""Java and Kotlin: string literals and constants, read without type inference."""
