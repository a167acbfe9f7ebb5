/// The words events are made of: summaries, locations, categories and description text in
/// several languages, with the commas, semicolons, quotes and non-ASCII characters real
/// calendars are full of.
enum PhraseCatalog {
    static let meetingSummaries = [
        "Weekly sync", "Quartalsplanung Q2", "Revue de projet", "Kundentermin: Müller GmbH", "Réunion d'équipe",
        "Budget review; Q3, final numbers", "Standup", "定例会議（プロジェクト進捗）", "Design review – calendar import",
        "Onboarding Zoë", "Lunch & Learn: \"Swift on Linux\"", "Migration cut-over rehearsal", "Sprint planning",
        "Retrospektive, Sprint 42", "Llamada con José (España)", "Board meeting", "Interview: backend engineer",
        "Přehled rozpočtu", "Kaffee mit Jürgen", "Server maintenance window", "All hands",
    ]

    static let personalSummaries = [
        "Zahnarzt", "Dentist", "Pick up kids", "Gym", "Flight LH 400 FRA → JFK", "Vacances d'été", "Urlaub",
        "Birthday: Søren", "Conference: FOSDEM", "Out of office", "Doctor's appointment", "誕生日",
    ]

    static let taskSummaries = [
        "Submit expense report", "Review contract draft, v3", "Prepare slides; send to Anna", "Renew passport",
        "Steuererklärung abgeben", "Update migration runbook", "Call back Mr. O'Brien", "Book hotel for offsite",
    ]

    static let locations = [
        "Room 4.12 (Berlin)", "Conference room \"Atlantic\"", "Microsoft Teams Meeting", "Google Meet",
        "Hauptstraße 5, 10827 Berlin", "Café de Flore; Paris", "東京オフィス 3F", "Zoom", "Building 2, Floor 3, Desk 17",
        "Sala Málaga", "",
    ]

    static let categories = [
        "Business", "Personal", "Meeting", "Travel", "Holiday", "Red Category", "Projekt Phönix", "Kunden",
        "Important", "Follow up",
    ]

    static let agendaItems = [
        "Status of the migration waves, blockers and risks",
        "Rückblick auf die letzte Woche; offene Punkte",
        "Budget: hardware, licences, travel",
        "Questions from the team, AOB",
        "Revue des décisions, prochaines étapes",
        "Zeitplan für den Cut-over (Phase 1, 2, 3)",
        "Capacity planning for 10,000 mailboxes",
        "Demo of the new import tool",
    ]

    static let joinBlurbs = [
        "Join on your computer, mobile app or room device: https://teams.example.com/l/meetup-join/19%3ameeting_NzQ5",
        "Join with Google Meet: https://meet.example.com/abc-defg-hij\nJoin by phone: +49 30 1234567, PIN: 123 456 789#",
        "Dial-in: +1 212 555 0100,,4711# (US); +44 20 7946 0000,,4711# (UK)",
    ]

    static let outlookAttendeeStates = ["ACCEPTED", "TENTATIVE", "NEEDS-ACTION", "DECLINED", "ACCEPTED"]
}
