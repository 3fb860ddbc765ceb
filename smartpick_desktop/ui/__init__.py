"""Qt widgets and models that adapt the core. Imports core; core never imports this."""
