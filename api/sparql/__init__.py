"""The SPARQL 1.1 Protocol endpoint's parts: request reading, text checks, negotiation, evaluation, answers."""
