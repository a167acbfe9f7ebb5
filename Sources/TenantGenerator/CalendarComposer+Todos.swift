extension CalendarComposer {
    /// Which dates a task carries.
    enum TodoDates {
        /// DUE only (a date or a zoned date-time).
        case due
        /// DTSTART and a later DUE, both zoned.
        case startAndDue
        /// Neither.
        case none
    }

    /// A VTODO: open, in progress or completed.
    mutating func writeTodo(uid: String, dates: TodoDates) {
        body.begin("VTODO")
        body.property("DTSTAMP", exportTime.utcText)
        body.property("UID", uid)
        writeTodoDates(dates)
        let created = CalendarTime(seconds: exportTime.seconds - random.int(in: 3600...(200 * CalendarTime.secondsPerDay)))
        body.property("CREATED", created.utcText)
        body.property("LAST-MODIFIED", created.adding(seconds: random.int(in: 0...(exportTime.seconds - created.seconds))).utcText)
        body.text("SUMMARY", random.pick(PhraseCatalog.taskSummaries))
        if random.chance(0.4) { body.text("DESCRIPTION", "Details:\n- " + random.pick(PhraseCatalog.agendaItems) + "\n- see mail from Zoë, 12 March") }
        if random.chance(0.3) { body.textList("CATEGORIES", [random.pick(PhraseCatalog.categories)]) }
        body.property("PRIORITY", String(random.pick([1, 5, 5, 9])))
        body.property("CLASS", random.chance(0.9) ? "PUBLIC" : "PRIVATE")
        writeTodoProgress(completedBefore: created)
        body.end("VTODO")
        components += 1
    }

    private mutating func writeTodoDates(_ dates: TodoDates) {
        switch dates {
        case .due:
            let due: EventTime = random.chance(0.5) ? .date(day: randomDay()) : .zoned(randomTime(hours: 9...18), useRandomZone())
            due.write("DUE", to: &body)
        case .startAndDue:
            let start = EventTime.zoned(randomTime(hours: 8...12), useRandomZone())
            start.write("DTSTART", to: &body)
            start.adding(seconds: CalendarTime.secondsPerDay * random.int(in: 1...14)).write("DUE", to: &body)
        case .none:
            break
        }
    }

    private mutating func writeTodoProgress(completedBefore created: CalendarTime) {
        let roll = random.int(in: 0...99)
        if roll < 55 {
            body.property("STATUS", "NEEDS-ACTION")
        } else if roll < 75 {
            body.property("STATUS", "IN-PROCESS")
            body.property("PERCENT-COMPLETE", String(25 * random.int(in: 1...3)))
        } else {
            body.property("STATUS", "COMPLETED")
            body.property("PERCENT-COMPLETE", "100")
            body.property("COMPLETED", created.adding(seconds: random.int(in: 0...(exportTime.seconds - created.seconds))).utcText)
        }
    }
}
