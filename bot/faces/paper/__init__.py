"""What a parent takes away on paper or on a phone: the PDF, the calendar file, the QR code, the printer.

The words come from the headless guide (``medguide.bot.guide.takeaway``, ``explain``, ``summary``);
this package only renders them. Nothing here writes a file: each function returns bytes, text or a
matrix, and the app decides where they go (a printer's stdin at the kiosk, an owner-only file at home).
"""
