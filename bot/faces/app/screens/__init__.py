"""The app's screens: language, question, review, results, help, kiosk pieces, desk."""
