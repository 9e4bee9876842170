"""Tools run by make (print_pdf.py makes the PDF); the browser settings in print_pdf.py are shared
with the tests and the bench."""
